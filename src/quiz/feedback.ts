import type { Answer } from './answer'
import { describeCorrectAnswer, describeGivenAnswer, type Grade } from './grade'
import type { Question } from './question'
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
  evidence: { quote: string; source: SourceSummary }
}

export function buildFeedback(
  question: Question,
  publicId: string,
  answer: Answer,
  grade: Grade,
  source: SourceSummary,
): Feedback {
  return {
    questionId: publicId,
    correct: grade.correct,
    points: grade.points,
    yourAnswer: describeGivenAnswer(question, answer),
    correctAnswer: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    evidence: { quote: question.evidence.quote, source },
  }
}

/** What the learner's answer line says for a question left unanswered when the time ran out. */
export const NOT_ANSWERED = 'Not answered (the time ran out)'

/**
 * The feedback for a question of a finished attempt that was never answered
 * (the time limit ran out): no points, and the key, as for a wrong answer.
 */
export function unansweredFeedback(question: Question, publicId: string, source: SourceSummary): Feedback {
  return {
    questionId: publicId,
    correct: false,
    points: 0,
    yourAnswer: [NOT_ANSWERED],
    correctAnswer: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    evidence: { quote: question.evidence.quote, source },
  }
}
