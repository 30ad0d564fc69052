import { and, eq } from 'drizzle-orm'
import type { Db } from './client'
import { type PracticeOfferRow, practiceOffers } from './schema'

/**
 * How long a served practice question can still be answered: long enough for
 * an answer queued offline on a phone to arrive days later.
 * Older offers are pruned when the learner is offered a new question
 * (`offerNextPractice` in db/learning.ts).
 */
export const OFFER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

/** The offer `id` made to `learnerId`, or null (unknown id, or served to someone else). */
export async function findPracticeOffer(
  db: Db,
  learnerId: string,
  id: string,
): Promise<PracticeOfferRow | null> {
  const [row] = await db
    .select()
    .from(practiceOffers)
    .where(and(eq(practiceOffers.id, id), eq(practiceOffers.learnerId, learnerId)))
  return row ?? null
}
