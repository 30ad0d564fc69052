/**
 * Rate limits as data: each guarded action (a sign-in's password check, a
 * sign-up, a transfer-code claim) names the buckets it counts against, and
 * db/rate-limits.ts reserves one attempt in all of them in one statement
 * before the action runs, or refuses. Counting and refusing in one statement
 * is what makes a limit hold against a burst of parallel requests.
 */

/** One bucket to count an attempt against: at most `limit` attempts per sliding `windowMs`. */
export type Limit = { bucket: string; limit: number; windowMs: number }

/** Which of an action's limits refused it, and until when. */
export type Block<Kind extends string = string> = { kind: Kind; until: number }

/** Sign-in password checks are counted over a sliding 15-minute window. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
/** Password checks allowed per account (email typed) within the window; a success clears them. */
export const ACCOUNT_FAILURE_LIMIT = 5
/** Failed password checks allowed per IP address within the window (a classroom may share one). */
export const IP_FAILURE_LIMIT = 20

export type SignInLimitKind = 'account' | 'ip'

/** The sign-in bucket of a typed email (whether or not an account has it). */
export const signInAccountBucket = (email: string) => `signin:account:${email}`

/**
 * The limits of one sign-in: per typed email (known account or not) and, when
 * the client address is known, per address. An unknown address (no
 * CF-Connecting-IP, as under `wrangler dev`) gets no address bucket rather
 * than one shared by everyone, so a flood cannot lock out a real instructor.
 */
export function signInLimits(email: string, ip: string | null): (Limit & { kind: SignInLimitKind })[] {
  const account = {
    kind: 'account' as const,
    bucket: signInAccountBucket(email),
    limit: ACCOUNT_FAILURE_LIMIT,
    windowMs: SIGN_IN_WINDOW_MS,
  }
  if (ip === null) return [account]
  return [
    account,
    { kind: 'ip', bucket: `signin:ip:${ip}`, limit: IP_FAILURE_LIMIT, windowMs: SIGN_IN_WINDOW_MS },
  ]
}

/** Sign-ups are counted over a sliding hour. */
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000
/** Sign-ups allowed per IP address per hour (a school's instructors behind one address). */
export const SIGN_UP_IP_LIMIT = 20
/** Sign-ups allowed on the whole site per hour, whatever the addresses: a cap on mass sign-ups. */
export const SIGN_UP_GLOBAL_LIMIT = 200

export type SignUpLimitKind = 'ip' | 'site'

/** The limits of one sign-up: per address when known, and site-wide. */
export function signUpLimits(ip: string | null): (Limit & { kind: SignUpLimitKind })[] {
  const site = {
    kind: 'site' as const,
    bucket: 'signup:all',
    limit: SIGN_UP_GLOBAL_LIMIT,
    windowMs: SIGN_UP_WINDOW_MS,
  }
  if (ip === null) return [site]
  return [
    { kind: 'ip', bucket: `signup:ip:${ip}`, limit: SIGN_UP_IP_LIMIT, windowMs: SIGN_UP_WINDOW_MS },
    site,
  ]
}

/**
 * When a key may try again, or null if it is not blocked: blocked while at
 * least `limit` attempts fall inside the window ending now, which lasts until
 * the `limit`-th most recent of them leaves the window. Never longer than one
 * window after the last counted attempt, so no one is locked out for good.
 * @example blockedUntil([t, t, t, t, t], 5, 900_000, t + 1) === t + 900_000
 */
export function blockedUntil(attempts: readonly number[], limit: number, windowMs: number, now: number) {
  const recent = attempts.filter((at) => at > now - windowMs).sort((a, b) => b - a)
  const decisive = recent[limit - 1]
  return decisive === undefined ? null : decisive + windowMs
}

/**
 * The longest block among `limits`, given each bucket's recent attempt times,
 * or null when none is full.
 * @example longestBlock([{ kind: 'ip', bucket: 'b', limit: 1, windowMs: 10 }], new Map([['b', [5]]]), 6) // { kind: 'ip', until: 15 }
 */
export function longestBlock<Kind extends string>(
  limits: readonly (Limit & { kind: Kind })[],
  attempts: ReadonlyMap<string, readonly number[]>,
  now: number,
): Block<Kind> | null {
  let block: Block<Kind> | null = null
  for (const { kind, bucket, limit, windowMs } of limits) {
    const until = blockedUntil(attempts.get(bucket) ?? [], limit, windowMs, now)
    if (until !== null && (!block || until > block.until)) block = { kind, until }
  }
  return block
}

/**
 * The client's address as Cloudflare reports it, or null when unknown.
 * Only `CF-Connecting-IP` is trusted: Cloudflare sets it on every request it
 * forwards (overwriting any sent by the client), whereas `X-Forwarded-For` and
 * the like are whatever the client chose to send. Without it (`wrangler dev`,
 * tests) there is no address, not a shared one.
 * @example clientAddress('203.0.113.7') === '203.0.113.7'
 */
export function clientAddress(header: string | undefined): string | null {
  const value = header?.trim()
  return value && value.length <= 64 && /^[0-9a-fA-F:.]+$/.test(value) ? value : null
}

const clock = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' })

/**
 * When a blocked person may try again, in words.
 * @example whenToRetry({ kind: 'ip', until: now + 90_000 }, now) // 'Try again in 2 minutes (after 10:32 UTC).'
 */
export function whenToRetry(block: Block, now: number): string {
  const minutes = Math.max(1, Math.ceil((block.until - now) / 60_000))
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${clock.format(block.until)} UTC).`
}

/** The Retry-After header of a block: whole seconds, at least one. */
export const retryAfterSeconds = (block: Block, now: number) =>
  String(Math.max(1, Math.ceil((block.until - now) / 1000)))

/** Passkey sign-in challenges handed out per address within the sign-in window (each one is a D1 row). */
export const PASSKEY_CHALLENGE_IP_LIMIT = 60

/**
 * The limit on asking for passkey sign-in challenges: per address when known.
 * The passkey's answer itself counts against the password sign-in's address
 * bucket (`signInLimits`), so the two ways in share one budget of failures.
 */
export function passkeyChallengeLimits(ip: string | null): (Limit & { kind: 'ip' })[] {
  if (ip === null) return []
  return [
    {
      kind: 'ip',
      bucket: `passkey:challenge:ip:${ip}`,
      limit: PASSKEY_CHALLENGE_IP_LIMIT,
      windowMs: SIGN_IN_WINDOW_MS,
    },
  ]
}

/** The address bucket alone of `signInLimits`: a passkey's answer names no account until it is checked. */
export function passkeySignInLimits(ip: string | null): (Limit & { kind: SignInLimitKind })[] {
  return signInLimits('', ip).filter((limit) => limit.kind === 'ip')
}
