/**
 * Short one-time codes that move a learner's progress to another device
 * without an account. Crockford's base32 alphabet: no I, L, O or U, so a code
 * read aloud or typed on a phone is hard to get wrong.
 */

import type { Limit } from '../auth/rate-limit'

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

/** Wrong claims are counted over a sliding 15 minutes, as long as a code lives. */
export const CLAIM_WINDOW_MS = TRANSFER_CODE_TTL_MS
/** Wrong claims allowed per learner (cookie) in the window: room for typos, none for guessing. */
export const CLAIM_LEARNER_LIMIT = 10
/** Wrong claims allowed per IP address in the window (a classroom may share one). */
export const CLAIM_IP_LIMIT = 20
/**
 * Wrong claims allowed on the whole site in the window, whatever the cookies
 * and addresses: bounds how fast anyone can guess. With 32^8 ≈ 1.1 × 10^12
 * codes and L live ones, a hit takes about 1.1 × 10^12 / L guesses, so at
 * most 96,000 a day it takes about 31 years with 1,000 live codes.
 */
export const CLAIM_SITE_LIMIT = 1000

export type ClaimLimitKind = 'learner' | 'ip' | 'site'

/**
 * The limits of one claim: per learner when the browser has a learner cookie
 * (`learnerKey`: a keyed hash of it, never the id itself), per address when
 * known, and site-wide. A claim that finds its code gives its attempt back.
 */
export function claimLimits(
  learnerKey: string | null,
  ip: string | null,
): (Limit & { kind: ClaimLimitKind })[] {
  const limits: (Limit & { kind: ClaimLimitKind })[] = []
  if (learnerKey !== null)
    limits.push({
      kind: 'learner',
      bucket: `claim:learner:${learnerKey}`,
      limit: CLAIM_LEARNER_LIMIT,
      windowMs: CLAIM_WINDOW_MS,
    })
  if (ip !== null)
    limits.push({ kind: 'ip', bucket: `claim:ip:${ip}`, limit: CLAIM_IP_LIMIT, windowMs: CLAIM_WINDOW_MS })
  limits.push({ kind: 'site', bucket: 'claim:all', limit: CLAIM_SITE_LIMIT, windowMs: CLAIM_WINDOW_MS })
  return limits
}
