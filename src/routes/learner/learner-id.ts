import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isHttps } from '../../http/is-https'

const COOKIE = 'cited_learner'
const ONE_YEAR = 60 * 60 * 24 * 365
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The anonymous learner id from the cookie, or null for a first visit (or a tampered cookie). */
export function readLearnerId(c: Context): string | null {
  const value = getCookie(c, COOKIE)
  return value && uuidPattern.test(value) ? value : null
}

/** Returns the learner id, creating it (and its cookie) on first use. */
export function ensureLearnerId(c: Context): string {
  const existing = readLearnerId(c)
  if (existing) return existing
  const id = crypto.randomUUID()
  setLearnerId(c, id)
  return id
}

/** Makes this browser act as learner `id` (a device joining another's progress). */
export function setLearnerId(c: Context, id: string): void {
  setCookie(c, COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: ONE_YEAR,
  })
}

/** Forgets the learner on this browser (after their progress is wiped). */
export function clearLearnerId(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/', secure: isHttps(c) })
}
