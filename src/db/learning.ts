import { and, asc, eq, inArray, isNull, lte, notExists, sql } from 'drizzle-orm'
import type { DueSummary, DueWindow } from '../learning/due'
import type { CardState } from '../learning/schedule'
import type { Answer } from '../quiz/answer'
import type { Grade } from '../quiz/grade'
import type { Question } from '../quiz/question'
import type { Db } from './client'
import {
  attempts,
  type CardRow,
  cards,
  learners,
  questions,
  quizSets,
  type ReviewRow,
  reviews,
  setQuestions,
} from './schema'

export type NewReview = {
  id: string
  learnerId: string
  questionId: string
  attemptId: string | null
  answer: Answer
  grade: Grade
  rating: number
  reviewedAt: number
}

/**
 * The two writes of one review, to put in the same batch as anything else the
 * answer changes: the card upsert runs only if this review id was never stored
 * (so a replayed answer never moves the schedule twice), then the review log row.
 */
export function reviewWrites(db: Db, review: NewReview, card: CardState) {
  const cardValues = { learnerId: review.learnerId, questionId: review.questionId, ...card }
  const { learnerId: _learner, questionId: _question, ...cardUpdate } = cardValues
  return [
    db
      .insert(cards)
      .values(cardValues)
      .onConflictDoUpdate({
        target: [cards.learnerId, cards.questionId],
        set: cardUpdate,
        setWhere: notExists(db.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, review.id))),
      }),
    db
      .insert(reviews)
      .values({
        id: review.id,
        learnerId: review.learnerId,
        questionId: review.questionId,
        attemptId: review.attemptId,
        answer: review.answer,
        correct: review.grade.correct,
        points: review.grade.points,
        rating: review.rating,
        reviewedAt: review.reviewedAt,
      })
      .onConflictDoNothing()
      .returning({ id: reviews.id }),
  ] as const
}

/** Stores a practice answer and its card; a replayed review id returns the stored row. */
export async function recordPracticeReview(
  db: Db,
  review: NewReview,
  card: CardState,
): Promise<{ review: ReviewRow; duplicate: boolean }> {
  const [cardWrite, reviewWrite] = reviewWrites(db, review, card)
  const [, , inserted, stored] = await db.batch([
    db.insert(learners).values({ id: review.learnerId }).onConflictDoNothing(),
    cardWrite,
    reviewWrite,
    db
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, review.id), eq(reviews.learnerId, review.learnerId))),
  ])
  const row = stored[0]
  if (!row) throw new ReviewIdTakenError(review.id)
  return { review: row, duplicate: inserted.length === 0 }
}

/** A practice review id that belongs to another learner. */
export class ReviewIdTakenError extends Error {
  constructor(id: string) {
    super(`review ${id} belongs to another learner`)
  }
}

export async function findReview(db: Db, learnerId: string, reviewId: string): Promise<ReviewRow | null> {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.id, reviewId), eq(reviews.learnerId, learnerId)))
  return row ?? null
}

export async function loadCard(db: Db, learnerId: string, questionId: string): Promise<CardRow | null> {
  const [row] = await db
    .select()
    .from(cards)
    .where(and(eq(cards.learnerId, learnerId), eq(cards.questionId, questionId)))
  return row ?? null
}

/**
 * Questions from every bank set the learner has started an attempt at. An
 * instructor's set is left out: its `set_questions` are the studio's draft, and
 * practising its questions could show the key of an exam (or a timed or
 * limited attempt) still in progress. Its questions answered in attempts
 * with feedback still come back as due cards.
 */
const takenQuestionIds = (db: Db, learnerId: string) =>
  db
    .selectDistinct({ id: setQuestions.questionId })
    .from(setQuestions)
    .where(
      inArray(
        setQuestions.setSlug,
        db
          .select({ slug: attempts.setSlug })
          .from(attempts)
          .innerJoin(quizSets, eq(quizSets.slug, attempts.setSlug))
          .where(and(eq(attempts.learnerId, learnerId), isNull(quizSets.ownerId))),
      ),
    )

/** `isDue` (src/learning/due.ts) in SQL: the card's due time has come. */
const isDueAt = (now: number) => lte(cards.due, now)

/**
 * The one query of what is due (the definition is `src/learning/due.ts`):
 * cards due now (`due <= now`), cards falling due later today, and the next
 * due time after now. The home page, the progress page and the practice
 * queue all run this statement, so their counts agree.
 */
const dueSummaryQuery = (db: Db, learnerId: string, window: DueWindow) =>
  db
    .select({
      dueNow: sql<number>`coalesce(sum(${isDueAt(window.now)}), 0)`,
      laterToday: sql<number>`coalesce(sum(${cards.due} > ${window.now} and ${cards.due} < ${window.endOfToday}), 0)`,
      nextDue: sql<number | null>`min(case when ${cards.due} > ${window.now} then ${cards.due} end)`,
    })
    .from(cards)
    .where(eq(cards.learnerId, learnerId))

const summaryOf = (rows: { dueNow: number; laterToday: number; nextDue: number | null }[]): DueSummary => ({
  dueNow: Number(rows[0]?.dueNow ?? 0),
  laterToday: Number(rows[0]?.laterToday ?? 0),
  nextDue: rows[0]?.nextDue ?? null,
})

/** What is due for this learner (see `dueSummaryQuery`). */
export async function loadDueSummary(db: Db, learnerId: string, window: DueWindow): Promise<DueSummary> {
  return summaryOf(await dueSummaryQuery(db, learnerId, window))
}

export type PracticeQueue = {
  /** The question to practise now: the most overdue card, else a new question from a set already taken. */
  next: { question: Question; isNew: boolean } | null
  due: DueSummary
}

/** What practice should show next, in one round trip. */
export async function loadPracticeQueue(
  db: Db,
  learnerId: string,
  window: DueWindow,
): Promise<PracticeQueue> {
  const mine = eq(cards.learnerId, learnerId)
  const [due, fresh, summary] = await db.batch([
    db
      .select({ body: questions.body })
      .from(cards)
      .innerJoin(questions, eq(questions.id, cards.questionId))
      .where(and(mine, isDueAt(window.now)))
      .orderBy(asc(cards.due))
      .limit(1),
    db
      .select({ body: questions.body })
      .from(setQuestions)
      .innerJoin(questions, eq(questions.id, setQuestions.questionId))
      .leftJoin(cards, and(mine, eq(cards.questionId, setQuestions.questionId)))
      .where(and(inArray(setQuestions.questionId, takenQuestionIds(db, learnerId)), isNull(cards.questionId)))
      .orderBy(asc(setQuestions.setSlug), asc(setQuestions.position))
      .limit(1),
    dueSummaryQuery(db, learnerId, window),
  ])
  const dueQuestion = due[0]?.body
  const newQuestion = fresh[0]?.body
  return {
    next: dueQuestion
      ? { question: dueQuestion, isNew: false }
      : newQuestion
        ? { question: newQuestion, isNew: true }
        : null,
    due: summaryOf(summary),
  }
}

/** The scheduler's view of a stored card (null for a question never answered). */
export const cardStateOf = (row: CardRow | null): CardState | null =>
  row && {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  }
