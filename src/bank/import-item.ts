import type * as z from 'zod'
import type { Question } from '../quiz/question'

/**
 * One question read from an imported file (GIFT or Cited JSON), before
 * anything is saved: the validated question, or the reasons it is refused.
 */
export type ImportItem = {
  /** Where it is in the file, for people: "line 12" (GIFT) or "item 3" (JSON). */
  where: string
  /** The GIFT title or the JSON id, shown in the preview. */
  title: string | null
  question: Question | null
  errors: string[]
}

const fieldNames: Record<string, string> = {
  choices: 'choices',
  answer: 'answer',
  accept: 'accepted answers',
  pairs: 'pairs',
  items: 'items',
  evidence: 'evidence',
  explanation: 'explanation',
  prompt: 'prompt',
}

/**
 * Turns zod issues of `questionSchema` into short sentences for the preview,
 * e.g. `choices: duplicate choice "Oil"`.
 */
export function describeIssues(issues: z.ZodError['issues']): string[] {
  return issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String)
    const field = head === undefined ? '' : [fieldNames[head] ?? head, ...rest].join('.')
    return field ? `${field}: ${issue.message}` : issue.message
  })
}

/** True when no item of the file has an error. */
export const allValid = (items: ImportItem[]): boolean =>
  items.length > 0 && items.every((item) => item.errors.length === 0 && item.question !== null)

/** The questions of a file that can be saved: those without an error (one bad question blocks no other). */
export const goodQuestions = (items: ImportItem[]): Question[] =>
  items.flatMap((item) => (item.errors.length === 0 && item.question ? [item.question] : []))
