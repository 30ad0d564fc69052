import { and, eq, lt } from 'drizzle-orm'
import type { Db } from './client'
import { type PracticeOfferRow, practiceOffers } from './schema'

/**
 * How long a served practice question can still be answered: long enough for
 * an answer queued offline on a phone to arrive days later.
 */
export const OFFER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

/** Records a question served to a learner, pruning that learner's expired offers in the same batch. */
export async function insertPracticeOffer(db: Db, offer: PracticeOfferRow): Promise<void> {
  await db.batch([
    db
      .delete(practiceOffers)
      .where(
        and(
          eq(practiceOffers.learnerId, offer.learnerId),
          lt(practiceOffers.servedAt, offer.servedAt - OFFER_LIFETIME_MS),
        ),
      ),
    db.insert(practiceOffers).values(offer),
  ])
}

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
