/**
 * A fresh random id for something an instructor makes: the prefix, a dash and
 * ten base-36 characters (`q-k3x9m2p0ab` for a question, `s-…` for a source).
 * Ten characters from the platform's random source make a clash vanishingly
 * rare; callers that must be sure still check the table.
 */
export function randomId(prefix: 'q' | 's'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10))
  return `${prefix}-${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`
}
