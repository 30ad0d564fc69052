import { and, asc, eq, inArray, isNull, lt, lte, notExists, sql } from 'drizzle-orm'
import type { DueSummary, DueWindow } from '../learning/due'
import type { CardState } from '../learning/schedule'
import type { Answer } from '../quiz/answer'
import type { Grade } from '../quiz/grade'
import type { Question } from '../quiz/question'
import type { Db } from './client'
import { OFFER_LIFETIME_MS } from './practice-offers'
import {
  attempts,
  type CardRow,
  cards,
  learners,
  practiceOffers,
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
  /** The question offered now, or null when nothing is due and nothing is new. */
  next: { question: Question; isNew: boolean } | null
  due: DueSummary
}

/** What the server issues with a practice question: its review id and shuffle seed (see practice_offers). */
export type NewPracticeOffer = { id: string; seed: string; servedAt: number }

/**
 * Picks what practice shows next (the most overdue card, else the first new
 * question of a bank set the learner has taken) and records the offer of it,
 * pruning the learner's expired offers, in one batch: one round trip and one
 * transaction, so the offer is bound to exactly the question it returns.
 * Nothing is recorded when there is nothing to offer. The due summary is the
 * one query of what is due (`dueSummaryQuery`), so the counts agree with the
 * home and progress pages.
 */
export async function offerNextPractice(
  db: Db,
  learnerId: string,
  offer: NewPracticeOffer,
  window: DueWindow,
): Promise<PracticeQueue> {
  const now = window.now
  const mine = eq(cards.learnerId, learnerId)
  const dueQuestion = db
    .select({ id: cards.questionId })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(mine, isDueAt(now)))
    .orderBy(asc(cards.due))
    .limit(1)
  const newQuestion = db
    .select({ id: setQuestions.questionId })
    .from(setQuestions)
    .innerJoin(questions, eq(questions.id, setQuestions.questionId))
    .leftJoin(cards, and(mine, eq(cards.questionId, setQuestions.questionId)))
    .where(and(inArray(setQuestions.questionId, takenQuestionIds(db, learnerId)), isNull(cards.questionId)))
    .orderBy(asc(setQuestions.setSlug), asc(setQuestions.position))
    .limit(1)
  const [, , offered, summary] = await db.batch([
    db
      .delete(practiceOffers)
      .where(
        and(
          eq(practiceOffers.learnerId, learnerId),
          lt(practiceOffers.servedAt, offer.servedAt - OFFER_LIFETIME_MS),
        ),
      ),
    // Columns in the table's order: id, learner, question, seed, served at.
    db.insert(practiceOffers).select(
      sql`select ${offer.id}, ${learnerId}, next_question, ${offer.seed}, ${offer.servedAt}
        from (select coalesce((${dueQuestion}), (${newQuestion})) as next_question)
        where next_question is not null`,
    ),
    db
      .select({ body: questions.body, card: cards.questionId })
      .from(practiceOffers)
      .innerJoin(questions, eq(questions.id, practiceOffers.questionId))
      .leftJoin(cards, and(mine, eq(cards.questionId, practiceOffers.questionId)))
      .where(and(eq(practiceOffers.id, offer.id), eq(practiceOffers.learnerId, learnerId))),
    dueSummaryQuery(db, learnerId, window),
  ])
  const next = offered[0]
  return {
    next: next ? { question: next.body, isNew: next.card === null } : null,
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
