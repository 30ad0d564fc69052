import { hashPassword, PASSWORD_ITERATIONS, type PasswordHash, verifyPassword } from '../auth/password'
import {
  ACCOUNT_FAILURE_LIMIT,
  accountKey,
  blockedUntil,
  IP_FAILURE_LIMIT,
  ipKey,
  type LimitKind,
  SIGN_IN_WINDOW_MS,
} from '../auth/rate-limit'
import {
  isSessionToken,
  newSessionToken,
  sessionExpiry,
  sessionIdOf,
  shouldRenewSession,
} from '../auth/session-token'
import type { Db } from '../db/client'
import { findInstructorByEmail, insertInstructor } from '../db/instructors'
import { clearFailures, recentFailures, recordFailure } from '../db/login-failures'
import {
  deleteExpiredSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  renewSession,
} from '../db/sessions'

/** The instructor behind a request's session cookie. */
export type SignedInInstructor = { id: string; email: string; sessionId: string }

export type Block = { kind: LimitKind; until: number }

export type SignInResult =
  | { outcome: 'signed_in'; instructor: { id: string; email: string } }
  /** Wrong email or password; `block` is set when this failure used up the last try. */
  | { outcome: 'wrong'; block: Block | null }
  /** Too many recent failures: the password was not even checked. */
  | { outcome: 'blocked'; block: Block }

// Unknown emails are checked against this, so they take as long as known ones.
const decoy: PasswordHash = {
  hash: btoa('\0'.repeat(32)),
  salt: btoa('\0'.repeat(16)),
  iterations: PASSWORD_ITERATIONS,
}

/**
 * Creates an instructor account; returns its id, or null when the email is
 * taken. `email` must be normalised and the password already checked against
 * the policy (auth/credentials.ts).
 */
export async function createInstructor(db: Db, email: string, password: string): Promise<string | null> {
  const id = crypto.randomUUID()
  const created = await insertInstructor(db, { id, email, ...(await hashPassword(password)) })
  return created ? id : null
}

function blockOf(failures: Map<string, number[]>, email: string, ip: string, now: number): Block | null {
  const limits: [LimitKind, string, number][] = [
    ['account', accountKey(email), ACCOUNT_FAILURE_LIMIT],
    ['ip', ipKey(ip), IP_FAILURE_LIMIT],
  ]
  let block: Block | null = null
  for (const [kind, key, limit] of limits) {
    const until = blockedUntil(failures.get(key) ?? [], limit, SIGN_IN_WINDOW_MS, now)
    if (until !== null && (!block || until > block.until)) block = { kind, until }
  }
  return block
}

/**
 * Checks an email and password, rate limited per account and per IP over a
 * sliding window (auth/rate-limit.ts). A success clears the account's count;
 * the IP's count stays, so one good account cannot launder guesses at others.
 */
export async function signIn(
  db: Db,
  { email, password, ip, now }: { email: string; password: string; ip: string; now: number },
): Promise<SignInResult> {
  const keys = [accountKey(email), ipKey(ip)]
  const failures = await recentFailures(db, keys, now - SIGN_IN_WINDOW_MS)
  const block = blockOf(failures, email, ip, now)
  if (block) return { outcome: 'blocked', block }

  const instructor = await findInstructorByEmail(db, email)
  const matches = await verifyPassword(
    password,
    instructor
      ? { hash: instructor.passwordHash, salt: instructor.salt, iterations: instructor.iterations }
      : decoy,
  )
  if (!instructor || !matches) {
    await recordFailure(db, keys, now, now - SIGN_IN_WINDOW_MS)
    for (const key of keys) failures.set(key, [now, ...(failures.get(key) ?? [])])
    return { outcome: 'wrong', block: blockOf(failures, email, ip, now) }
  }
  await clearFailures(db, accountKey(email))
  return { outcome: 'signed_in', instructor: { id: instructor.id, email: instructor.email } }
}

/** Starts a session; the token goes in the cookie, only its hash in D1. */
export async function startSession(db: Db, instructorId: string, now: number) {
  const token = newSessionToken()
  const expiresAt = sessionExpiry(now, now)
  await deleteExpiredSessions(db, instructorId, now)
  await insertSession(db, {
    id: await sessionIdOf(token),
    instructorId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  })
  return { token, expiresAt }
}

/**
 * The instructor a session token belongs to, or null when it is unknown,
 * revoked or expired. Extends the session (at most once an hour); `renewedUntil`
 * then says until when, so the cookie can be extended too.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: number,
): Promise<{ instructor: SignedInInstructor; renewedUntil: number | null } | null> {
  if (!isSessionToken(token)) return null
  const sessionId = await sessionIdOf(token)
  const found = await findLiveSession(db, sessionId, now)
  if (!found) return null
  const instructor = { ...found.instructor, sessionId }
  if (!shouldRenewSession(found.session.lastSeenAt, now)) return { instructor, renewedUntil: null }
  const renewedUntil = sessionExpiry(found.session.createdAt, now)
  await renewSession(db, sessionId, now, renewedUntil)
  return { instructor, renewedUntil }
}

/** Ends the session of this token (signing out on this device). */
export async function endSession(db: Db, token: string): Promise<void> {
  if (isSessionToken(token)) await deleteSession(db, await sessionIdOf(token))
}
