import type { Db } from '../db/client'
import {
  cardStateOf,
  findReview,
  loadCard,
  loadPracticeQueue,
  ReviewIdTakenError,
  recordPracticeReview,
} from '../db/learning'
import { getQuestion, listSources } from '../db/quiz-sets'
import { fail } from '../http/errors'
import { ratingFor, reviewCard } from '../learning/schedule'
import { buildFeedback, type Feedback } from '../quiz/feedback'
import { gradeAnswer, readAnswer } from '../quiz/grade'
import { type PublicQuestion, toPublicQuestion } from '../quiz/public-question'

/**
 * Practice: one question at a time from the FSRS schedule, across every set
 * the learner has taken. Each practice question carries a review id chosen
 * when it is shown, so a replayed answer is stored once.
 */

export type PracticeItem = {
  reviewId: string
  question: PublicQuestion
  isNew: boolean
  /** When the question was shown (ms), to tell a quick right answer (Easy) from a slow one (Good). */
  shownAt: number
  dueNow: number
}

export type PracticeNext = { kind: 'question'; item: PracticeItem } | { kind: 'done'; nextDue: number | null }

/** The next question to practise: due cards first, then new ones; or "done" with the next due time. */
export async function nextPractice(db: Db, learnerId: string | null, now: Date): Promise<PracticeNext> {
  if (!learnerId) return { kind: 'done', nextDue: null }
  const queue = await loadPracticeQueue(db, learnerId, now.getTime())
  if (!queue.next) return { kind: 'done', nextDue: queue.nextDue }
  const reviewId = crypto.randomUUID()
  return {
    kind: 'question',
    item: {
      reviewId,
      question: toPublicQuestion(queue.next.question, reviewId),
      isNew: queue.next.isNew,
      shownAt: now.getTime(),
      dueNow: queue.dueNow,
    },
  }
}

export type PracticeAnswer = { reviewId: string; questionId: string; answer: unknown; shownAt: number | null }

/**
 * Grades a practice answer, stores it in the review log and moves the card
 * on the FSRS schedule. A review id already stored returns its feedback again.
 */
export async function answerPractice(
  db: Db,
  learnerId: string,
  input: PracticeAnswer,
  now: Date,
): Promise<{ feedback: Feedback; duplicate: boolean }> {
  const [question, sources, earlier, card] = await Promise.all([
    getQuestion(db, input.questionId),
    listSources(db),
    findReview(db, learnerId, input.reviewId),
    loadCard(db, learnerId, input.questionId),
  ])
  if (!question) fail(404, 'not_found', `There is no question "${input.questionId}".`)
  const source = sources.get(question.evidence.source)
  if (!source) throw new Error(`question ${question.id} cites unknown source ${question.evidence.source}`)
  if (earlier) {
    if (earlier.questionId !== question.id)
      fail(409, 'conflict', 'This practice answer was already given for another question.')
    return { feedback: buildFeedback(question, earlier.answer, earlier, source), duplicate: true }
  }
  const reading = readAnswer(question, input.answer)
  if (!reading.ok) fail(400, 'invalid_answer', reading.message)
  const grade = gradeAnswer(question, reading.answer)
  // A shownAt from the future or hours ago says nothing about speed: ignore it.
  const elapsed = input.shownAt === null ? null : now.getTime() - input.shownAt
  const rating = ratingFor(grade, elapsed !== null && elapsed >= 0 && elapsed < 3_600_000 ? elapsed : null)
  try {
    const { review, duplicate } = await recordPracticeReview(
      db,
      {
        id: input.reviewId,
        learnerId,
        questionId: question.id,
        attemptId: null,
        answer: reading.answer,
        grade,
        rating,
        reviewedAt: now.getTime(),
      },
      reviewCard(cardStateOf(card), rating, now),
    )
    return { feedback: buildFeedback(question, review.answer, review, source), duplicate }
  } catch (error) {
    if (error instanceof ReviewIdTakenError)
      fail(409, 'conflict', 'This practice answer id is already in use. Reload to get a new question.')
    throw error
  }
}
