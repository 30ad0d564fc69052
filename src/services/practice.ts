import type { Db } from '../db/client'
import {
  cardStateOf,
  findReview,
  loadCard,
  offerNextPractice,
  ReviewIdTakenError,
  recordPracticeReview,
} from '../db/learning'
import { findPracticeOffer } from '../db/practice-offers'
import { getQuestion, listSources } from '../db/quiz-sets'
import type { ReviewRow } from '../db/schema'
import { fail } from '../http/fail'
import { dueWindow } from '../learning/due'
import { ratingFor, reviewCard } from '../learning/schedule'
import { UTC } from '../learning/time-zone'
import { buildFeedback, type Citation, citationsOf, type Feedback } from '../quiz/feedback'
import { gradeAnswer, readAnswer } from '../quiz/grade'
import { learnerQuestionId } from '../quiz/learner-question-id'
import { type PublicQuestion, toPublicQuestion } from '../quiz/public-question'
import type { Question } from '../quiz/question'
import { appKey } from './app-secret'

/**
 * Practice: one question at a time from the FSRS schedule, across every set
 * the learner has taken. The server offers each question under a new review
 * id bound to the learner and the question (a practice offer); an answer is
 * graded only against the offer it names, and a replayed answer is stored once.
 */

export type PracticeItem = {
  reviewId: string
  question: PublicQuestion
  isNew: boolean
  /** When the question was shown (ms), to tell a quick right answer (Easy) from a slow one (Good). */
  shownAt: number
  /** Cards due now, this one included when it is a review (the same count as the home and progress pages). */
  dueNow: number
}

export type PracticeNext =
  | { kind: 'question'; item: PracticeItem }
  | { kind: 'done'; nextDue: number | null; laterToday: number }

/**
 * The next question to practise: due cards first, then new ones; or "done"
 * with the next due time. `zone` is the learner's time zone ("later today").
 */
export async function nextPractice(
  db: Db,
  learnerId: string | null,
  now: Date,
  zone: string = UTC,
): Promise<PracticeNext> {
  if (!learnerId) return { kind: 'done', nextDue: null, laterToday: 0 }
  // The offer is recorded in the same batch that picks its question: one round trip.
  const offer = { id: crypto.randomUUID(), seed: crypto.randomUUID(), servedAt: now.getTime() }
  const [queue, key] = await Promise.all([
    offerNextPractice(db, learnerId, offer, dueWindow(now.getTime(), zone)),
    appKey(db),
  ])
  if (!queue.next) return { kind: 'done', nextDue: queue.due.nextDue, laterToday: queue.due.laterToday }
  const { question } = queue.next
  const publicId = await learnerQuestionId(key, question.id)
  return {
    kind: 'question',
    item: {
      reviewId: offer.id,
      question: toPublicQuestion(question, { publicId, seed: offer.seed }),
      isNew: queue.next.isNew,
      shownAt: now.getTime(),
      dueNow: queue.due.dueNow,
    },
  }
}

/** A practice question as it was offered: what the learner saw, and what grading needs. */
export type OfferedPractice = {
  question: Question
  publicId: string
  shown: PublicQuestion
  citations: Citation[]
}

/**
 * The question practice offered this learner under `reviewId`. A review id the
 * server never handed to this learner is a 404: practice grades nothing else.
 */
export async function requireOfferedPractice(
  db: Db,
  learnerId: string | null,
  reviewId: string,
): Promise<OfferedPractice> {
  const offer = learnerId ? await findPracticeOffer(db, learnerId, reviewId) : null
  if (!offer)
    fail(
      404,
      'not_found',
      'This practice question was not given to you on this device. Open Practice again for a new one.',
    )
  const { question, publicId, citations } = await questionForLearner(
    db,
    offer.questionId,
    'This question is no longer available for practice.',
  )
  return { question, publicId, citations, shown: toPublicQuestion(question, { publicId, seed: offer.seed }) }
}

/** A question with its cited passages and the id the learner knows it by; a 404 saying `gone` when it was deleted. */
async function questionForLearner(
  db: Db,
  questionId: string,
  gone: string,
): Promise<{ question: Question; publicId: string; citations: Citation[] }> {
  const [question, sources, key] = await Promise.all([
    getQuestion(db, questionId),
    listSources(db),
    appKey(db),
  ])
  const citations = question && citationsOf(question, (id) => sources.get(id))
  if (!question || !citations) fail(404, 'not_found', gone)
  return { question, publicId: await learnerQuestionId(key, question.id), citations }
}

export type PracticeAnswer = {
  reviewId: string
  /** The learner id of the question, when the client sends it: it must be the offered one. */
  questionId: string | null
  answer: unknown
  shownAt: number | null
}

/**
 * Grades a practice answer against the question offered under its review id,
 * stores it in the review log and moves the card on the FSRS schedule. A
 * review id already answered returns its first feedback again, whatever the
 * new answer says.
 */
export async function answerPractice(
  db: Db,
  learnerId: string,
  input: PracticeAnswer,
  now: Date,
): Promise<{ feedback: Feedback; duplicate: boolean }> {
  const offered = await requireOfferedPractice(db, learnerId, input.reviewId)
  const { question, publicId, citations } = offered
  if (input.questionId !== null && input.questionId !== publicId)
    fail(400, 'bad_request', 'This answer names another question than the one practice offered.')
  const [earlier, card] = await Promise.all([
    findReview(db, learnerId, input.reviewId),
    loadCard(db, learnerId, question.id),
  ])
  const feedbackFor = (review: ReviewRow) =>
    buildFeedback(question, publicId, review.answer, review, citations)
  if (earlier) return { feedback: feedbackFor(earlier), duplicate: true }
  const reading = readAnswer(question, input.answer, publicId)
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
    return { feedback: feedbackFor(review), duplicate }
  } catch (error) {
    if (error instanceof ReviewIdTakenError)
      fail(409, 'conflict', 'This practice answer id is already in use. Reload to get a new question.')
    throw error
  }
}

/** The feedback of a practice answer already given (the no-JS page after the form post). */
export async function practiceFeedback(
  db: Db,
  learnerId: string | null,
  reviewId: string,
): Promise<{ prompt: string; feedback: Feedback }> {
  const review = learnerId ? await findReview(db, learnerId, reviewId) : null
  if (!review) fail(404, 'not_found', 'This practice answer does not exist, or was given on another device.')
  const { question, publicId, citations } = await questionForLearner(
    db,
    review.questionId,
    'This question is no longer in the bank.',
  )
  return {
    prompt: question.prompt,
    feedback: buildFeedback(question, publicId, review.answer, review, citations),
  }
}
