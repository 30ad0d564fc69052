/**
 * Deterministic shuffling: the same seed always gives the same order, so an
 * attempt shows its choices in one order across reloads without storing it.
 */

/** FNV-1a, 32-bit: a small, fast, non-cryptographic string hash. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function randomFrom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Fisher–Yates shuffle driven by `seed`; returns a new array.
 * @example seededShuffle('attempt-1:q-7', ['a', 'b', 'c']) // same order every call
 */
export function seededShuffle<T>(seed: string, items: readonly T[]): T[] {
  const random = randomFrom(hashString(seed))
  const result = [...items]
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[result[index], result[other]] = [result[other] as T, result[index] as T]
  }
  return result
}
