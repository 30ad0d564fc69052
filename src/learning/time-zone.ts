/**
 * Calendar days in the learner's time zone. The browser names its zone (an
 * IANA name such as `Europe/Paris`, sent in a cookie by a tiny script); the
 * server accepts it only if `Intl` knows it, and falls back to UTC otherwise
 * (no JavaScript, or a made-up value). Everything here is pure and works on
 * timestamps in ms.
 */

export const UTC = 'UTC'

/** The learner's time zone, and whether the browser told us (false: UTC, which the page says). */
export type LearnerTimeZone = { zone: string; fromBrowser: boolean }

const namePattern = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/

/**
 * The zone's canonical name when `Intl` knows it, else null.
 *
 * @example knownTimeZone('Asia/Almaty') // 'Asia/Almaty'
 * @example knownTimeZone('Mars/Olympus') // null
 */
export function knownTimeZone(name: string | null | undefined): string | null {
  if (!name || !namePattern.test(name)) return null
  try {
    // The formatter the zone's days are computed with, made once per zone and
    // isolate: a page view names the zone on every request.
    return partsFormatter(name).resolvedOptions().timeZone
  } catch {
    return null
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** The wall-clock reading in `zone` at `time` (whole seconds), read with ICU: tens of µs a call in workerd. */
function readWallClock(time: number, zone: string): number {
  const parts: Record<string, number> = {}
  for (const part of partsFormatter(zone).formatToParts(time)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  )
}

const QUARTER_HOUR = 900_000
/** Zone offsets (ms) by zone and quarter hour; cleared when full, so an isolate's memory stays bounded. */
const offsets = new Map<string, number>()
const MAX_CACHED_OFFSETS = 4096

/**
 * The zone's offset from UTC at `time`. Every clock change in the time zone
 * database since 1970 falls on a quarter hour of UTC and offsets are whole
 * minutes, so one ICU reading per zone and quarter hour serves every instant
 * in it: a progress page names a few dozen instants, mostly the same ones on
 * each visit, and ICU was most of its CPU time.
 */
export function zoneOffsetAt(time: number, zone: string): number {
  if (zone === UTC) return 0
  const quarter = Math.floor(time / QUARTER_HOUR)
  const key = `${zone} ${quarter}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR
    offset = readWallClock(start, zone) - start
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

/** The wall-clock reading in `zone` at `time`, as if it were a UTC timestamp. */
function wallClock(time: number, zone: string): number {
  return time + zoneOffsetAt(time, zone)
}

/** The day of `time` in `zone`, as `YYYY-MM-DD`. */
export function dayIn(time: number, zone: string): string {
  return new Date(wallClock(time, zone)).toISOString().slice(0, 10)
}

/** The calendar day `offset` days after `day` (negative: before), whatever the zone. */
export function addDays(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
}

/** The instant `day` begins in `zone` (its first moment when midnight is skipped by a clock change). */
export function startOfDayIn(day: string, zone: string): number {
  const midnight = Date.parse(`${day}T00:00:00Z`)
  // Subtract the zone's offset, then correct once for an offset that differs at the result (DST).
  let guess = midnight - (wallClock(midnight, zone) - midnight)
  guess = midnight - (wallClock(guess, zone) - guess)
  return guess
}

/** When the day containing `now` ends in `zone`: "today" is everything before this. */
export function endOfDayIn(now: number, zone: string): number {
  return startOfDayIn(addDays(dayIn(now, zone), 1), zone)
}

/**
 * `time` as the wall clock reads in `zone`, in the shape of an
 * `<input type="datetime-local">` value.
 * @example localDateTimeIn(Date.UTC(2026, 0, 5, 9, 30), 'Asia/Almaty') // '2026-01-05T14:30'
 */
export function localDateTimeIn(time: number, zone: string): string {
  return new Date(wallClock(time, zone)).toISOString().slice(0, 16)
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/

/**
 * The instant a wall-clock reading (`YYYY-MM-DDTHH:mm`, as a datetime-local
 * input sends it) names in `zone`; null when it is no such reading. A time
 * skipped by a clock change moves forward by the change, like a wall clock.
 * @example instantOfLocal('2026-01-05T14:30', 'Asia/Almaty') // Date.UTC(2026, 0, 5, 9, 30)
 */
export function instantOfLocal(local: string, zone: string): number | null {
  const match = localPattern.exec(local)
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  const reading = Date.UTC(year, month - 1, day, hour, minute)
  const back = new Date(reading)
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59) return null
  // As startOfDayIn: subtract the zone's offset, then correct once for a DST change in between.
  let guess = reading - (wallClock(reading, zone) - reading)
  guess = reading - (wallClock(guess, zone) - guess)
  return guess
}
