/**
 * Bearer tokens for embedded attempts. An iframe on a course site often gets
 * no cookies (third-party cookies blocked), so the attempt travels in the URL
 * as a random token; D1 keeps only its SHA-256, so a database leak does not
 * hand out live attempts.
 */

const TOKEN_BYTES = 24

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** A new token (32 URL-safe characters, 192 bits) and the hash to store. */
export async function newAccessToken(): Promise<{ token: string; hash: string }> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)))
  return { token, hash: await hashAccessToken(token) }
}

/** SHA-256 of the token, hex-encoded. */
export async function hashAccessToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Whether a path segment can be a token at all (saves a query for garbage). */
export const looksLikeAccessToken = (value: string) => /^[A-Za-z0-9_-]{32}$/.test(value)
