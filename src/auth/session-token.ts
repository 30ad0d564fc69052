import { toBase64Url, toHex } from './bytes'

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_BYTES = 32
const tokenPattern = /^[A-Za-z0-9_-]{43}$/

const DAY = 24 * 60 * 60 * 1000
/** A session ends after 14 days without use... */
export const SESSION_IDLE_MS = 14 * DAY
/** ...and 90 days after sign-in at the latest, however often it is used. */
export const SESSION_MAX_MS = 90 * DAY
/** Use extends a session at most once an hour, so most requests only read D1. */
export const SESSION_RENEW_MS = 60 * 60 * 1000

/** A new secret for the session cookie. Only its hash (`sessionIdOf`) is stored. */
export function newSessionToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)))
}

/** Whether a cookie value can be a token at all (saves hashing junk). */
export function isSessionToken(value: string): boolean {
  return tokenPattern.test(value)
}

/**
 * The stored id of a session: the hex SHA-256 of its token. A copy of the
 * database therefore holds nothing that works as a cookie.
 */
export async function sessionIdOf(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))))
}

/** When a session used at `now` expires: 14 idle days, capped at 90 days after sign-in. */
export function sessionExpiry(createdAt: number, now: number): number {
  return Math.min(createdAt + SESSION_MAX_MS, now + SESSION_IDLE_MS)
}

/** Whether a session last extended at `lastSeenAt` should be extended again now. */
export function shouldRenewSession(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= SESSION_RENEW_MS
}
