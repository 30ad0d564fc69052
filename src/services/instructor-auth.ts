import { hashPassword, PASSWORD_ITERATIONS, type PasswordHash, verifyPassword } from '../auth/password'
import {
  type Block,
  type SignInLimitKind,
  type SignUpLimitKind,
  signInLimits,
  signUpLimits,
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
import { clearBucket, releaseAttempts } from '../db/rate-limits'
import {
  deleteExpiredSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  renewSession,
} from '../db/sessions'
import { currentBlock, reserve } from './rate-limits'

/** The instructor behind a request's session cookie. */
export type SignedInInstructor = { id: string; email: string; sessionId: string }

export type SignInResult =
  | { outcome: 'signed_in'; instructor: { id: string; email: string } }
  /** Wrong email or password; `block` is set when this failure used up the last try. */
  | { outcome: 'wrong'; block: Block<SignInLimitKind> | null }
  /** Too many recent tries: the password was not even checked. */
  | { outcome: 'blocked'; block: Block<SignInLimitKind> }

export type SignUpResult =
  /** The account was made, or the email already had one: deliberately the same answer. */
  { outcome: 'accepted' } | { outcome: 'blocked'; block: Block<SignUpLimitKind> }

// Unknown emails are checked against this, so they take as long as known ones.
const decoy: PasswordHash = {
  hash: btoa('\0'.repeat(32)),
  salt: btoa('\0'.repeat(16)),
  iterations: PASSWORD_ITERATIONS,
}

/**
 * Creates an instructor account; returns its id, or null when the email is
 * taken. `email` must be normalised and the password already checked against
 * the policy (auth/credentials.ts). The password is hashed either way, so a
 * taken email costs the same time as a free one.
 */
export async function createInstructor(db: Db, email: string, password: string): Promise<string | null> {
  const id = crypto.randomUUID()
  const created = await insertInstructor(db, { id, email, ...(await hashPassword(password)) })
  return created ? id : null
}

/**
 * Sign-up from the open form, rate limited per address and site-wide
 * (auth/rate-limit.ts). Says nothing of whether the email already had an
 * account, so the form cannot be used to find out who has one.
 */
export async function signUp(
  db: Db,
  { email, password, ip, now }: { email: string; password: string; ip: string | null; now: number },
): Promise<SignUpResult> {
  const attempt = await reserve(db, signUpLimits(ip), now)
  if (!attempt.ok) return { outcome: 'blocked', block: attempt.block }
  await createInstructor(db, email, password)
  return { outcome: 'accepted' }
}

/**
 * Checks an email and password, rate limited per account and per IP over a
 * sliding window (auth/rate-limit.ts). The attempt is reserved before the
 * password is checked, in one statement with the count, so parallel requests
 * get no more checks than sequential ones. A success clears the account's
 * count and takes back its own reservation from the address's count; the
 * address's other failures stay, so one good account cannot launder guesses.
 */
export async function signIn(
  db: Db,
  { email, password, ip, now }: { email: string; password: string; ip: string | null; now: number },
): Promise<SignInResult> {
  const limits = signInLimits(email, ip)
  const attempt = await reserve(db, limits, now)
  if (!attempt.ok) return { outcome: 'blocked', block: attempt.block }

  const instructor = await findInstructorByEmail(db, email)
  const matches = await verifyPassword(
    password,
    instructor
      ? { hash: instructor.passwordHash, salt: instructor.salt, iterations: instructor.iterations }
      : decoy,
  )
  if (!instructor || !matches) return { outcome: 'wrong', block: await currentBlock(db, limits, now) }
  const account = limits.find((limit) => limit.kind === 'account')
  if (account) await clearBucket(db, account.bucket)
  await releaseAttempts(db, attempt.reserved)
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
