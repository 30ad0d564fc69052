import { fromBase64, toBase64Url } from './bytes'

/**
 * Keyed hashes (HMAC-SHA-256) with the server's secret: values a learner sees
 * or sends but must not be able to compute or invert, such as the opaque id
 * of a question, the seed of a shuffle that decides an answer layout, or the
 * pseudonym that stands for a learner in an instructor's export. Each use
 * names its purpose, so one value can never stand in for another.
 */

export type KeyedHashPurpose = 'question-id' | 'shuffle-seed' | 'learner-pseudonym' | (string & {})

/** Imports the raw secret (base64url, as stored) as an HMAC key usable for signing only. */
export function importSecretKey(secret: string): Promise<CryptoKey> {
  const base64 = secret.replace(/-/g, '+').replace(/_/g, '/')
  return crypto.subtle.importKey(
    'raw',
    fromBase64(base64 + '='.repeat((4 - (base64.length % 4)) % 4)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
}

/** A new random secret: 32 bytes, base64url. */
export function newSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * HMAC-SHA-256 of `purpose` and `value`, base64url, cut to `length` characters
 * (6 bits each; the default 22 keeps 132 bits).
 * @example await keyedHash(key, 'question-id', 'oil-share') // 'Xq3...' (stable for this key)
 */
export async function keyedHash(
  key: CryptoKey,
  purpose: KeyedHashPurpose,
  value: string,
  length = 22,
): Promise<string> {
  const message = new TextEncoder().encode(`${purpose}\u0000${value}`)
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, message))
  return toBase64Url(signature).slice(0, length)
}
