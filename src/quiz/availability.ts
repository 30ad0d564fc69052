/**
 * When a learner may start a set and when their attempt must end: the set's
 * opening and closing dates, the grace period after closing, the time limit,
 * the attempts allowed, and the learner's accommodation (extra time, extra
 * attempts, a later closing date). Pure; every time is ms since 1970 (UTC).
 */
import type { SetSettings } from './set-settings'
import { deadlineFor } from './time-limit'

const MINUTE = 60_000

/** The part of a set's settings that says when it can be taken. */
export type SetSchedule = Pick<SetSettings, 'opensAt' | 'closesAt' | 'graceMinutes'>

/** What an instructor granted one learner on one set (db: `accommodations`). */
export type Accommodation = {
  /** Multiplies the time limit (1.5 = half as much again); null: none. */
  timeMultiplier: number | null
  /** Minutes added to the time limit (after the multiplier); null: none. */
  extraMinutes: number | null
  /** Attempts on top of the set's `attemptsAllowed`. */
  extraAttempts: number
  /** The learner's own closing date (ms); only ever later than the set's. */
  closesAt: number | null
}

export const NO_ACCOMMODATION: Accommodation = {
  timeMultiplier: null,
  extraMinutes: null,
  extraAttempts: 0,
  closesAt: null,
}

/**
 * The time limit a learner gets, in minutes (rounded up, never past a day); null without one.
 * @example accommodatedTimeLimit(20, { ...NO_ACCOMMODATION, timeMultiplier: 1.5 }) // 30
 */
export function accommodatedTimeLimit(minutes: number | null, accommodation: Accommodation): number | null {
  if (minutes === null) return null
  const scaled = minutes * (accommodation.timeMultiplier ?? 1) + (accommodation.extraMinutes ?? 0)
  return Math.min(1440, Math.ceil(scaled))
}

/**
 * The attempts a learner may start; null for unlimited.
 * @example accommodatedAttempts(1, { ...NO_ACCOMMODATION, extraAttempts: 2 }) // 3
 */
export function accommodatedAttempts(allowed: number | null, accommodation: Accommodation): number | null {
  return allowed === null ? null : allowed + accommodation.extraAttempts
}

/**
 * When new attempts stop for this learner: the set's closing date, or the
 * accommodation's when later. A set without a closing date stays open for everyone.
 */
export function closingFor(schedule: SetSchedule, accommodation: Accommodation): number | null {
  if (schedule.closesAt === null) return null
  return Math.max(schedule.closesAt, accommodation.closesAt ?? schedule.closesAt)
}

/** The moment an attempt in progress is closed because the set closed: closing plus grace; null if it never closes. */
export function closingDeadline(schedule: SetSchedule, accommodation: Accommodation): number | null {
  const closes = closingFor(schedule, accommodation)
  return closes === null ? null : closes + schedule.graceMinutes * MINUTE
}

/**
 * The deadline an attempt started at `startedAt` gets: the earlier of its
 * (accommodated) time limit and the set's closing plus grace. Null: no deadline.
 * @example effectiveDeadline({ startedAt: 0, timeLimitMinutes: 30, schedule: { opensAt: null, closesAt: 600_000, graceMinutes: 5 }, accommodation: NO_ACCOMMODATION }) // 900000
 */
export function effectiveDeadline({
  startedAt,
  timeLimitMinutes,
  schedule,
  accommodation,
}: {
  startedAt: number
  timeLimitMinutes: number | null
  schedule: SetSchedule
  accommodation: Accommodation
}): number | null {
  const limit = deadlineFor(startedAt, accommodatedTimeLimit(timeLimitMinutes, accommodation))
  const closing = closingDeadline(schedule, accommodation)
  if (limit === null) return closing
  if (closing === null) return limit
  return Math.min(limit, closing)
}

/** Whether a learner may start a new attempt now, and if not, why (with what the page says). */
export type StartDecision =
  | { ok: true }
  | { ok: false; reason: 'not_open'; opensAt: number }
  | { ok: false; reason: 'closed'; closedAt: number }
  | { ok: false; reason: 'no_attempts_left'; allowed: number }

/**
 * The start rule: not before the set opens, not after it closes (for this
 * learner), not past the attempts allowed (plus any extra).
 * @example canStart({ now: 5, schedule: { opensAt: 10, closesAt: null, graceMinutes: 0 }, accommodation: NO_ACCOMMODATION, attemptsAllowed: null, attemptsUsed: 0 }) // { ok: false, reason: 'not_open', opensAt: 10 }
 */
export function canStart({
  now,
  schedule,
  accommodation,
  attemptsAllowed,
  attemptsUsed,
}: {
  now: number
  schedule: SetSchedule
  accommodation: Accommodation
  attemptsAllowed: number | null
  attemptsUsed: number
}): StartDecision {
  if (schedule.opensAt !== null && now < schedule.opensAt)
    return { ok: false, reason: 'not_open', opensAt: schedule.opensAt }
  const closes = closingFor(schedule, accommodation)
  if (closes !== null && now >= closes) return { ok: false, reason: 'closed', closedAt: closes }
  const allowed = accommodatedAttempts(attemptsAllowed, accommodation)
  if (allowed !== null && attemptsUsed >= allowed) return { ok: false, reason: 'no_attempts_left', allowed }
  return { ok: true }
}

/** What a start page offers a learner: Start or why not, attempts left (null: unlimited), their closing date. */
export type StartStatus = { decision: StartDecision; attemptsLeft: number | null; closesAt: number | null }

/**
 * How long, in whole seconds up to `cap`, a start page stays true: until the
 * set's next opening or closing, so a cached copy never says "opens on" after
 * it opened. 0: do not cache.
 * @example secondsUntilChange({ opensAt: 30_500, closesAt: null, graceMinutes: 0 }, 0, 60) // 30
 */
export function secondsUntilChange(schedule: SetSchedule, now: number, cap: number): number {
  const next = [schedule.opensAt, schedule.closesAt].filter(
    (time): time is number => time !== null && time > now,
  )
  return next.length ? Math.min(cap, Math.floor((Math.min(...next) - now) / 1000)) : cap
}

/** True when `opensAt` and `closesAt` are in order (either may be missing). */
export function datesInOrder(schedule: Pick<SetSchedule, 'opensAt' | 'closesAt'>): boolean {
  return schedule.opensAt === null || schedule.closesAt === null || schedule.closesAt > schedule.opensAt
}
