import type { Db } from '../db/client'
import { countPassages, listPassagesOf } from '../db/source-passages'
import { insertOwnSourceWithText, listVisibleSources } from '../db/sources'
import { describeCorrectAnswer } from '../quiz/grade'
import type { Evidence, Question } from '../quiz/question'
import type { SourceSummary } from '../quiz/source'
import { rankPassages } from '../sources/evidence-finder'
import { contextOf, locateQuote } from '../sources/passage-context'
import { type Passage, passagesOf } from '../sources/passages'
import { looksBinary, MAX_SOURCE_TEXT_CHARS, readableTextOf } from '../sources/source-text'
import { type AnswerKey, type CitationInContext, choiceFeedbackOf } from '../studio/answer-key'
import { randomId } from '../studio/random-id'

/** Sources with their text: adding one, checking citations against it, finding and showing passages. */

/** What is wrong with a source's text, and the status to answer with. */
export type TextProblem = { status: 400 | 413; message: string }

/** The file types the library takes; anything else that is text is read by its content anyway. */
export const SOURCE_FILE_ACCEPT = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html'

/**
 * The plain text of what was pasted or uploaded, or why it is refused: not
 * text, empty, or over `MAX_SOURCE_TEXT_CHARS` once reduced to readable text.
 */
export function sourceTextOf(
  content: string,
): { text: string; problem: null } | { text: null; problem: TextProblem } {
  if (looksBinary(content))
    return {
      text: null,
      problem: {
        status: 400,
        message: 'This file is not text: upload a .txt, .md or .html file, or paste the text.',
      },
    }
  const { text } = readableTextOf(content)
  if (!text.trim())
    return { text: null, problem: { status: 400, message: 'Paste the text of the source or choose a file.' } }
  if (text.length > MAX_SOURCE_TEXT_CHARS)
    return {
      text: null,
      problem: {
        status: 413,
        message: `The text is too long: ${text.length.toLocaleString('en')} characters; a source holds at most ${MAX_SOURCE_TEXT_CHARS.toLocaleString('en')}. Paste the part you cite.`,
      },
    }
  return { text, problem: null }
}

/** A fresh source id like `s-k3x9m2p0ab`. */
export function newSourceId(): string {
  return randomId('s')
}

/** Stores an instructor's source with its text split into passages; returns the passage count. */
export async function addOwnSource(
  db: Db,
  ownerId: string,
  source: SourceSummary,
  text: string,
  now = Date.now(),
): Promise<number> {
  const passages = passagesOf(text)
  await insertOwnSourceWithText(db, ownerId, source, passages, now)
  return passages.length
}

/**
 * Checks every cited passage against its source's stored text: a quote that
 * is not in the text is refused (`errors[index]`), one that is gets its
 * position. A source without text (the bank's when the seed texts are absent)
 * cannot be checked, and its quotes are kept as typed.
 */
export async function checkCitations(
  db: Db,
  evidence: readonly Evidence[],
): Promise<{ evidence: Evidence[]; errors: Map<number, string> }> {
  const passages = await listPassagesOf(
    db,
    evidence.map((cited) => cited.source),
  )
  const errors = new Map<number, string>()
  const checked = evidence.map((cited, index): Evidence => {
    const own = passages.filter((passage) => passage.sourceId === cited.source)
    if (own.length === 0) return { source: cited.source, quote: cited.quote }
    const at = locateQuote(own, cited.quote)
    if (!at) {
      errors.set(index, 'This quote is not in the source’s text: pick a sentence, or copy the words exactly.')
      return cited
    }
    return { source: cited.source, quote: cited.quote, paragraph: at.paragraph, sentence: at.sentence }
  })
  return { evidence: checked, errors }
}

/** A passage of one of the instructor's sources (or the bank's), with its source. */
export type SourcedPassage = Passage & { source: SourceSummary; score?: number }

/** The words of a question's correct answer, for the evidence finder. */
export function answerWordsOf(question: Question): string[] {
  if (question.type === 'numeric') return [String(question.answer)]
  // A passage's gaps, without the "Gap 1:" labels the feedback gives them.
  if (question.type === 'cloze') return question.gaps.map((gap) => String(gap.answer))
  return describeCorrectAnswer(question)
}

/**
 * The passages of the instructor's sources and the bank's that most likely
 * support the answer (BM25 over answer and prompt words), best first.
 */
export async function suggestEvidence(
  db: Db,
  ownerId: string,
  query: { prompt: string; answer: string[] },
  limit = 5,
): Promise<SourcedPassage[]> {
  const sources = await listVisibleSources(db, ownerId)
  const byId = new Map(sources.map((source) => [source.id, source]))
  const passages = await listPassagesOf(
    db,
    sources.map((source) => source.id),
  )
  return rankPassages(passages, query, limit).flatMap((passage) => {
    const source = byId.get(passage.sourceId)
    if (!source) return []
    const { ownerId: _owner, ...summary } = source
    return [
      {
        paragraph: passage.paragraph,
        sentence: passage.sentence,
        text: passage.text,
        source: summary,
        score: passage.score,
      },
    ]
  })
}

/** Each cited passage of a question in its context in the stored source text. */
export async function citationsInContext(
  db: Db,
  ownerId: string,
  question: Question,
): Promise<CitationInContext[]> {
  const sourceIds = question.evidence.map((cited) => cited.source)
  const [sources, passages] = await Promise.all([
    listVisibleSources(db, ownerId),
    listPassagesOf(db, sourceIds),
  ])
  return question.evidence.map((cited) => {
    const found = sources.find((source) => source.id === cited.source)
    const own = passages.filter((passage) => passage.sourceId === cited.source)
    const position =
      cited.paragraph !== undefined && cited.sentence !== undefined
        ? { paragraph: cited.paragraph, sentence: cited.sentence }
        : locateQuote(own, cited.quote)
    const around = position ? contextOf(own, position) : null
    const source = found ? (({ ownerId: _owner, ...summary }) => summary)(found) : null
    return {
      quote: cited.quote,
      source,
      context: around
        ? {
            before: around.before?.text ?? null,
            passage: around.passage.text,
            after: around.after?.text ?? null,
            paragraph: around.passage.paragraph,
            sentence: around.passage.sentence,
          }
        : null,
    }
  })
}

/** Whether each of these sources has a stored text (so its quotes are checked). */
export async function sourcesWithText(db: Db, sourceIds: readonly string[]): Promise<Set<string>> {
  return new Set((await countPassages(db, sourceIds)).keys())
}

/** The key an instructor checks beside the learner's view: answer, explanation, cited passages in context. */
export async function answerKeyOf(db: Db, ownerId: string, question: Question): Promise<AnswerKey> {
  return {
    correct: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    feedback: choiceFeedbackOf(question),
    citations: await citationsInContext(db, ownerId, question),
  }
}
