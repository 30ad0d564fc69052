import { seededShuffle } from './shuffle'

/** The settings that decide which questions an attempt gets, and in which order. */
export type DrawSettings = { shuffleQuestions: boolean; drawCount: number | null }

/**
 * The questions of a new attempt, from the set's `pool` (in authored order):
 * with `drawCount`, that many drawn at random; with `shuffleQuestions`, in a
 * random order, else in the order they have in the set. Both are driven by the
 * attempt's seed, so the same seed always gives the same attempt.
 * @example pickAttemptQuestions(['a', 'b', 'c', 'd'], { shuffleQuestions: false, drawCount: 2 }, 'seed') // e.g. ['b', 'd']
 */
export function pickAttemptQuestions(
  pool: readonly string[],
  settings: DrawSettings,
  seed: string,
): string[] {
  let picked = [...pool]
  if (settings.drawCount !== null && settings.drawCount < pool.length) {
    const drawn = new Set(seededShuffle(`${seed}:draw`, pool).slice(0, settings.drawCount))
    picked = pool.filter((id) => drawn.has(id))
  }
  return settings.shuffleQuestions ? seededShuffle(`${seed}:order`, picked) : picked
}

/** How many questions an attempt holds: the draw count, or the whole pool when it is smaller. */
export function questionsPerAttempt(poolSize: number, drawCount: number | null): number {
  return drawCount === null ? poolSize : Math.min(drawCount, poolSize)
}
