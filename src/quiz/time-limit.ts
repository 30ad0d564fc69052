/** Time limits of attempts: deadlines are ms since 1970, like `Date.now()`. */

const MINUTE = 60_000

/**
 * The moment an attempt started at `startedAt` must be finished by, or null without a limit.
 * @example deadlineFor(0, 15) // 900000
 */
export function deadlineFor(startedAt: number, timeLimitMinutes: number | null): number | null {
  return timeLimitMinutes === null ? null : startedAt + timeLimitMinutes * MINUTE
}

/** True once `now` has reached the deadline: answers are no longer accepted. */
export function isPastDeadline(deadline: number | null, now: number): boolean {
  return deadline !== null && now >= deadline
}

/**
 * The time left as a learner reads it, rounded down to whole minutes (a
 * minute left is "less than a minute" once under 60 s).
 * @example describeTimeLeft(125_000) // '2 minutes'
 */
export function describeTimeLeft(ms: number): string {
  if (ms <= 0) return 'no time'
  if (ms < MINUTE) return 'less than a minute'
  const minutes = Math.floor(ms / MINUTE)
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `${hours} h ${rest} min` : `${hours} hours`
}
