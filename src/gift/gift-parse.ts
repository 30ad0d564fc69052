import { answerNamedById } from '../bank/answer-named-by-id'
import { describeIssues, type ImportItem } from '../bank/import-item'
import { difficulties, questionSchema } from '../quiz/question'
import { type Draft, GiftError, parseAnswerBlock } from './gift-answers'
import { type Block, lineAt, splitBlocks } from './gift-blocks'
import { findUnescaped, unescapeGift } from './gift-text'

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

export type ParseGiftOptions = {
  /** Makes an id when the title is not a usable one (default `q-` + random). */
  newId?: () => string
}

const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

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
  let evidence: { source: string; quote: string }[] | undefined
  if (meta.evidence.length === 0)
    errors.push('no evidence: add a line "// cited-evidence: <source id> | <quote>" above the question')
  else {
    // One line per cited passage.
    const read = meta.evidence.map((line) => {
      const bar = line.indexOf('|')
      return bar === -1 ? null : { source: line.slice(0, bar).trim(), quote: line.slice(bar + 1).trim() }
    })
    if (read.some((cited) => cited === null)) errors.push('cited-evidence must read "<source id> | <quote>"')
    else evidence = read.filter((cited) => cited !== null)
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
