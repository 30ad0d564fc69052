import type { Answer } from './answer'
import { describeCorrectAnswer, describeGivenAnswer, type Grade } from './grade'
import type { Question } from './question'
import type { SourceSummary } from './source'

/**
 * Everything a learner sees once they have answered a question: only now may
 * the correct answer reach the browser.
 */
export type Feedback = Grade & {
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
  answer: Answer,
  grade: Grade,
  source: SourceSummary,
): Feedback {
  return {
    questionId: question.id,
    correct: grade.correct,
    points: grade.points,
    yourAnswer: describeGivenAnswer(question, answer),
    correctAnswer: describeCorrectAnswer(question),
    ordered: question.type === 'ordering',
    explanation: question.explanation,
    evidence: { quote: question.evidence.quote, source },
  }
}
