import type { Answer } from './answer'
import { feedbackOnPicks } from './feedback'
import { describeGivenAnswer } from './grade'
import { hintsOf, type Question } from './question'
import type { TryAgain } from './try-again'

export { type TryAgain, tryAgainText } from './try-again'

/**
 * The try-again message for a wrong answer with tries left.
 * @example tryAgainOf(question, { choice: 'x' }, 2).triesLeft // 2
 */
export function tryAgainOf(question: Question, answer: Answer, triesLeft: number): TryAgain {
  const yourAnswer = describeGivenAnswer(question, answer)
  return { triesLeft, yourAnswer, choiceFeedback: feedbackOnPicks(question, yourAnswer) }
}

/**
 * An answer as canonical JSON (object keys sorted), so the same answer sent
 * again is recognised as the same try and never costs a second one.
 */
export function canonicalAnswer(answer: Answer): string {
  return JSON.stringify(answer, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )
}

/** A question's hints as a learner may see them: only those revealed, and the count of the rest. */
export type ItemHints = {
  /** The texts of the hints revealed so far, in order. */
  revealed: string[]
  /** How many hints the question has (the rest stay on the server until revealed). */
  total: number
  /** Percent of the question's points each hint costs (0: free). */
  cost: number
}

/**
 * The hints of a question a learner has revealed, by index; indexes past the
 * question's hints (an edited question) are skipped.
 */
export function itemHints(question: Question, revealedIndexes: number[], cost: number): ItemHints {
  const hints = hintsOf(question)
  const revealed = [...new Set(revealedIndexes)]
    .sort((a, b) => a - b)
    .flatMap((index) => (hints[index] === undefined ? [] : [hints[index]]))
  return { revealed, total: hints.length, cost }
}
