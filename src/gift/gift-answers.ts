import type { Meta } from './gift-blocks'
import { findUnescaped, splitUnescaped, unescapeGift } from './gift-text'

/**
 * The second pass of the GIFT reader: what is inside `{…}` decides the
 * question type and gives its answers and feedback.
 */

/** A malformed question, at the file line where the problem is. */
export class GiftError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

/** One answer inside `{...}`: `=` or `~`, an optional `%weight%`, the text, an optional `#feedback`. */
type Answer = { mark: '=' | '~'; weight: number | null; text: string; feedback: string | null }

/** What the structural parse of one question gives before schema validation. */
export type Draft = Record<string, unknown> & { explanation: string | null }

/** Reads the inside of `{...}`: the answers decide the question type. */
export function parseAnswerBlock(
  raw: string,
  meta: Meta,
  clean: (raw: string) => string,
  line: number,
): Draft {
  let body = raw
  let general: string | null = null
  const generalAt = findUnescaped(body, '####')
  if (generalAt !== -1) {
    general = clean(body.slice(generalAt + 4)) || null
    body = body.slice(0, generalAt)
  }
  const explain = (feedback: (string | null)[]) =>
    general ?? ([...new Set(feedback.filter((text): text is string => Boolean(text)))].join(' ') || null)
  const trimmed = body.trim()

  if (trimmed === '') {
    if (!meta.ordering.length)
      throw new GiftError(
        'an empty answer block {} is a Moodle essay, which Cited cannot grade (an ordering question needs its // cited-ordering: lines)',
        line,
      )
    return { type: 'ordering', items: meta.ordering, explanation: explain([]) }
  }

  if (trimmed.startsWith('#')) return parseNumeric(trimmed.slice(1), meta, clean, explain, line)

  const [head = '', ...feedback] = splitUnescaped(trimmed, '#')
  const truth = head.trim().toUpperCase()
  if (truth === 'T' || truth === 'TRUE' || truth === 'F' || truth === 'FALSE') {
    // {TRUE#feedback for a wrong answer#feedback for a right one}: the right one reads best first.
    const [wrong = null, right = null] = feedback.map((text) => clean(text) || null)
    return { type: 'true_false', answer: truth.startsWith('T'), explanation: explain([right, wrong]) }
  }

  const answers = readAnswers(trimmed, clean, line)
  const feedbacks = answers.map((answer) => answer.feedback)
  if (answers.every((answer) => answer.mark === '=' && answer.text.includes('->'))) {
    const pairs = answers.map((answer) => {
      const split = answer.text.indexOf('->')
      const left = answer.text.slice(0, split).trim()
      const right = answer.text.slice(split + 2).trim()
      if (!left)
        throw new GiftError(
          `"${right}" has no left-hand side: extra right-hand options (= -> text) are not supported`,
          line,
        )
      return { left, right }
    })
    return { type: 'matching', pairs, explanation: explain(feedbacks) }
  }
  if (answers.every((answer) => answer.mark === '=')) {
    const partial = answers.find((answer) => answer.weight !== null && answer.weight !== 100)
    if (partial)
      throw new GiftError(
        `short answer "${partial.text}" has a partial weight (${partial.weight}%); Cited accepts an answer fully or not at all`,
        line,
      )
    const [first, ...others] = answers.map((answer) => answer.text)
    return { type: 'text', answer: first, accept: others, explanation: explain(feedbacks) }
  }

  const choices = answers.map((answer) => answer.text)
  const marked = answers.filter((answer) => answer.mark === '=')
  if (marked.length > 1)
    throw new GiftError(
      'more than one answer marked with =: for several right answers give each a weight, e.g. ~%50%A ~%50%B',
      line,
    )
  const [onlyMarked] = marked
  if (onlyMarked) {
    const partial = answers.find((answer) => answer.mark === '~' && (answer.weight ?? 0) > 0)
    if (partial)
      throw new GiftError(
        `"${partial.text}" earns partial credit (${partial.weight}%) beside the = answer; Cited's single choice is right or wrong`,
        line,
      )
    return { type: 'single', choices, answer: onlyMarked.text, explanation: explain(feedbacks) }
  }
  const right = answers.filter((answer) => (answer.weight ?? 0) > 0)
  const [onlyRight] = right
  if (!onlyRight)
    throw new GiftError(
      'no right answer: mark it with = (or give several right answers a positive %weight%)',
      line,
    )
  const penalised = answers.some((answer) => (answer.weight ?? 0) < 0)
  if (right.length === 1 && !penalised && onlyRight.weight === 100)
    return { type: 'single', choices, answer: onlyRight.text, explanation: explain(feedbacks) }
  return {
    type: 'multiple',
    choices,
    answer: right.map((answer) => answer.text),
    explanation: explain(feedbacks),
  }
}

/** `{#30:2}`, `{#28..32}`, `{#30}` or `{#=30:2#fb =%50%31:3}` (the full-credit answer is kept). */
function parseNumeric(
  raw: string,
  meta: Meta,
  clean: (raw: string) => string,
  explain: (feedback: (string | null)[]) => string | null,
  line: number,
): Draft {
  const several = findUnescaped(raw, '=') !== -1 || findUnescaped(raw, '~') !== -1
  let value: string
  let feedback: (string | null)[]
  if (several) {
    const answers = readAnswers(raw, (text) => text.trim(), line)
    const full = answers.find((answer) => answer.mark === '=' && (answer.weight ?? 100) === 100)
    if (!full) throw new GiftError('no full-credit numeric answer (=value:tolerance)', line)
    value = full.text
    feedback = answers.map((answer) => (answer.feedback ? clean(answer.feedback) : null))
  } else {
    const [head = '', ...rest] = splitUnescaped(raw, '#')
    value = head
    feedback = rest.map((text) => clean(text) || null)
  }
  const { answer, tolerance } = readNumber(unescapeGift(value), line)
  return {
    type: 'numeric',
    answer,
    tolerance,
    ...(meta.unit ? { unit: meta.unit } : {}),
    explanation: explain(feedback),
  }
}

function readNumber(text: string, line: number): { answer: number; tolerance: number } {
  const number = (part: string) => {
    const value = part.trim() === '' ? Number.NaN : Number(part.trim())
    if (!Number.isFinite(value))
      throw new GiftError(`"${text}" is not a number (write 30, 30:2 or 28..32)`, line)
    return value
  }
  const range = text.indexOf('..')
  if (range !== -1) {
    const low = number(text.slice(0, range))
    const high = number(text.slice(range + 2))
    if (high < low) throw new GiftError(`the range ${text} runs backwards`, line)
    return { answer: (low + high) / 2, tolerance: (high - low) / 2 }
  }
  const colon = text.indexOf(':')
  if (colon !== -1) return { answer: number(text.slice(0, colon)), tolerance: number(text.slice(colon + 1)) }
  return { answer: number(text), tolerance: 0 }
}

/** Splits an answer list at unescaped `=` and `~`; feedback (`#...`) is already cleaned. */
function readAnswers(raw: string, clean: (raw: string) => string, line: number): Answer[] {
  const starts: number[] = []
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] === '\\') {
      index++
      continue
    }
    if (raw[index] === '=' || raw[index] === '~') starts.push(index)
  }
  const [first] = starts
  if (first === undefined || raw.slice(0, first).trim())
    throw new GiftError('each answer must start with = (right) or ~ (wrong)', line)
  return starts.map((start, index) => {
    let piece = raw.slice(start + 1, starts[index + 1] ?? raw.length)
    let weight: number | null = null
    const weighted = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(piece)
    if (weighted) {
      weight = Number(weighted[1])
      piece = piece.slice(weighted[0].length)
    }
    const [text = '', ...feedback] = splitUnescaped(piece, '#')
    return {
      mark: raw[start] === '=' ? '=' : '~',
      weight,
      text: clean(text),
      feedback: feedback.length ? clean(feedback.join('#')) || null : null,
    }
  })
}
