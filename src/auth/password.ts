import { fromBase64, toBase64 } from './bytes'

/** PBKDF2 rounds: 100,000 is the most WebCrypto on Cloudflare Workers accepts. */
export const PASSWORD_ITERATIONS = 100_000
/** A fresh random salt per password, so equal passwords never share a hash. */
export const SALT_BYTES = 16
const HASH_BITS = 256

/** What is stored for a password (base64 hash and salt, and the rounds used). */
export type PasswordHash = { hash: string; salt: string; iterations: number }

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  // NFC, so the same password typed on another keyboard or OS still matches.
  const secret = new TextEncoder().encode(password.normalize('NFC'))
  const key = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  )
  return new Uint8Array(bits)
}

/**
 * Hashes a password with PBKDF2-SHA-256 and a new random 16-byte salt.
 * @example const stored = await hashPassword('correct horse battery staple')
 */
export async function hashPassword(
  password: string,
  options: { salt?: Uint8Array<ArrayBuffer>; iterations?: number } = {},
): Promise<PasswordHash> {
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const iterations = options.iterations ?? PASSWORD_ITERATIONS
  return { hash: toBase64(await derive(password, salt, iterations)), salt: toBase64(salt), iterations }
}

/**
 * Whether `password` matches a stored hash, compared in constant time. Uses
 * the stored salt and rounds, so hashes made with other settings still verify.
 * @example await verifyPassword(typed, { hash, salt, iterations }) // true or false
 */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = fromBase64(stored.hash)
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations)
  return constantTimeEqual(actual, expected)
}

/**
 * Compares two byte strings without an early exit, so the time taken does not
 * reveal how many leading bytes matched. (workerd also has
 * `crypto.subtle.timingSafeEqual`; this runs in Node too, for the CLI.)
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let index = 0; index < length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}
