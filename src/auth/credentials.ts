import * as z from 'zod'

/** Passwords shorter than this are refused (NIST SP 800-63B asks for at least 8; we ask a little more). */
export const MIN_PASSWORD_LENGTH = 12
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 200

/** An email address as stored: trimmed and lower-cased, so sign-in ignores case. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@school.org.'))

const commonWords = [
  'password',
  'passwort',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'cited',
]

/**
 * Why a new password is not good enough, or null when it is: length, and the
 * guessable cases (one repeated pattern, a common word plus digits, the email).
 * No composition rules: a long passphrase is fine.
 * @example newPasswordProblem('short', 'a@b.c') // 'Use at least 12 characters.'
 */
export function newPasswordProblem(password: string, email: string): string | null {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`
  const lower = password.toLowerCase()
  const letters = lower.replace(/[^\p{L}]/gu, '')
  if (new Set(lower).size < 5) return 'That password repeats too few characters. Try a few unrelated words.'
  if (letters === '') return 'Add some letters or words: digits and symbols alone are quick to guess.'
  if (commonWords.includes(letters))
    return 'That password is one of the first that attackers try. Try a few unrelated words.'
  const local = email.toLowerCase().split('@')[0] ?? ''
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local)))
    return 'Do not use your email address in your password.'
  return null
}
