import { hashString } from './shuffle'

/** What an option is: a choice, an ordering item, a matching side, or a choice of cloze gap n (`gap1`…). */
export type OptionKind = 'choice' | 'item' | 'left' | 'right' | `gap${number}`

/**
 * The id a learner's browser uses for one choice, ordering item, or matching
 * side. It is derived from the text, never from the author's position: the
 * author writes ordering items in their correct order and matching pairs side
 * by side, so position-based ids would give the answer away.
 * @example optionId('oil-share', 'choice', 'Over 80%') // 'k3x9q1'
 */
export function optionId(questionId: string, kind: OptionKind, text: string): string {
  return hashString(`${questionId}\u0000${kind}\u0000${text}`).toString(36)
}
