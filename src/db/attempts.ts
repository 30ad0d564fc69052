import { and, count, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { CardState } from '../learning/schedule'
import type { Answer } from '../quiz/answer'
import type { Grade } from '../quiz/grade'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS, type SetSettings } from '../quiz/set-settings'
import type { Db } from './client'
import { reviewWrites } from './learning'
import { readSetSettings } from './quiz-sets'
import {
  type AttemptRow,
  attempts,
  type CardRow,
  cards,
  learners,
  questions,
  quizSets,
  quizSetVersions,
  type ResponseRow,
  responses,
  sources,
} from './schema'

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

/** The set as an attempt was taken on: its title then, and the settings of its version. */
export type AttemptSet = { title: string; settings: SetSettings }

export type AttemptState = {
  attempt: AttemptRow
  /** The bank set, or the instructor's published version the attempt was started on. */
  set: AttemptSet
  /** In attempt order, answer keys included: never send these to a browser as they are. */
  questions: Question[]
  responses: ResponseRow[]
  sources: (typeof sources.$inferSelect)[]
  displayName: string | null
  /** The learner's FSRS cards for this attempt's questions (answers here count as reviews). */
  cards: CardRow[]
}

/**
 * Everything needed to show any page of an attempt, read in one D1 round trip.
 * Returns null when the attempt does not exist or belongs to another learner.
 */
export async function loadAttemptState(
  db: Db,
  attemptId: string,
  learnerId: string,
): Promise<AttemptState | null> {
  const owned = and(eq(attempts.id, attemptId), eq(attempts.learnerId, learnerId))
  const [attemptRows, setRows, questionRows, responseRows, sourceRows, learnerRows, cardRows] =
    await db.batch([
      db.select().from(attempts).where(owned),
      db
        .select({
          title: sql<string>`coalesce(${quizSetVersions.title}, ${quizSets.title})`,
          // Raw JSON text, or null for a bank set (no version row).
          settings: sql<string | null>`${quizSetVersions.settings}`,
        })
        .from(attempts)
        .innerJoin(quizSets, eq(quizSets.slug, attempts.setSlug))
        .leftJoin(
          quizSetVersions,
          and(
            eq(quizSetVersions.setSlug, attempts.setSlug),
            eq(quizSetVersions.version, attempts.setVersion),
          ),
        )
        .where(owned),
      db
        .select({ body: questions.body })
        .from(attempts)
        .innerJoin(sql`json_each(${attempts.questionIds}) as picked`, sql`1 = 1`)
        .innerJoin(questions, sql`${questions.id} = picked.value`)
        .where(owned)
        .orderBy(sql`picked.key`),
      db
        .select({ response: responses })
        .from(responses)
        .innerJoin(attempts, eq(attempts.id, responses.attemptId))
        .where(owned),
      db.select().from(sources),
      db.select({ displayName: learners.displayName }).from(learners).where(eq(learners.id, learnerId)),
      db
        .select({ card: cards })
        .from(attempts)
        .innerJoin(sql`json_each(${attempts.questionIds}) as picked`, sql`1 = 1`)
        .innerJoin(cards, and(eq(cards.learnerId, learnerId), sql`${cards.questionId} = picked.value`))
        .where(owned),
    ])
  const attempt = attemptRows[0]
  const setRow = setRows[0]
  if (!attempt || !setRow) return null
  return {
    attempt,
    set: {
      title: setRow.title,
      // A bank set (no version) behaves as it always has: the default settings.
      settings:
        setRow.settings === null ? DEFAULT_SET_SETTINGS : readSetSettings(JSON.parse(setRow.settings)),
    },
    questions: questionRows.map((row) => row.body),
    responses: responseRows.map((row) => row.response),
    sources: sourceRows,
    displayName: learnerRows[0]?.displayName ?? null,
    cards: cardRows.map((row) => row.card),
  }
}

export type RecordedResponse = { response: ResponseRow; attempt: AttemptRow; duplicate: boolean }

/** How an attempt answer moves the learner's FSRS card (see learning/schedule.ts). */
export type ScheduleUpdate = { learnerId: string; card: CardState; rating: number }

/**
 * Stores one graded answer, refreshes the attempt's score, answered count and
 * completion time, and logs it as an FSRS review of the learner's card, all in
 * one transaction. A second answer to the same question (double tap, retried
 * request) is ignored: the first one stands and is returned with `duplicate: true`.
 * With `schedule` null (exam mode) the answer is not a review: practice would
 * otherwise bring the question back, with its key, before the exam's results.
 */
export async function recordResponse(
  db: Db,
  attemptId: string,
  questionId: string,
  answer: Answer,
  grade: Grade,
  now: Date,
  schedule: ScheduleUpdate | null,
): Promise<RecordedResponse> {
  const answeredCount = sql`(select count(*) from ${responses} where ${responses.attemptId} = ${attemptId})`
  const writes = [
    db
      .insert(responses)
      .values({
        attemptId,
        questionId,
        answer,
        correct: grade.correct,
        points: grade.points,
        answeredAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: responses.id }),
    db
      .update(attempts)
      .set({
        answeredCount: sql`${answeredCount}`,
        score: sql`(select coalesce(sum(${responses.points}), 0) from ${responses} where ${responses.attemptId} = ${attemptId})`,
        completedAt: sql`case when ${attempts.completedAt} is null and ${answeredCount} >= json_array_length(${attempts.questionIds}) then ${now.getTime()} else ${attempts.completedAt} end`,
      })
      .where(eq(attempts.id, attemptId)),
    db
      .select()
      .from(responses)
      .where(and(eq(responses.attemptId, attemptId), eq(responses.questionId, questionId))),
    db.select().from(attempts).where(eq(attempts.id, attemptId)),
  ] as const
  let results: readonly [{ id: number }[], unknown, ResponseRow[], AttemptRow[]]
  if (schedule) {
    const [cardWrite, reviewWrite] = reviewWrites(
      db,
      {
        id: `${attemptId}:${questionId}`,
        learnerId: schedule.learnerId,
        questionId,
        attemptId,
        answer,
        grade,
        rating: schedule.rating,
        reviewedAt: now.getTime(),
      },
      schedule.card,
    )
    const [, , ...rest] = await db.batch([cardWrite, reviewWrite, ...writes])
    results = rest
  } else {
    results = await db.batch(writes)
  }
  const [inserted, , stored, updated] = results
  const response = stored[0]
  const attempt = updated[0]
  if (!response || !attempt) throw new Error(`response for ${attemptId}/${questionId} was not stored`)
  return { response, attempt, duplicate: inserted.length === 0 }
}

/** Sets the learner's display name (shown on their results). */
export async function setDisplayName(db: Db, learnerId: string, displayName: string | null): Promise<void> {
  await db
    .insert(learners)
    .values({ id: learnerId, displayName })
    .onConflictDoUpdate({ target: learners.id, set: { displayName } })
}
