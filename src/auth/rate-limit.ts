/** Failed sign-ins are counted over a sliding 15-minute window. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
/** Failures allowed per account (email typed) within the window. */
export const ACCOUNT_FAILURE_LIMIT = 5
/** Failures allowed per IP address within the window (a classroom may share one). */
export const IP_FAILURE_LIMIT = 20

export type LimitKind = 'account' | 'ip'

/** The rate-limit key of an email address (whether or not an account has it). */
export const accountKey = (email: string) => `account:${email}`
/** The rate-limit key of a client address. */
export const ipKey = (ip: string) => `ip:${ip}`

/**
 * When a key may try again, or null if it is not blocked: blocked while at
 * least `limit` failures fall inside the window ending now, which lasts until
 * the `limit`-th most recent of them leaves the window. Never longer than one
 * window after the last counted failure, so no one is locked out for good.
 * @example blockedUntil([t, t, t, t, t], 5, 900_000, t + 1) === t + 900_000
 */
export function blockedUntil(failures: readonly number[], limit: number, windowMs: number, now: number) {
  const recent = failures.filter((failedAt) => failedAt > now - windowMs).sort((a, b) => b - a)
  const decisive = recent[limit - 1]
  return decisive === undefined ? null : decisive + windowMs
}
