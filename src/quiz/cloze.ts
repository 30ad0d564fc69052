import { normaliseText } from './normalise'
import { optionId } from './option-id'
import type { Gap, QuestionOf } from './question'

/**
 * Cloze (passage) questions: the rules shared by grading, the public view
 * and the answer form. Gaps are numbered from 1 in reading order.
 */

/** A gap marker in a cloze passage: `{{1}}`, `{{2}}`… numbered from 1 in reading order. */
export const GAP_MARKER = /\{\{\s*(\d+)\s*\}\}/g

/** The gap numbers of a passage's markers, in reading order: `'a {{1}} b {{2}}'` gives [1, 2]. */
export function gapMarkersOf(passage: string): number[] {
  return [...passage.matchAll(GAP_MARKER)].map((match) => Number(match[1]))
}

/** The option kind of the choices of gap `number` (from 1): each gap's ids differ even for equal texts. */
export const gapKind = (number: number) => `gap${number}` as const

/** How a gap is named to people and screen readers: "gap 2 of 4". */
export const gapLabel = (number: number, count: number) => `gap ${number} of ${count}`

/** One entry of a stored cloze answer: typed text, a number, or a stored option id. */
export type GapValue = string | number

/**
 * The words around a passage's gaps: one more piece than gaps, gap n standing
 * between pieces n-1 and n (markers are in order, once each: the schema
 * checks). Strings only, so the public form holds no number at all.
 * @example passagePieces('In {{1}}, oil {{2}}') // ['In ', ', oil ', '']
 */
export function passagePieces(passage: string): string[] {
  return passage.split(GAP_MARKER).filter((_, index) => index % 2 === 0)
}

/** Whether `value` (stored form) fills gap `number` rightly: text as the `text` type compares, numbers within tolerance. */
export function gapIsRight(
  questionId: string,
  gap: Gap,
  number: number,
  value: GapValue | undefined,
): boolean {
  switch (gap.type) {
    case 'text': {
      if (typeof value !== 'string') return false
      const given = normaliseText(value)
      return given !== '' && [gap.answer, ...gap.accept].some((accepted) => normaliseText(accepted) === given)
    }
    case 'numeric':
      return typeof value === 'number' && Math.abs(value - gap.answer) <= gap.tolerance + 1e-9
    case 'choice':
      return value === optionId(questionId, gapKind(number), gap.answer)
  }
}

/**
 * Right or wrong per gap, in passage order: what results and CSVs show beside the score.
 * @example gapResults(question, { gaps: ['Tokayev', 70] }) // [true, false]
 */
export function gapResults(question: QuestionOf<'cloze'>, answer: { gaps: GapValue[] }): boolean[] {
  return question.gaps.map((gap, index) => gapIsRight(question.id, gap, index + 1, answer.gaps[index]))
}
