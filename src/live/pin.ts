/**
 * Game PINs: six digits a room types from the projector. A PIN is only
 * guessable while its session lives (at most `ROOM_LIFETIME_MS`), wrong PINs
 * are rate limited per address (see `LIVE_PIN_LIMIT`), and a PIN is freed
 * when its session expires.
 */

export const PIN_PATTERN = /^\d{6}$/

/**
 * A random PIN from 100000 to 999999 (no leading zero, so it reads the same
 * as a number), from the platform's cryptographic random source.
 */
export function randomPin(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1))
  return String(100_000 + (value % 900_000))
}

/** The digits of a typed PIN ("123 456", "123-456"), or null when they are not six. */
export function readPin(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '')
  return PIN_PATTERN.test(digits) ? digits : null
}

/** How long a live session lives at most, from its start: a long lesson. */
export const ROOM_LIFETIME_MS = 4 * 60 * 60 * 1000

/** Wrong PINs an address may type in `LIVE_PIN_WINDOW_MS` (a class behind one address types a few). */
export const LIVE_PIN_LIMIT = 30
export const LIVE_PIN_WINDOW_MS = 10 * 60 * 1000

/** The rate-limit bucket of wrong PINs from one address. */
export const wrongPinBucket = (ip: string) => `live-pin:ip:${ip}`
