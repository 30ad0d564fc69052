// Attempt rows: starting one within the set's limit, finding, resuming and closing it; the learner's display name.
import { and, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { Db } from './client'
import { type AttemptRow, attempts, learners } from './schema'

export type NewAttempt = {
  id: string
  setSlug: string
  learnerId: string
  questionIds: string[]
  seed: string
  /** For embedded attempts: the hash of the token that stands in for the learner cookie. */
  accessTokenHash?: string
  /** The published version of an instructor's set (null for bank sets). */
  setVersion?: number | null
  /** With a time limit: when answers stop being accepted (ms since 1970). */
  deadline?: number | null
}

/** Creates the learner row if needed and the attempt, in one transaction. */
export async function insertAttempt(db: Db, attempt: NewAttempt, now: Date): Promise<AttemptRow> {
  const row = await insertAttemptWithinLimit(db, attempt, now, null)
  if (!row) throw new Error('attempt insert returned no row')
  return row
}

/**
 * Creates the learner row if needed and the attempt, in one transaction,
 * unless the learner has already started `allowed` attempts on the set
 * (null: no limit); returns null when refused. The count and the insert are
 * one statement (INSERT ... SELECT ... WHERE count < allowed), so a burst of
 * parallel starts cannot all pass a check made before the insert: D1 runs
 * statements one at a time.
 */
export async function insertAttemptWithinLimit(
  db: Db,
  attempt: NewAttempt,
  now: Date,
  allowed: number | null,
): Promise<AttemptRow | null> {
  // Plain D1 statements: drizzle's D1 batch cannot carry a raw INSERT ... SELECT.
  const [, inserted] = await db.$client.batch([
    db.$client
      .prepare('insert into learners (id) values (?1) on conflict do nothing')
      .bind(attempt.learnerId),
    db.$client
      .prepare(
        `insert into attempts (id, set_slug, learner_id, question_ids, seed, started_at,
           access_token_hash, set_version, deadline)
         select ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
         where ?10 is null
           or (select count(*) from attempts where learner_id = ?3 and set_slug = ?2) < ?10`,
      )
      .bind(
        attempt.id,
        attempt.setSlug,
        attempt.learnerId,
        JSON.stringify(attempt.questionIds),
        attempt.seed,
        now.getTime(),
        attempt.accessTokenHash ?? null,
        attempt.setVersion ?? null,
        attempt.deadline ?? null,
        allowed,
      ),
  ])
  if (!inserted?.meta.changes) return null
  const [row] = await db.select().from(attempts).where(eq(attempts.id, attempt.id))
  return row ?? null
}

/** The attempt (and its learner) that an embed access token opens, if any. */
export async function findAttemptByToken(
  db: Db,
  tokenHash: string,
): Promise<{ id: string; learnerId: string } | null> {
  const [row] = await db
    .select({ id: attempts.id, learnerId: attempts.learnerId })
    .from(attempts)
    .where(eq(attempts.accessTokenHash, tokenHash))
  return row ?? null
}

/** Replaces the hash of an embedded attempt's bearer token (the old token stops working). */
/** Keeps the colour scheme an embedded attempt was started with, for every page of it. */
export async function setEmbedTheme(db: Db, attemptId: string, theme: 'dark' | 'auto'): Promise<void> {
  await db.update(attempts).set({ embedTheme: theme }).where(eq(attempts.id, attemptId))
}

export async function setAccessTokenHash(db: Db, attemptId: string, tokenHash: string): Promise<void> {
  await db.update(attempts).set({ accessTokenHash: tokenHash }).where(eq(attempts.id, attemptId))
}

/**
 * The learner's newest unfinished attempt at a set, if any (used to resume).
 * An attempt whose time limit has run out is finished, even before anything closed it.
 */
export async function findOpenAttempt(
  db: Db,
  learnerId: string,
  setSlug: string,
  now = Date.now(),
): Promise<AttemptRow | null> {
  const [row] = await db
    .select()
    .from(attempts)
    .where(
      and(
        eq(attempts.learnerId, learnerId),
        eq(attempts.setSlug, setSlug),
        isNull(attempts.completedAt),
        or(isNull(attempts.deadline), gt(attempts.deadline, now)),
      ),
    )
    .orderBy(desc(attempts.startedAt))
    .limit(1)
  return row ?? null
}

/** How many attempts the learner has started on a set (any version, finished or not). */
export async function countAttempts(db: Db, learnerId: string, setSlug: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(attempts)
    .where(and(eq(attempts.learnerId, learnerId), eq(attempts.setSlug, setSlug)))
  return row?.n ?? 0
}

/**
 * Finishes an attempt whose time ran out: `completedAt` becomes its deadline
 * (when it really ended). Does nothing to an attempt already finished.
 * Returns the row as stored afterwards.
 */
export async function closeExpiredAttempt(db: Db, attemptId: string): Promise<AttemptRow | null> {
  const [, rows] = await db.batch([
    db
      .update(attempts)
      .set({ completedAt: sql`${attempts.deadline}` })
      .where(
        and(eq(attempts.id, attemptId), isNull(attempts.completedAt), sql`${attempts.deadline} is not null`),
      ),
    db.select().from(attempts).where(eq(attempts.id, attemptId)),
  ])
  return rows[0] ?? null
}

/** Sets the learner's display name (shown on their results). */
export async function setDisplayName(db: Db, learnerId: string, displayName: string | null): Promise<void> {
  await db
    .insert(learners)
    .values({ id: learnerId, displayName })
    .onConflictDoUpdate({ target: learners.id, set: { displayName } })
}
