import { answerNamedById } from '../bank/bank'
import { describeIssues, type ImportItem } from '../bank/import-item'
import { difficulties, questionSchema } from '../quiz/question'
import { findUnescaped, splitUnescaped, unescapeGift } from './gift-text'

/**
 * A Moodle GIFT reader that produces Cited questions.
 *
 * GIFT carries prompt, answers, feedback, a title and a category. Cited needs
 * more (evidence, difficulty, tags, a unit, ordering items), so those travel
 * in comment lines that Moodle ignores and `serialiseGift` writes:
 *
 *     // cited-evidence: <source id> | <verbatim quote>
 *     // cited-tags: pipeline | oil
 *     // cited-difficulty: hard
 *     // cited-unit: km
 *     // cited-ordering: <first item>      (one line per item, in order)
 *
 * A question without `cited-evidence` is refused with its line number: every
 * Cited answer cites its source.
 */

type Meta = {
  evidence: string | null
  tags: string | null
  difficulty: string | null
  unit: string | null
  ordering: string[]
}

type Block = { line: number; text: string; lineStarts: number[]; meta: Meta; category: string[] }

/** One answer inside `{...}`: `=` or `~`, an optional `%weight%`, the text, an optional `#feedback`. */
type Answer = { mark: '=' | '~'; weight: number | null; text: string; feedback: string | null }

/** What the structural parse of one question gives before schema validation. */
type Draft = Record<string, unknown> & { explanation: string | null }

export type ParseGiftOptions = {
  /** Makes an id when the title is not a usable one (default `q-` + random). */
  newId?: () => string
}

const META_LINE = /^\s*\/\/\s*cited-([a-z]+):\s?(.*)$/
const CATEGORY_LINE = /^\s*\$CATEGORY:\s*(.*)$/
const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/
/** Category path segments Moodle adds that say nothing about the topic. */
const CONTEXT_SEGMENTS = new Set(['$course$', '$system$', '$module$', '$coursecategory$', 'top', 'default'])

const emptyMeta = (): Meta => ({ evidence: null, tags: null, difficulty: null, unit: null, ordering: [] })

/** A random question id: `q-` and ten base-36 characters. */
export function randomQuestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10))
  return `q-${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`
}

/**
 * Parses a GIFT file into questions, each validated against Cited's schema.
 * Every malformed question is reported with the line it starts on; callers
 * save nothing unless every item is clean (see `allValid`).
 * @example parseGift('// cited-evidence: src | quote\n::capital::Capital of France?{=Paris ~Lyon ####Because.}')
 */
export function parseGift(text: string, options: ParseGiftOptions = {}): ImportItem[] {
  const newId = options.newId ?? randomQuestionId
  return splitBlocks(text).map((block) => parseBlock(block, newId))
}

/** Splits the file at blank lines; comment lines feed the next question's metadata. */
function splitBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const blocks: Block[] = []
  let category: string[] = []
  let meta = emptyMeta()
  let current: { line: number; lines: string[] } | null = null
  const flush = () => {
    if (!current) return
    const lineStarts: number[] = []
    let offset = 0
    for (const line of current.lines) {
      lineStarts.push(offset)
      offset += line.length + 1
    }
    blocks.push({ line: current.line, text: current.lines.join('\n'), lineStarts, meta, category })
    meta = emptyMeta()
    current = null
  }
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      flush()
      return
    }
    const metaLine = META_LINE.exec(line)
    if (metaLine) {
      const [, key = '', value = ''] = metaLine
      if (key === 'ordering') meta.ordering.push(value.trim())
      else if (key === 'evidence' || key === 'tags' || key === 'difficulty' || key === 'unit')
        meta[key] = value.trim()
      return
    }
    if (/^\s*\/\//.test(line)) return
    const categoryLine = current ? null : CATEGORY_LINE.exec(line)
    if (categoryLine) {
      category = (categoryLine[1] ?? '')
        .split('/')
        .map((segment) => segment.trim())
        .filter((segment) => segment && !CONTEXT_SEGMENTS.has(segment.toLowerCase()))
      return
    }
    current ??= { line: index + 1, lines: [] }
    current.lines.push(line)
  })
  flush()
  return blocks
}

/** The file line of an offset inside a block's text. */
function lineAt(block: Block, offset: number): number {
  let index = 0
  while (index + 1 < block.lineStarts.length && (block.lineStarts[index + 1] ?? 0) <= offset) index++
  return block.line + index
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Moodle exports `[html]` texts: Cited's texts are plain, so tags go and common entities are decoded. */
function htmlToText(value: string): string {
  return value
    .replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
      }
      return ENTITIES[name.toLowerCase()] ?? entity
    })
    .trim()
}

class GiftError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

function parseBlock(block: Block, newId: () => string): ImportItem {
  let title: string | null = null
  try {
    let rest = block.text
    const leading = rest.length - rest.trimStart().length
    let restOffset = leading
    rest = rest.trimStart()
    if (rest.startsWith('::')) {
      const end = findUnescaped(rest, '::', 2)
      if (end === -1)
        throw new GiftError('the title is not closed: write ::title:: before the question', block.line)
      title = unescapeGift(rest.slice(2, end)) || null
      restOffset += end + 2
      rest = rest.slice(end + 2)
    }
    const format = /^\s*\[(html|moodle|plain|markdown)\]/i.exec(rest)
    const html = format?.[1]?.toLowerCase() === 'html'
    if (format) {
      restOffset += format[0].length
      rest = rest.slice(format[0].length)
    }
    const clean = (raw: string) => {
      const value = unescapeGift(raw)
      return html ? htmlToText(value) : value
    }
    const open = findUnescaped(rest, '{')
    if (open === -1)
      throw new GiftError(
        'no answer block: a question needs {…} after its text (a text alone is a Moodle description, which Cited does not import)',
        block.line,
      )
    const close = findUnescaped(rest, '}', open + 1)
    const at = (offset: number) => lineAt(block, restOffset + offset)
    if (close === -1) throw new GiftError('the answer block opened here is never closed with }', at(open))
    const nested = findUnescaped(rest, '{', open + 1)
    if (nested !== -1 && nested < close)
      throw new GiftError('a { inside an answer block must be escaped as \\{', at(nested))
    const after = rest.slice(close + 1)
    const second = findUnescaped(after, '{')
    if (second !== -1) throw new GiftError('a question has one answer block only', at(close + 1 + second))
    const before = clean(rest.slice(0, open))
    const tail = clean(after)
    // Moodle's "missing word" form: text {answers} more text.
    const prompt = tail ? `${before} _____ ${tail}` : before
    const draft = parseAnswerBlock(rest.slice(open + 1, close), block.meta, clean, at(open))
    return finish(block, title, prompt, draft, newId)
  } catch (error) {
    if (error instanceof GiftError)
      return {
        where: `line ${error.line}`,
        title,
        question: null,
        errors: [`line ${error.line}: ${error.message}`],
      }
    throw error
  }
}

/** Reads the inside of `{...}`: the answers decide the question type. */
function parseAnswerBlock(raw: string, meta: Meta, clean: (raw: string) => string, line: number): Draft {
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

/** Adds what only the comments carry, picks the id, and validates against the question schema. */
function finish(
  block: Block,
  title: string | null,
  prompt: string,
  draft: Draft,
  newId: () => string,
): ImportItem {
  const where = `line ${block.line}`
  const errors: string[] = []
  const { meta } = block
  let evidence: { source: string; quote: string } | undefined
  if (meta.evidence === null)
    errors.push('no evidence: add a line "// cited-evidence: <source id> | <quote>" above the question')
  else {
    const bar = meta.evidence.indexOf('|')
    if (bar === -1) errors.push('cited-evidence must read "<source id> | <quote>"')
    else evidence = { source: meta.evidence.slice(0, bar).trim(), quote: meta.evidence.slice(bar + 1).trim() }
  }
  if (draft.explanation === null)
    errors.push(
      'no explanation: add general feedback at the end of the answer block, e.g. {=A ~B ####Why A.}',
    )
  const difficulty = meta.difficulty ?? 'medium'
  if (!(difficulties as readonly string[]).includes(difficulty))
    errors.push(`cited-difficulty must be one of ${difficulties.join(', ')}`)
  const tags =
    meta.tags === null
      ? block.category
      : meta.tags
          .split('|')
          .map((tag) => tag.trim())
          .filter(Boolean)
  const candidate = { ...draft, prompt, tags, difficulty, evidence, id: '' }
  candidate.id = title && KEBAB_ID.test(title) && title.length <= 80 ? title : newId()
  const parsed = questionSchema.safeParse(candidate)
  if (parsed.success && answerNamedById(parsed.data)) {
    // The title would give the answer away to learners: keep it out of the id.
    candidate.id = newId()
  }
  const checked =
    parsed.success && candidate.id !== parsed.data.id ? questionSchema.safeParse(candidate) : parsed
  if (!checked.success) {
    const skip = new Set<string>()
    if (evidence === undefined) skip.add('evidence')
    if (draft.explanation === null) skip.add('explanation')
    if (errors.some((error) => error.startsWith('cited-difficulty'))) skip.add('difficulty')
    errors.push(...describeIssues(checked.error.issues.filter((issue) => !skip.has(String(issue.path[0])))))
  }
  return {
    where,
    title,
    question: errors.length === 0 && checked.success ? checked.data : null,
    errors: errors.map((error) => `${where}: ${error}`),
  }
}
