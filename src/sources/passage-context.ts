import { foldForQuoteMatch } from '../bank/quotes'
import type { Passage } from './passages'

/** A position in a source's text (paragraph and sentence from 0, as `passagesOf` numbers them). */
export type PassagePosition = Pick<Passage, 'paragraph' | 'sentence'>

/** The whole text of a source from its passages, in reading order: what quotes are checked against. */
export function textOfPassages(passages: readonly Passage[]): string {
  return passages.map((passage) => passage.text).join(' ')
}

/**
 * Where a quote starts in the source: the passage holding its first word, or
 * null when the quote is not in the text (quote marks, dashes and whitespace
 * folded, as the bank's check does).
 * @example locateQuote(passagesOf('One. Two three.'), 'two three') // null (case matters)
 */
export function locateQuote(passages: readonly Passage[], quote: string): PassagePosition | null {
  const wanted = foldForQuoteMatch(quote)
  if (!wanted) return null
  let joined = ''
  const starts: number[] = []
  for (const passage of passages) {
    starts.push(joined.length)
    joined += `${foldForQuoteMatch(passage.text)} `
  }
  const at = joined.indexOf(wanted)
  if (at === -1) return null
  let index = 0
  while (index + 1 < starts.length && (starts[index + 1] ?? Number.POSITIVE_INFINITY) <= at) index++
  const passage = passages[index]
  return passage ? { paragraph: passage.paragraph, sentence: passage.sentence } : null
}

/**
 * A cited passage with the sentence before and after it in reading order, so
 * an instructor can judge a quote in its context.
 */
export function contextOf(
  passages: readonly Passage[],
  position: PassagePosition,
): { before: Passage | null; passage: Passage; after: Passage | null } | null {
  const index = passages.findIndex(
    (passage) => passage.paragraph === position.paragraph && passage.sentence === position.sentence,
  )
  const passage = passages[index]
  if (!passage) return null
  return { before: passages[index - 1] ?? null, passage, after: passages[index + 1] ?? null }
}
