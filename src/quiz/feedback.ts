import type { Answer } from './answer'
import { describeCorrectAnswer, describeGivenAnswer, type Grade } from './grade'
import { type PublicImage, publicImage } from './image-ref'
import type { TriesAndHints } from './penalties'
import { hasChoiceFeedback, type Question } from './question'
import type { SourceSummary } from './source'

/**
 * Everything a learner sees once they have answered a question: only now may
 * the correct answer reach the browser.
 */
export type Feedback = Grade & {
  /** The question's learner id (never its author id, which may name the answer). */
  questionId: string
  yourAnswer: string[]
  correctAnswer: string[]
  /** True when the order of the answer lines matters (ordering questions). */
  ordered: boolean
  explanation: string
  /**
   * The author's feedback on each choice the learner picked (only those, and
   * only now that they answered: see docs/security.md), in the order picked.
   */
  choiceFeedback: ChoiceFeedback[]
  /** The passages that prove the answer; empty for an uncited question (no source box then). */
  evidence: Citation[]
  /**
   * Set when the answer took extra tries or hints, whose penalties `points`
   * already has off (quiz/penalties.ts); absent otherwise.
   */
  path?: TriesAndHints
}

/** A cited passage as a learner sees it: the quote and its source, and a figure from the source when it has one. */
export type Citation = {
  quote: string
  source: SourceSummary
  figure?: { image: PublicImage; caption?: string }
}

/**
 * The question's evidence with each source described; null when a cited
 * source is missing from `sourceById` (a caller decides whether that is a 404
 * or a bug).
 */
export function citationsOf(
  question: Pick<Question, 'evidence'>,
  sourceById: (id: string) => SourceSummary | undefined,
): Citation[] | null {
  const citations: Citation[] = []
  for (const evidence of question.evidence) {
    const source = sourceById(evidence.source)
    if (!source) return null
    const figure = evidence.figure
    citations.push({
      quote: evidence.quote,
      source,
      ...(figure
        ? {
            figure: {
              image: publicImage(figure.image),
              ...(figure.caption ? { caption: figure.caption } : {}),
            },
          }
        : {}),
    })
  }
  return citations
}

export type ChoiceFeedback = { choice: string; text: string }

/**
 * The per-choice feedback for the choices a learner picked (their texts, as
 * `describeGivenAnswer` gives them); never any other choice's.
 * @example feedbackOnPicks(question, ['Oil']) // [{ choice: 'Oil', text: 'Oil came later.' }]
 */
export function feedbackOnPicks(question: Question, picked: string[]): ChoiceFeedback[] {
  if (!hasChoiceFeedback(question) || !question.feedback) return []
  const written = question.feedback
  return picked.flatMap((choice) => {
    const text = Object.hasOwn(written, choice) ? written[choice] : undefined
    return text ? [{ choice, text }] : []
  })
}

export function buildFeedback(
  question: Question,
  publicId: string,
  answer: Answer,
  grade: Grade,
  citations: Citation[],
  path: TriesAndHints = { triesUsed: 1, hintsUsed: 0 },
): Feedback {
  const yourAnswer = describeGivenAnswer(question, answer)
  const helped = path.triesUsed > 1 || path.hintsUsed > 0
  return {
    questionId: publicId,
    correct: grade.correct,
    points: grade.points,
    yourAnswer,
    correctAnswer: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    choiceFeedback: feedbackOnPicks(question, yourAnswer),
    evidence: citations,
    // Only the two counts: callers pass whole response rows, whose other fields must not travel.
    ...(helped ? { path: { triesUsed: path.triesUsed, hintsUsed: path.hintsUsed } } : {}),
  }
}

/** What the learner's answer line says for a question left unanswered when the time ran out. */
export const NOT_ANSWERED = 'Not answered (the time ran out)'

/**
 * The feedback for a question of a finished attempt that was never answered
 * (the time limit ran out): no points, and the key, as for a wrong answer.
 */
export function unansweredFeedback(question: Question, publicId: string, citations: Citation[]): Feedback {
  return {
    questionId: publicId,
    correct: false,
    points: 0,
    yourAnswer: [NOT_ANSWERED],
    correctAnswer: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    // Nothing was picked, so no choice's feedback applies.
    choiceFeedback: [],
    evidence: citations,
  }
}
