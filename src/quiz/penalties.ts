import type { SetSettings } from './set-settings'

/** How a learner got to their final answer to one question. */
export type TriesAndHints = {
  /** Tries used, the final one included (1 when the first answer stood). */
  triesUsed: number
  /** Hints revealed before the final answer. */
  hintsUsed: number
}

/** The penalties a set charges, in percent of a question's points. */
export type Penalties = Pick<SetSettings, 'tryPenalty' | 'hintPenalty'>

/** Every question is worth one point (docs/learners.md#scoring). */
const QUESTION_POINTS = 1

/**
 * The points a final answer keeps once the set's penalties are taken off:
 * `tryPenalty` percent of the question's points for each try after the first
 * and `hintPenalty` percent for each hint revealed, subtracted from what the
 * answer earned, never below 0, rounded to hundredths like grades.
 * The one place this arithmetic lives: answering and regrading both call it.
 * @example pointsAfterPenalties(1, { triesUsed: 2, hintsUsed: 1 }, { tryPenalty: 33, hintPenalty: 10 }) // 0.57
 * @example pointsAfterPenalties(0.5, { triesUsed: 3, hintsUsed: 0 }, { tryPenalty: 33, hintPenalty: 0 }) // 0
 */
export function pointsAfterPenalties(
  gradePoints: number,
  { triesUsed, hintsUsed }: TriesAndHints,
  { tryPenalty, hintPenalty }: Penalties,
): number {
  const extraTries = Math.max(0, Math.floor(triesUsed) - 1)
  const hints = Math.max(0, Math.floor(hintsUsed))
  // Whole percents: summing them before dividing keeps 3 × 33% at exactly 0.99.
  const percentOff = extraTries * tryPenalty + hints * hintPenalty
  const kept = gradePoints - (QUESTION_POINTS * percentOff) / 100
  return Math.max(0, Math.round(kept * 100) / 100)
}

/**
 * What a learner is told before revealing a hint.
 * @example hintCostText(10) // "costs 10% of this question's points"
 */
export function hintCostText(hintPenalty: number): string {
  return hintPenalty === 0 ? 'free' : `costs ${hintPenalty}% of this question's points`
}
