// Accommodations (extra time, attempts, a later closing date) and what a start needs to know about them.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import { type Accommodation, NO_ACCOMMODATION, type SetSchedule } from '../quiz/availability'
import { DEFAULT_SET_SETTINGS } from '../quiz/set-settings'
import type { Db } from './client'
import { readSetSettings } from './quiz-sets'
import { type AccommodationRow, accommodations, attempts, learners, ltiUsers, quizSets } from './schema'

/** The pure shape of a row (quiz/availability.ts). */
export const accommodationOf = (row: AccommodationRow | null | undefined): Accommodation =>
  row
    ? {
        timeMultiplier: row.timeMultiplier,
        extraMinutes: row.extraMinutes,
        extraAttempts: row.extraAttempts,
        closesAt: row.closesAt,
      }
    : NO_ACCOMMODATION

/** What deciding a start takes: the set's dates as they are now (from the draft), the learner's accommodation and attempts so far. */
export type StartRules = { schedule: SetSchedule; accommodation: Accommodation; attemptsUsed: number }

/**
 * One round trip: the set's dates (the draft's settings: dates apply at once,
 * without publishing), the learner's accommodation on the set, and how many
 * attempts they have started.
 */
export async function loadStartRules(db: Db, setSlug: string, learnerId: string): Promise<StartRules> {
  const [sets, granted, started] = await db.batch([
    db.select({ settings: quizSets.settings }).from(quizSets).where(eq(quizSets.slug, setSlug)),
    db
      .select()
      .from(accommodations)
      .where(and(eq(accommodations.setSlug, setSlug), eq(accommodations.learnerId, learnerId))),
    db
      .select({ n: count() })
      .from(attempts)
      .where(and(eq(attempts.learnerId, learnerId), eq(attempts.setSlug, setSlug))),
  ])
  const settings = sets[0] ? readSetSettings(sets[0].settings) : DEFAULT_SET_SETTINGS
  return {
    schedule: { opensAt: settings.opensAt, closesAt: settings.closesAt, graceMinutes: settings.graceMinutes },
    accommodation: accommodationOf(granted[0]),
    attemptsUsed: started[0]?.n ?? 0,
  }
}

/** The learner's accommodation on a set, or none. */
export async function findAccommodation(db: Db, setSlug: string, learnerId: string): Promise<Accommodation> {
  const [row] = await db
    .select()
    .from(accommodations)
    .where(and(eq(accommodations.setSlug, setSlug), eq(accommodations.learnerId, learnerId)))
  return accommodationOf(row)
}

/** A set's accommodations, claimed ones and open codes, oldest first. */
export function listAccommodations(db: Db, setSlug: string): Promise<AccommodationRow[]> {
  return db
    .select()
    .from(accommodations)
    .where(eq(accommodations.setSlug, setSlug))
    .orderBy(asc(accommodations.createdAt), asc(accommodations.id))
}

export type NewAccommodation = Omit<AccommodationRow, 'claimedAt'>

/** Grants an accommodation; one for a learner replaces the one they had on the set. */
export async function saveAccommodation(db: Db, row: NewAccommodation): Promise<void> {
  if (row.learnerId === null) {
    await db.insert(accommodations).values(row)
    return
  }
  await db.batch([
    db
      .delete(accommodations)
      .where(and(eq(accommodations.setSlug, row.setSlug), eq(accommodations.learnerId, row.learnerId))),
    db.insert(accommodations).values(row),
  ])
}

/** Withdraws an accommodation of the set (nothing when the id is another set's). */
export async function deleteAccommodation(db: Db, setSlug: string, id: string): Promise<void> {
  await db.delete(accommodations).where(and(eq(accommodations.setSlug, setSlug), eq(accommodations.id, id)))
}

/** The unclaimed accommodation a code names, with its set's title. */
export async function findByCode(
  db: Db,
  code: string,
): Promise<{ row: AccommodationRow; title: string } | null> {
  const [found] = await db
    .select({ row: accommodations, title: quizSets.title })
    .from(accommodations)
    .innerJoin(quizSets, eq(quizSets.slug, accommodations.setSlug))
    .where(and(eq(accommodations.code, code), isNull(accommodations.learnerId)))
  return found ?? null
}

/**
 * Binds a code's accommodation to a learner, unless they already have one on
 * that set (false). The learner row is made if needed (a learner may claim
 * before their first attempt).
 */
export async function claimAccommodation(
  db: Db,
  id: string,
  learnerId: string,
  now: number,
): Promise<boolean> {
  const [, claimed] = await db.batch([
    db.insert(learners).values({ id: learnerId }).onConflictDoNothing(),
    db
      .update(accommodations)
      .set({ learnerId, code: null, claimedAt: now })
      .where(
        and(
          eq(accommodations.id, id),
          isNull(accommodations.learnerId),
          sql`not exists (select 1 from ${accommodations} as mine where mine.set_slug = ${accommodations.setSlug} and mine.learner_id = ${learnerId})`,
        ),
      )
      .returning({ id: accommodations.id }),
  ])
  return claimed.length === 1
}

/** A learner who attempted a set, as the accommodations page lists them. */
export type SetLearner = {
  learnerId: string
  displayName: string | null
  nameFromHost: boolean
  /** Launched from an LMS (LTI): their name came from the course platform. */
  fromLms: boolean
  attempts: number
  lastActiveAt: number
}

/** Everyone who started an attempt on the set, most recently active first (at most `limit`). */
export async function listSetLearners(db: Db, setSlug: string, limit = 2000): Promise<SetLearner[]> {
  const rows = await db
    .select({
      learnerId: attempts.learnerId,
      displayName: learners.displayName,
      nameFromHost: learners.nameFromHost,
      fromLms: sql<number>`exists (select 1 from ${ltiUsers} where ${ltiUsers.learnerId} = ${attempts.learnerId})`,
      attempts: count(),
      lastActiveAt: sql<number>`max(coalesce(${attempts.completedAt}, ${attempts.startedAt}))`,
    })
    .from(attempts)
    .innerJoin(learners, eq(learners.id, attempts.learnerId))
    .where(eq(attempts.setSlug, setSlug))
    .groupBy(attempts.learnerId)
    .orderBy(sql`max(coalesce(${attempts.completedAt}, ${attempts.startedAt})) desc`)
    .limit(limit)
  return rows.map((row) => ({ ...row, fromLms: row.fromLms === 1 }))
}
