import type { Submitted } from '../components/question-fields'
import { parseLooseNumber } from '../quiz/normalise'
import { MAX_GAPS, MAX_QUOTE_WORDS } from '../quiz/question'
import { citationFields, gapFields } from './question-form'

/**
 * A passage question from a source's sentence: the instructor ticks words of
 * the sentence (no JavaScript: a checkbox per word) and the ticked words
 * become gaps, their text the answer. The result is the question form's
 * fields, for the instructor to finish (variants, kinds, explanation).
 */

/** The words of a sentence as the picker shows them: runs of non-space characters. */
export function sentenceWords(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean)
}

/** Punctuation around a word stays in the passage: "exports," blanks "exports" and keeps the comma. */
const AROUND = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u

export type ClozeBuild = { ok: true; form: Submitted; gaps: number } | { ok: false; message: string }

/**
 * Builds the question form from the ticked word positions (from 0). Ticked
 * words side by side make one gap ("Saint Petersburg"); a gap whose word reads
 * as a number becomes a numeric gap. The evidence is the sentence itself, or
 * when it is longer than a quote may be, the `MAX_QUOTE_WORDS` words around
 * the first gap.
 * @example buildClozeForm({ source: 's', title: 'T', text: 'Oil goes to Novorossiysk.', blanks: [3] }) // passage 'Oil goes to {{1}}.'
 */
export function buildClozeForm({
  source,
  title,
  text,
  blanks,
}: {
  source: string
  title: string
  text: string
  blanks: number[]
}): ClozeBuild {
  const words = sentenceWords(text)
  const ticked = new Set(
    blanks.filter((index) => Number.isInteger(index) && index >= 0 && index < words.length),
  )
  if (ticked.size === 0) return { ok: false, message: 'Tick at least one word to blank out.' }
  const pieces: string[] = []
  const answers: string[] = []
  let run: { before: string; words: string[]; after: string } | null = null
  const closeRun = () => {
    if (!run) return
    answers.push(run.words.join(' '))
    pieces.push(`${run.before}{{${answers.length}}}${run.after}`)
    run = null
  }
  words.forEach((word, index) => {
    const [, before = '', core = '', after = ''] = AROUND.exec(word) ?? []
    if (!ticked.has(index) || core === '') {
      closeRun()
      pieces.push(word)
      return
    }
    // A word joins the gap before it only when nothing (no comma, no quote mark) stands between them.
    if (run && run.after === '' && before === '') {
      run.words.push(core)
      run.after = after
    } else {
      closeRun()
      run = { before, words: [core], after }
    }
  })
  closeRun()
  if (answers.length === 0) return { ok: false, message: 'Tick words, not punctuation.' }
  if (answers.length > MAX_GAPS)
    return { ok: false, message: `A passage holds at most ${MAX_GAPS} gaps: untick some words.` }

  const cited = citationFields(1)
  const form: Submitted = {
    prompt: [`Fill in the gaps in this passage from ${title}.`],
    passage: [pieces.join(' ')],
    [cited.source]: [source],
    [cited.quote]: [quoteAround(words, Math.min(...ticked))],
  }
  answers.forEach((answer, index) => {
    const names = gapFields(index + 1)
    form[names.type] = [parseLooseNumber(answer) === null ? 'text' : 'numeric']
    form[names.answer] = [answer]
  })
  return { ok: true, form, gaps: answers.length }
}

/** The sentence, or the `MAX_QUOTE_WORDS` words of it that start a little before the first gap. */
function quoteAround(words: string[], first: number): string {
  if (words.length <= MAX_QUOTE_WORDS) return words.join(' ')
  const start = Math.max(0, Math.min(first - 3, words.length - MAX_QUOTE_WORDS))
  return words.slice(start, start + MAX_QUOTE_WORDS).join(' ')
}
