/**
 * Live points, Kahoot style, with the quizzes' partial credit:
 *
 *   points = round(1000 × credit × (1 − elapsed / allowed / 2))
 *
 * - `credit` is the grade in [0, 1] from the quizzes' grader (src/quiz/grade.ts):
 *   1 for a right answer, a share for a partly right multiple choice or
 *   matching, 0 for a wrong one;
 * - `elapsed` is measured on the server, from the moment the question opened to
 *   the moment the answer arrived, time spent paused not counted;
 * - `allowed` is the question's time, extensions included.
 *
 * So a right answer scores between 1000 (instant) and 500 (at the last
 * moment), a half-right one between 500 and 250, a wrong one 0.
 * @example livePoints(1, 5_000, 20_000) // 875
 */
export function livePoints(credit: number, elapsedMs: number, allowedMs: number): number {
  if (credit <= 0 || allowedMs <= 0) return 0
  const share = Math.min(1, Math.max(0, elapsedMs / allowedMs))
  return Math.round(MAX_POINTS * Math.min(1, credit) * (1 - share / 2))
}

/** Points for an instant, fully right answer. */
export const MAX_POINTS = 1000
