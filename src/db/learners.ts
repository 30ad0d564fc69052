import { and, eq, getTableColumns, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from './client'
import {
  accommodations,
  attempts,
  cards,
  learners,
  practiceOffers,
  questionReports,
  responses,
  revealedHints,
  reviews,
  transferCodes,
  wrongTries,
} from './schema'

const cardStateColumns = [
  'due',
  'stability',
  'difficulty',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
] as const

/** Stores a transfer code for the learner, replacing any earlier one (one live code per learner). */
export async function saveTransferCode(db: Db, learnerId: string, code: string, expiresAt: number) {
  await db.batch([
    db.insert(learners).values({ id: learnerId }).onConflictDoNothing(),
    db.delete(transferCodes).where(eq(transferCodes.learnerId, learnerId)),
    db.insert(transferCodes).values({ code, learnerId, expiresAt }),
  ])
}

/**
 * Uses up a transfer code: returns the learner id it belongs to, or null when
 * it does not exist or has expired. Expired codes are swept at the same time.
 */
export async function redeemTransferCode(db: Db, code: string, now: number): Promise<string | null> {
  const [redeemed] = await db.batch([
    db
      .delete(transferCodes)
      .where(and(eq(transferCodes.code, code), gt(transferCodes.expiresAt, now)))
      .returning({ learnerId: transferCodes.learnerId }),
    db.delete(transferCodes).where(lte(transferCodes.expiresAt, now)),
  ])
  return redeemed[0]?.learnerId ?? null
}

/**
 * Moves everything of learner `from` onto learner `into` (a device joining
 * another device's progress), in one transaction. Where both have a card for
 * the same question, the more recently reviewed one wins.
 */
export async function mergeLearner(db: Db, from: string, into: string): Promise<void> {
  if (from === into) return
  await db.batch([
    db.insert(learners).values({ id: into }).onConflictDoNothing(),
    db.update(attempts).set({ learnerId: into }).where(eq(attempts.learnerId, from)),
    db.update(reviews).set({ learnerId: into }).where(eq(reviews.learnerId, from)),
    db
      .insert(cards)
      .select(
        db
          .select({ ...getTableColumns(cards), learnerId: sql<string>`${into}`.as('learner_id') })
          .from(cards)
          .where(eq(cards.learnerId, from)),
      )
      .onConflictDoUpdate({
        target: [cards.learnerId, cards.questionId],
        set: Object.fromEntries(
          cardStateColumns.map((column) => [column, sql.raw(`excluded.${cards[column].name}`)]),
        ),
        setWhere: sql`coalesce(excluded.last_review, 0) > coalesce(${cards.lastReview}, 0)`,
      }),
    db.delete(cards).where(eq(cards.learnerId, from)),
    db.delete(transferCodes).where(eq(transferCodes.learnerId, from)),
    // Accommodations follow the learner; where both had one on a set, the joined device's stays.
    db
      .update(accommodations)
      .set({ learnerId: into })
      .where(
        and(
          eq(accommodations.learnerId, from),
          sql`not exists (select 1 from ${accommodations} as theirs where theirs.set_slug = ${accommodations.setSlug} and theirs.learner_id = ${into})`,
        ),
      ),
    db
      .update(learners)
      .set({
        displayName: sql`(select ${learners.displayName} from ${learners} where ${learners.id} = ${from})`,
      })
      .where(and(eq(learners.id, into), isNull(learners.displayName))),
    db.delete(learners).where(eq(learners.id, from)),
  ])
}

/** Deletes every trace of a learner: answers (wrong tries and hints too), attempts, schedule, practice offers, codes, name. */
export async function wipeLearner(db: Db, learnerId: string): Promise<void> {
  const theirAttempts = db.select({ id: attempts.id }).from(attempts).where(eq(attempts.learnerId, learnerId))
  await db.batch([
    db.delete(reviews).where(or(eq(reviews.learnerId, learnerId), inArray(reviews.attemptId, theirAttempts))),
    db.delete(responses).where(inArray(responses.attemptId, theirAttempts)),
    db.delete(questionReports).where(eq(questionReports.learnerId, learnerId)),
    db.delete(wrongTries).where(inArray(wrongTries.attemptId, theirAttempts)),
    db.delete(revealedHints).where(inArray(revealedHints.attemptId, theirAttempts)),
    db.delete(attempts).where(eq(attempts.learnerId, learnerId)),
    db.delete(cards).where(eq(cards.learnerId, learnerId)),
    db.delete(transferCodes).where(eq(transferCodes.learnerId, learnerId)),
    db.delete(practiceOffers).where(eq(practiceOffers.learnerId, learnerId)),
    db.delete(accommodations).where(eq(accommodations.learnerId, learnerId)),
    db.delete(learners).where(eq(learners.id, learnerId)),
  ])
}

/** The learner an embed learner token (by its SHA-256) belongs to, if any. */
export async function findLearnerByEmbedTokenHash(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db
    .select({ id: learners.id })
    .from(learners)
    .where(eq(learners.embedTokenHash, tokenHash))
    .get()
  return row?.id ?? null
}

/** Whether the learner was started inside an embed (and so has a learner token to hand back). */
export async function hasEmbedToken(db: Db, learnerId: string): Promise<boolean> {
  const row = await db
    .select({ hash: learners.embedTokenHash })
    .from(learners)
    .where(eq(learners.id, learnerId))
    .get()
  return !!row?.hash
}

export async function setEmbedTokenHash(db: Db, learnerId: string, tokenHash: string): Promise<void> {
  await db.update(learners).set({ embedTokenHash: tokenHash }).where(eq(learners.id, learnerId))
}

/** The name or id a course site passed for an embedded learner, kept marked as the site's word. */
export async function setNameFromHost(db: Db, learnerId: string, name: string): Promise<void> {
  await db.update(learners).set({ displayName: name, nameFromHost: true }).where(eq(learners.id, learnerId))
}
