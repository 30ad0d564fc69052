import type { ChoiceFeedback } from './feedback'

// Apart from tries.ts so the answer-form island can import it without the question schema (zod).

/**
 * What a learner sees after a wrong try while tries are left: their answer
 * and the author's feedback on the choices they picked. Never the key, the
 * explanation or the source: those come after a right answer or the last try.
 */
export type TryAgain = {
  /** Tries still open at this question (at least 1). */
  triesLeft: number
  yourAnswer: string[]
  choiceFeedback: ChoiceFeedback[]
}

/**
 * "Not quite: try again (2 tries left)".
 * @example tryAgainText(1) // "Not quite: try again (1 try left)"
 */
export function tryAgainText(triesLeft: number): string {
  return `Not quite: try again (${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left)`
}
