import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from './client'
import { cards, questions, quizSets, reviews, setQuestions, sources } from './schema'

export type ProgressData = {
  cards: { questionId: string; state: number; scheduledDays: number }[]
  reviews: { reviewedAt: number; correct: boolean }[]
  reviewDays: string[]
  membership: { questionId: string; setSlug: string; sourceId: string }[]
  sets: { slug: string; title: string }[]
  sources: { id: string; title: string; outlet: string }[]
}

/** Window of reviews loaded in full (for the chart and recent accuracy). */
export const RECENT_DAYS = 30

/** Everything the progress page needs, in one round trip. */
export async function loadProgressData(db: Db, learnerId: string, now: number): Promise<ProgressData> {
  const since = now - RECENT_DAYS * 86_400_000
  const [cardRows, reviewRows, dayRows, membership, sets, sourceRows] = await db.batch([
    db
      .select({ questionId: cards.questionId, state: cards.state, scheduledDays: cards.scheduledDays })
      .from(cards)
      .where(eq(cards.learnerId, learnerId)),
    db
      .select({ reviewedAt: reviews.reviewedAt, correct: reviews.correct })
      .from(reviews)
      .where(sql`${reviews.learnerId} = ${learnerId} and ${reviews.reviewedAt} >= ${since}`),
    db
      .selectDistinct({ day: sql<string>`date(${reviews.reviewedAt} / 1000, 'unixepoch')` })
      .from(reviews)
      .where(eq(reviews.learnerId, learnerId)),
    db
      .select({
        questionId: setQuestions.questionId,
        setSlug: setQuestions.setSlug,
        sourceId: questions.sourceId,
      })
      .from(setQuestions)
      .innerJoin(questions, eq(questions.id, setQuestions.questionId)),
    db.select({ slug: quizSets.slug, title: quizSets.title }).from(quizSets).orderBy(asc(quizSets.position)),
    db.select({ id: sources.id, title: sources.title, outlet: sources.outlet }).from(sources),
  ])
  return {
    cards: cardRows,
    reviews: reviewRows,
    reviewDays: dayRows.map((row) => row.day),
    membership,
    sets,
    sources: sourceRows,
  }
}
