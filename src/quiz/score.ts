/** Score arithmetic shared by results pages and the API. */

export type Score = { points: number; max: number; percent: number }

/**
 * Sums per-question points (each in [0, 1]) against the number of questions.
 * @example summariseScore([1, 0.5, 0], 4) // { points: 1.5, max: 4, percent: 38 }
 */
export function summariseScore(points: readonly number[], questionCount: number): Score {
  const total = Math.round(points.reduce((sum, value) => sum + value, 0) * 100) / 100
  return {
    points: total,
    max: questionCount,
    percent: questionCount ? Math.round((total / questionCount) * 100) : 0,
  }
}

/**
 * Whether a score reaches a pass mark given in percent of the points. Compared
 * on the exact points (not the rounded percent), without float error; a set
 * with no points passes only a pass mark of 0.
 * @example isPassing({ points: 3, max: 5, percent: 60 }, 60) // true
 */
export function isPassing(score: Pick<Score, 'points' | 'max'>, passMark: number): boolean {
  return Math.round(score.points * 100) >= passMark * score.max
}
