/**
 * How points read to people. Points are stored to the hundredth (`grade.ts`),
 * so one question's partial credit of 1/3 is stored as 0.33; learners see the
 * fraction it stands for ("1/3 of a point"), and a total is shown to one
 * decimal, cut down rather than rounded so it never claims a point not earned
 * ("7.83 of 14 points" reads "7.8 of 14 points"; 13.96 reads "13.9", not "14").
 */

/** Largest denominator tried: matching sets and multiple select rarely have more parts. */
const MAX_PARTS = 10

/**
 * One question's points: a fraction when the stored hundredths stand for one
 * with up to ten parts, else the number.
 *
 * @example questionPointsText(0.33) // '1/3'
 * @example questionPointsText(0.5) // '1/2'
 * @example questionPointsText(1) // '1'
 */
export function questionPointsText(points: number): string {
  if (Number.isInteger(points)) return String(points)
  for (let parts = 2; parts <= MAX_PARTS; parts++) {
    const share = Math.round(points * parts)
    // Stored values are rounded to the hundredth: k/n is within 0.005 of them.
    if (share > 0 && share < parts && Math.abs(points - share / parts) <= 0.005 + 1e-9)
      return `${share}/${parts}`
  }
  return String(points)
}

/**
 * A total of points to one decimal, cut down (never up to a point not earned).
 *
 * @example totalPointsText(7.83) // '7.8'
 * @example totalPointsText(13.96) // '13.9'
 * @example totalPointsText(3) // '3'
 */
export function totalPointsText(points: number): string {
  return String(Math.floor(Math.round(points * 100) / 10) / 10)
}

/**
 * "7.8 of 14 points", "1 of 1 point".
 *
 * @example scoreText({ points: 7.83, max: 14 }) // '7.8 of 14 points'
 */
export function scoreText(score: { points: number; max: number }): string {
  return `${totalPointsText(score.points)} of ${score.max} point${score.max === 1 ? '' : 's'}`
}

/**
 * Ends a sentence after `text` with a full stop, unless it already ends with
 * one (or with ! or ?): "for Dana K." stays "for Dana K.", not "Dana K..".
 */
export function withFullStop(text: string): string {
  return /[.!?…]$/.test(text.trimEnd()) ? text.trimEnd() : `${text}.`
}
