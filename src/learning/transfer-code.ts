/**
 * Short one-time codes that move a learner's progress to another device
 * without an account. Crockford's base32 alphabet: no I, L, O or U, so a code
 * read aloud or typed on a phone is hard to get wrong.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const TRANSFER_CODE_LENGTH = 8
export const TRANSFER_CODE_TTL_MS = 15 * 60_000

/** A fresh random code, e.g. `7QK2-MZ4D` (40 bits of randomness). */
export function generateTransferCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TRANSFER_CODE_LENGTH))
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

/**
 * Reads a code as typed, in upper or lower case, with spaces or dashes, and the letters people
 * confuse with digits (O → 0, I/L → 1). Returns null when it cannot be a code.
 *
 * @example normaliseTransferCode(' 7qk2 mz4d ') // '7QK2-MZ4D'
 */
export function normaliseTransferCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (chars.length !== TRANSFER_CODE_LENGTH || [...chars].some((char) => !ALPHABET.includes(char)))
    return null
  return `${chars.slice(0, 4)}-${chars.slice(4)}`
}
