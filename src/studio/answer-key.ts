import type { Question } from '../quiz/question'
import type { SourceSummary } from '../quiz/source'

/** A cited passage as the instructor's key shows it: the quote, its source, and the sentences around it. */
export type CitationInContext = {
  quote: string
  source: SourceSummary | null
  /** Null when the source has no stored text (then the quote is unchecked). */
  context: {
    before: string | null
    passage: string
    after: string | null
    paragraph: number
    sentence: number
  } | null
}

/** What an instructor checks beside the learner's view of a question. */
export type AnswerKey = {
  correct: string[]
  ordered: boolean
  explanation: string
  /** Feedback per choice (choice text -> text), if the question has some. */
  feedback: Record<string, string> | null
  citations: CitationInContext[]
}

/**
 * A question's per-choice feedback, when it carries one (GIFT imports keep
 * Moodle's answer feedback per choice); null otherwise.
 */
export function choiceFeedbackOf(question: Question): Record<string, string> | null {
  const feedback: unknown = (question as { feedback?: unknown }).feedback
  if (!feedback || typeof feedback !== 'object') return null
  const entries = Object.entries(feedback).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  return entries.length ? Object.fromEntries(entries) : null
}
