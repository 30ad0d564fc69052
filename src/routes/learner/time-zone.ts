import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { knownTimeZone, type LearnerTimeZone, UTC } from '../../learning/time-zone'

/** Set by public/build/time-zone.js (src/client/time-zone.ts) from the browser's own zone. */
export const TIME_ZONE_COOKIE = 'cited_tz'

/** The zone the browser sent, if `Intl` knows it; UTC otherwise (no JavaScript yet, or a made-up value). */
export function readTimeZone(c: Context): LearnerTimeZone {
  const zone = knownTimeZone(getCookie(c, TIME_ZONE_COOKIE))
  return zone ? { zone, fromBrowser: true } : { zone: UTC, fromBrowser: false }
}
