import type { Meta } from './gift-blocks'
import { findUnescaped, splitUnescaped, unescapeGift } from './gift-text'

/**
 * The second pass of the GIFT reader: what is inside `{…}` decides the
 * question type and gives its answers and feedback. The type is decided the
 * way Moodle's own importer (qformat_gift) decides it, so a file means the
 * same in both: `#…` numeric, any `~` multiple choice, `=` with `->`
 * matching, `T`/`TRUE`/`F`/`FALSE` true/false, anything else short answer.
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

/**
 * Reads one text of the file (an answer, a feedback) with its format marker:
 * `[html]`, `[plain]`, `[moodle]` or `[markdown]` at its start, else the
 * question text's format, as Moodle does.
 */
export type Clean = (raw: string) => string

/** One answer inside `{...}`: `=` or `~`, an optional `%weight%`, the text, an optional `#feedback`. */
type Answer = { mark: '=' | '~'; weight: number | null; text: string; feedback: string | null }

/** What the structural parse of one question gives before schema validation. */
export type Draft = Record<string, unknown> & {
  /** The general feedback (`####…`), or for numeric and short answers their per-answer feedback joined. */
  explanation: string | null
}

/** Moodle's answer weight: `%50%`, `%-33.3%` at the start of an answer. */
const WEIGHT = /^\s*%(-?\d+(?:\.\d+)?)%/

/** Per-answer feedback of a choice question, keyed by choice text; undefined when there is none. */
function feedbackByChoice(answers: { text: string; feedback: string | null }[]) {
  const written = answers.flatMap((answer) =>
    answer.feedback ? [[answer.text, answer.feedback] as const] : [],
  )
  return written.length ? Object.fromEntries(written) : undefined
}

/** Reads the inside of `{...}`: the answers decide the question type. */
export function parseAnswerBlock(raw: string, meta: Meta, clean: Clean, line: number): Draft {
  let body = raw
  let general: string | null = null
  const generalAt = findUnescaped(body, '####')
  if (generalAt !== -1) {
    general = clean(body.slice(generalAt + 4)) || null
    body = body.slice(0, generalAt)
  }
  const joined = (feedback: (string | null)[]) =>
    general ?? ([...new Set(feedback.filter((text): text is string => Boolean(text)))].join(' ') || null)
  const trimmed = body.trim()

  // A passage question: Moodle reads the block (a missing word, or an essay for several gaps);
  // Cited reads the passage and its gaps from the cited-cloze line.
  if (meta.cloze !== null) return { ...clozeOf(meta.cloze, line), explanation: general }

  if (trimmed === '') {
    if (!meta.ordering.length)
      throw new GiftError(
        'an empty answer block {} is a Moodle essay, which Cited cannot grade (an ordering question needs its // cited-ordering: lines)',
        line,
      )
    return { type: 'ordering', items: meta.ordering, explanation: general }
  }

  if (trimmed.startsWith('#')) return parseNumeric(trimmed.slice(1), meta, clean, joined, line)

  const multichoice = findUnescaped(trimmed, '~') !== -1
  if (!multichoice && findUnescaped(trimmed, '=') !== -1 && findUnescaped(trimmed, '->') !== -1)
    return { type: 'matching', pairs: readPairs(trimmed, clean, line), explanation: general }

  if (!multichoice) {
    // {TRUE#feedback for a wrong answer#feedback for a right one}; Moodle's spellings are upper case.
    const [head = '', wrong = null, right = null] = splitUnescaped(trimmed, '#')
    const truth = head.trim()
    if (truth === 'T' || truth === 'TRUE' || truth === 'F' || truth === 'FALSE') {
      const answer = truth.startsWith('T')
      const rightText = right === null ? null : clean(right) || null
      const wrongText = wrong === null ? null : clean(wrong) || null
      const feedback = feedbackByChoice([
        { text: answer ? 'True' : 'False', feedback: rightText },
        { text: answer ? 'False' : 'True', feedback: wrongText },
      ])
      return { type: 'true_false', answer, ...(feedback ? { feedback } : {}), explanation: general }
    }
    return parseShortAnswer(trimmed, clean, joined, line)
  }

  const answers = readAnswers(trimmed, clean, line, 'choice')
  const feedback = feedbackByChoice(answers)
  const withFeedback = feedback ? { feedback } : {}
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
    return { type: 'single', choices, answer: onlyMarked.text, ...withFeedback, explanation: general }
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
    return { type: 'single', choices, answer: onlyRight.text, ...withFeedback, explanation: general }
  return {
    type: 'multiple',
    choices,
    answer: right.map((answer) => answer.text),
    ...withFeedback,
    explanation: general,
  }
}

/**
 * `{=answer =other spelling}`. Moodle's `*` wildcard has no counterpart in
 * Cited's grading, so it is refused; `\*` is a literal asterisk.
 */
function parseShortAnswer(
  raw: string,
  clean: Clean,
  joined: (feedback: (string | null)[]) => string | null,
  line: number,
): Draft {
  const answers = readAnswers(raw, (text) => text, line, 'short')
  const partial = answers.find((answer) => answer.weight !== null && answer.weight !== 100)
  if (partial)
    throw new GiftError(
      `short answer "${clean(partial.text)}" has a partial weight (${partial.weight}%); Cited accepts an answer fully or not at all`,
      line,
    )
  const texts = answers.map((answer) => {
    if (/(^|[^\\])\*/.test(answer.text))
      throw new GiftError(
        `short answer "${clean(answer.text)}" uses Moodle's * wildcard, which Cited does not support: list each accepted spelling instead (=colour =color), or write \\* for an asterisk`,
        line,
      )
    return clean(answer.text.replace(/\\\*/g, '*'))
  })
  const [first, ...others] = texts
  return {
    type: 'text',
    answer: first,
    accept: others,
    explanation: joined(answers.map((answer) => (answer.feedback === null ? null : clean(answer.feedback)))),
  }
}

/**
 * Matching as Moodle reads it: answers split at `=`, each `left -> right`.
 * The left side is a formatted text; the right side is plain (Moodle reads no
 * format marker there).
 */
function readPairs(raw: string, clean: Clean, line: number): { left: string; right: string }[] {
  const pieces = splitUnescaped(raw, '=')
  if (!pieces[0]?.trim()) pieces.shift()
  return pieces.map((piece) => {
    const split = findUnescaped(piece, '->')
    if (split === -1)
      throw new GiftError(
        `"${unescapeGift(piece)}" has no "->": every answer of a matching question is a pair`,
        line,
      )
    const left = clean(piece.slice(0, split))
    const right = unescapeGift(piece.slice(split + 2))
    if (!left)
      throw new GiftError(
        `"${right}" has no left-hand side: extra right-hand options (= -> text) are not supported`,
        line,
      )
    return { left, right }
  })
}

/**
 * Numeric as Moodle reads it: `{#30:2}`, `{#28..32}`, `{#30}`,
 * `{#=30:2#fb =%50%31:3}` (the full-credit answer is kept), and a `~` part
 * that is the feedback for any other answer: `{#3:2 ~#Completely wrong}`.
 */
function parseNumeric(
  raw: string,
  meta: Meta,
  clean: Clean,
  joined: (feedback: (string | null)[]) => string | null,
  line: number,
): Draft {
  let body = raw
  let otherwise: string | null = null
  const tilde = findUnescaped(body, '~')
  if (tilde !== -1) {
    const [, ...feedback] = splitUnescaped(body.slice(tilde + 1), '#')
    otherwise = feedback.length ? clean(feedback.join('#')) || null : null
    body = body.slice(0, tilde)
  }
  const pieces = splitUnescaped(body, '=')
  if (!pieces[0]?.trim()) pieces.shift()
  if (pieces.length === 0) throw new GiftError('no numeric answer: write {#30}, {#30:2} or {#28..32}', line)
  const answers = pieces.map((piece) => {
    const weighted = WEIGHT.exec(piece)
    const [value = '', ...feedback] = splitUnescaped(weighted ? piece.slice(weighted[0].length) : piece, '#')
    return {
      weight: weighted ? Number(weighted[1]) : 100,
      value,
      feedback: feedback.length ? clean(feedback.join('#')) || null : null,
    }
  })
  const full = answers.find((answer) => answer.weight === 100)
  if (!full) throw new GiftError('no full-credit numeric answer (=value:tolerance)', line)
  const { answer, tolerance } = readNumber(unescapeGift(full.value), line)
  return {
    type: 'numeric',
    answer,
    tolerance,
    ...(meta.unit ? { unit: meta.unit } : {}),
    explanation: joined([...answers.map((each) => each.feedback), otherwise]),
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

/**
 * Splits an answer list at unescaped `=` and `~`. As in Moodle, a `%weight%`
 * is read after `~`, and after `=` only in short answers (in a multiple
 * choice, `=` alone means full marks, so `=%80% of exports` is a choice
 * starting with "%80%"); text before the first mark is a wrong choice or
 * a short answer.
 */
function readAnswers(raw: string, clean: Clean, line: number, kind: 'choice' | 'short'): Answer[] {
  const starts: number[] = []
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] === '\\') {
      index++
      continue
    }
    if (raw[index] === '=' || raw[index] === '~') starts.push(index)
  }
  const pieces: { mark: '=' | '~'; piece: string }[] = []
  const bare = raw.slice(0, starts[0] ?? raw.length)
  if (bare.trim()) pieces.push({ mark: kind === 'choice' ? '~' : '=', piece: bare })
  starts.forEach((start, index) => {
    pieces.push({
      mark: raw[start] === '=' ? '=' : '~',
      piece: raw.slice(start + 1, starts[index + 1] ?? raw.length),
    })
  })
  if (pieces.length === 0) throw new GiftError('each answer must start with = (right) or ~ (wrong)', line)
  return pieces.map(({ mark, piece }) => {
    let text = piece
    let weight: number | null = null
    const weighted = mark === '~' || kind === 'short' ? WEIGHT.exec(text) : null
    if (weighted) {
      weight = Number(weighted[1])
      text = text.slice(weighted[0].length)
    }
    const [answer = '', ...feedback] = splitUnescaped(text, '#')
    return {
      mark,
      weight,
      text: clean(answer),
      feedback: feedback.length ? clean(feedback.join('#')) || null : null,
    }
  })
}

/** The prompt, passage and gaps of a `cited-cloze` line (the schema checks them afterwards). */
function clozeOf(json: string, line: number): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new GiftError('cited-cloze must be one line of JSON: {"prompt", "passage", "gaps"}', line)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new GiftError('cited-cloze must be a JSON object: {"prompt", "passage", "gaps"}', line)
  const { prompt, passage, gaps } = value as Record<string, unknown>
  return { type: 'cloze', prompt, passage, gaps }
}
