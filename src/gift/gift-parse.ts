import { answerNamedById } from '../bank/answer-named-by-id'
import { describeIssues, type ImportItem } from '../bank/import-item'
import { describeCorrectAnswer } from '../quiz/grade'
import { difficulties, type Evidence, type Question, questionSchema } from '../quiz/question'
import { randomId } from '../studio/random-id'
import { type Clean, type Draft, GiftError, parseAnswerBlock } from './gift-answers'
import { type Block, lineAt, splitBlocks } from './gift-blocks'
import { readImageLines } from './gift-images'
import { findUnescaped, unescapeGift } from './gift-text'

/**
 * A Moodle GIFT reader that produces Cited questions.
 *
 * GIFT carries prompt, answers, feedback, a title and a category. Cited needs
 * more (evidence, difficulty, tags, a unit, ordering items), so those travel
 * in comment lines that Moodle ignores and `serialiseGift` writes:
 *
 *     // cited-evidence: <source id> [@p3s2] | <verbatim quote>   (one line per passage; none: uncited)
 *     // cited-tags: pipeline | oil
 *     // cited-difficulty: hard
 *     // cited-unit: km
 *     // cited-ordering: <first item>      (one line per item, in order)
 *     // cited-cloze: {"prompt": …, "passage": …, "gaps": […]}   (a passage question, one line of JSON)
 *     // cited-hint: <a hint>               (one line per hint, in the order learners reveal them)
 *
 * Moodle's own comments `// [tag:…]` and `// [id:…]` become tags, and
 * per-answer feedback of a choice question is kept per choice (`feedback`).
 */

export type ParseGiftOptions = {
  /** Makes an id when the title is not a usable one (default `q-` + random). */
  newId?: () => string
}

const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A random question id: `q-` and ten base-36 characters. */
export function randomQuestionId(): string {
  return randomId('q')
}

/**
 * Parses a GIFT file into questions, each validated against Cited's schema.
 * Every malformed question is reported with the line it starts on; the
 * others are read regardless, so callers can save the good ones.
 * @example parseGift('// cited-evidence: src | quote\n::capital::Capital of France?{=Paris ~Lyon ####Because.}')
 */
export function parseGift(text: string, options: ParseGiftOptions = {}): ImportItem[] {
  const newId = options.newId ?? randomQuestionId
  return splitBlocks(text).map((block) => parseBlock(block, newId))
}

/** Moodle's format markers, read at the start of a question text, an answer or a feedback. */
const FORMAT_MARKER = /^\s*\[(html|moodle|plain|markdown)\]/i

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
    const format = FORMAT_MARKER.exec(rest)
    const questionFormat = format?.[1]?.toLowerCase() ?? 'moodle'
    if (format) {
      restOffset += format[0].length
      rest = rest.slice(format[0].length)
    }
    // Answers and feedback may carry their own marker; without one they take the question text's.
    const clean: Clean = (raw) => {
      const own = FORMAT_MARKER.exec(raw)
      const value = unescapeGift(own ? raw.slice(own[0].length) : raw)
      return (own?.[1]?.toLowerCase() ?? questionFormat) === 'html' ? htmlToText(value) : value
    }
    const cleanQuestionText = (raw: string) => {
      const value = unescapeGift(raw)
      return questionFormat === 'html' ? htmlToText(value) : value
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
    const before = cleanQuestionText(rest.slice(0, open))
    const tail = cleanQuestionText(after)
    // Moodle's "missing word" form: text {answers} more text.
    const prompt = tail ? `${before} _____ ${tail}` : before
    const draft = parseAnswerBlock(rest.slice(open + 1, close), block.meta, clean, at(open))
    // A passage question's prompt travels in its cited-cloze line (the GIFT text is the passage).
    const ownPrompt = typeof draft.prompt === 'string' ? draft.prompt : prompt
    return finish(block, title, ownPrompt, draft, newId)
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

/**
 * The tags of a question: its `cited-tags` line when there is one (an empty
 * line means none), else its `$CATEGORY` path and Moodle's `[tag:]`/`[id:]`
 * comments together.
 */
function tagsOf(block: Block): string[] {
  if (block.meta.tags !== null)
    return block.meta.tags
      .split('|')
      .map((tag) => tag.trim())
      .filter(Boolean)
  return [...new Set([...block.category, ...block.meta.moodleTags])]
}

/**
 * The source of a `cited-evidence` line, with the passage's position in the
 * source's stored text when the line gives one: `courier @p3s2`.
 */
function citedSource(written: string): Pick<Evidence, 'source' | 'paragraph' | 'sentence'> {
  const positioned = /^(.*?)\s+@(?:p(\d+))?(?:s(\d+))?$/.exec(written)
  if (!positioned?.[1] || (positioned[2] === undefined && positioned[3] === undefined))
    return { source: written }
  return {
    source: positioned[1],
    ...(positioned[2] === undefined ? {} : { paragraph: Number(positioned[2]) }),
    ...(positioned[3] === undefined ? {} : { sentence: Number(positioned[3]) }),
  }
}

/** Stands in for a missing explanation until the question is parsed and the sentence can name its answer. */
const NO_EXPLANATION = 'x'

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
  // No cited-evidence line: an uncited question (an ordinary Moodle file), which the studio flags.
  const evidence: Evidence[] = []
  for (const line of meta.evidence) {
    const bar = line.indexOf('|')
    if (bar === -1) errors.push('cited-evidence must read "<source id> | <quote>"')
    else evidence.push({ ...citedSource(line.slice(0, bar).trim()), quote: line.slice(bar + 1).trim() })
  }
  const difficulty = meta.difficulty ?? 'medium'
  if (!(difficulties as readonly string[]).includes(difficulty))
    errors.push(`cited-difficulty must be one of ${difficulties.join(', ')}`)
  // A question without general feedback (most Moodle files) still needs an explanation: one
  // naming the answer is written once the answer is known. Per-answer feedback stays per choice.
  const candidate = {
    ...draft,
    explanation: draft.explanation ?? NO_EXPLANATION,
    prompt,
    tags: tagsOf(block),
    difficulty,
    evidence,
    ...(meta.hints.length ? { hints: meta.hints } : {}),
    id: '',
  }
  readImageLines(meta.images, candidate, errors)
  candidate.id = title && KEBAB_ID.test(title) && title.length <= 80 ? title : newId()
  const parsed = questionSchema.safeParse(candidate)
  if (parsed.success && answerNamedById(parsed.data)) {
    // The title would give the answer away to learners: keep it out of the id.
    candidate.id = newId()
  }
  if (parsed.success && draft.explanation === null) candidate.explanation = explanationFromAnswer(parsed.data)
  const checked =
    parsed.success && (candidate.id !== parsed.data.id || draft.explanation === null)
      ? questionSchema.safeParse(candidate)
      : parsed
  if (!checked.success) {
    const skip = new Set<string>()
    if (errors.some((error) => error.startsWith('cited-evidence'))) skip.add('evidence')
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

/** The explanation of a question whose file gave none: its answer, in a sentence. */
function explanationFromAnswer(question: Question): string {
  const answer = describeCorrectAnswer(question)
  const sentence =
    question.type === 'ordering'
      ? `The order is: ${answer.join('; ')}.`
      : `The answer is: ${answer.join('; ')}.`
  return sentence.slice(0, 1500)
}
