import type { Answer } from '../quiz/answer'
import { describeGivenAnswer } from '../quiz/grade'
import { normaliseText } from '../quiz/normalise'
import type { Question } from '../quiz/question'

/**
 * Classical item analysis over completed attempts: facility (share of fully
 * correct answers) and discrimination (corrected point-biserial: the Pearson
 * correlation between the points on the question and the attempt's points
 * on every other question), plus the most chosen wrong answer.
 */

/** Sums the database adds up per question, so 100,000 responses never leave D1 one by one. */
export type ItemSums = {
  /** Responses to the question in completed attempts. */
  n: number
  /** Fully correct responses. */
  correct: number
  /** x = points on this question, y = the attempt's rest score (its points minus x). */
  sumX: number
  sumY: number
  sumXX: number
  sumYY: number
  sumXY: number
}

/**
 * Share of fully correct answers, or null without answers.
 * @example facility({ n: 4, correct: 3 }) // 0.75
 */
export function facility(sums: Pick<ItemSums, 'n' | 'correct'>): number | null {
  return sums.n > 0 ? sums.correct / sums.n : null
}

/**
 * Pearson's r from running sums; null for fewer than two pairs or when either
 * side has no variance (everyone scored the same), where r is undefined.
 * With right/wrong items (x is 0 or 1) this is the point-biserial correlation.
 */
export function correlationFromSums(sums: Omit<ItemSums, 'correct'>): number | null {
  const { n, sumX, sumY, sumXX, sumYY, sumXY } = sums
  if (n < 2) return null
  const varX = n * sumXX - sumX * sumX
  const varY = n * sumYY - sumY * sumY
  // Sums of floats: treat a variance within rounding noise of zero as zero.
  if (varX <= 1e-9 * Math.max(1, n * sumXX) || varY <= 1e-9 * Math.max(1, n * sumYY)) return null
  const r = (n * sumXY - sumX * sumY) / Math.sqrt(varX * varY)
  return Math.max(-1, Math.min(1, r))
}

/** Running sums of (item points, rest score) pairs; the SQL in db/results.ts computes the same. */
export function sumPairs(
  pairs: readonly { points: number; attemptScore: number; correct: boolean }[],
): ItemSums {
  const sums: ItemSums = { n: 0, correct: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }
  for (const { points, attemptScore, correct } of pairs) {
    const rest = attemptScore - points
    sums.n++
    if (correct) sums.correct++
    sums.sumX += points
    sums.sumY += rest
    sums.sumXX += points * points
    sums.sumYY += rest * rest
    sums.sumXY += points * rest
  }
  return sums
}

/**
 * The discrimination of one question from its responses: the correlation
 * between its points and the attempt's rest score (corrected point-biserial).
 * @example discrimination([{ points: 1, attemptScore: 3, correct: true }, { points: 0, attemptScore: 0, correct: false }]) // 1
 */
export function discrimination(
  pairs: readonly { points: number; attemptScore: number; correct: boolean }[],
): number | null {
  return correlationFromSums(sumPairs(pairs))
}

/** A wrong answer as people read it, with how many gave it. */
export type WrongAnswer = { text: string; count: number }

/**
 * The text of an answer, one line per part joined with "; ". Parts whose
 * order carries no meaning (multiple choice, matching) are sorted, so the same
 * picks in another order count as the same answer.
 */
export function answerText(question: Question, answer: Answer): string {
  const lines = describeGivenAnswer(question, answer)
  const unordered = question.type === 'multiple' || question.type === 'matching'
  const text = (unordered ? [...lines].sort((a, b) => a.localeCompare(b)) : lines).join('; ')
  return text === '' ? '(nothing chosen)' : text
}

/**
 * The most chosen wrong (not fully correct) answer, merging answers that read
 * the same (typed text compares loosely: case, accents, punctuation); ties go
 * to the alphabetically first. Null when nobody answered wrongly.
 * @example mostChosenWrongAnswer(q, [{ answer: a, count: 3 }, { answer: b, count: 5 }]) // { text: 'B', count: 5 }
 */
export function mostChosenWrongAnswer(
  question: Question,
  wrong: readonly { answer: Answer; count: number }[],
): WrongAnswer | null {
  const groups = new Map<string, { count: number; forms: Map<string, number> }>()
  for (const { answer, count } of wrong) {
    const text = answerText(question, answer)
    const key = question.type === 'text' ? normaliseText(text) : text
    const group = groups.get(key) ?? { count: 0, forms: new Map<string, number>() }
    group.count += count
    group.forms.set(text, (group.forms.get(text) ?? 0) + count)
    groups.set(key, group)
  }
  let best: WrongAnswer | null = null
  for (const group of groups.values()) {
    // Show the most common spelling of a merged group.
    const text = [...group.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
    if (
      !best ||
      group.count > best.count ||
      (group.count === best.count && text.localeCompare(best.text) < 0)
    )
      best = { text, count: group.count }
  }
  return best
}

/** One row of the per-question table. */
export type ItemStats = {
  questionId: string
  prompt: string
  responses: number
  facility: number | null
  discrimination: number | null
  mostChosenWrong: WrongAnswer | null
}

/** The per-question table from the database's sums and wrong-answer counts. */
export function analyseItem(
  question: Question,
  sums: ItemSums | undefined,
  wrong: readonly { answer: Answer; count: number }[],
): ItemStats {
  const empty: ItemSums = { n: 0, correct: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }
  const used = sums ?? empty
  return {
    questionId: question.id,
    prompt: question.prompt,
    responses: used.n,
    facility: facility(used),
    discrimination: correlationFromSums(used),
    mostChosenWrong: mostChosenWrongAnswer(question, wrong),
  }
}
