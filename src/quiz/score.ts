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
