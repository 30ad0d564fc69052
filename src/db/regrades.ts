// Regrades: the questions a set's owner may regrade, the responses a regrade recomputes, and its log.
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Question } from '../quiz/question'
import type { RegradableResponse, ResponseRegrade } from '../quiz/regrade'
import { DEFAULT_SET_SETTINGS } from '../quiz/set-settings'
import type { Db } from './client'
import {
  attempts,
  learners,
  ltiLaunches,
  questions,
  quizSets,
  quizSetVersions,
  type RegradeRow,
  regradeResponses,
  regrades,
  responses,
  setQuestions,
} from './schema'

/** D1 binds at most 100 parameters per statement: rows per insert and ids per `in (...)` stay under it. */
const ROWS_PER_INSERT = 12
const IDS_PER_STATEMENT = 90

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * `questions.id`, spelt out: Drizzle writes columns unqualified in a query on
 * one table, and inside these subqueries a bare "id" would name another table's.
 */
const QUESTION_ID = sql.raw('"questions"."id"')

/** Whether the question is in the set: its draft or any of its published versions. */
const inSet = (slug: string) =>
  sql`(exists (select 1 from ${quizSetVersions} as v, json_each(v.question_ids) as picked
               where v.set_slug = ${slug} and picked.value = ${QUESTION_ID})
       or exists (select 1 from ${setQuestions} as sq
                  where sq.set_slug = ${slug} and sq.question_id = ${QUESTION_ID}))`

export type RegradableQuestion = { id: string; body: Question; responses: number }

/**
 * The owner's own questions in this set (its draft and every published
 * version), with how many answers each has. The bank's questions are not the
 * instructor's to regrade.
 */
export async function listRegradableQuestions(
  db: Db,
  ownerId: string,
  slug: string,
): Promise<RegradableQuestion[]> {
  return db
    .select({
      id: questions.id,
      body: questions.body,
      responses: sql<number>`(select count(*) from ${responses} as r where r.question_id = ${QUESTION_ID})`,
    })
    .from(questions)
    .where(and(eq(questions.ownerId, ownerId), inSet(slug)))
    .orderBy(questions.prompt)
}

/** One of the owner's questions in the set (draft or published), or null. */
export async function getRegradableQuestion(
  db: Db,
  ownerId: string,
  slug: string,
  questionId: string,
): Promise<Question | null> {
  const [row] = await db
    .select({ body: questions.body })
    .from(questions)
    .where(and(eq(questions.id, questionId), eq(questions.ownerId, ownerId), inSet(slug)))
  return row?.body ?? null
}

/** A stored response to the regraded question, with its attempt as the summary needs it. */
export type RegradeTarget = RegradableResponse & {
  attempt: {
    score: number
    total: number
    completed: boolean
    passMark: number
    learnerId: string
    displayName: string | null
    nameFromHost: boolean
    startedAt: Date
  }
}

/**
 * Every response to the question (in any attempt: an own question belongs to
 * its owner's sets only) that regrade `regradeId` has not recomputed yet, in
 * id order. Pass marks as the results judge them: the attempt's published
 * version, else the set's draft settings, else the default.
 */
export async function pendingRegradeTargets(
  db: Db,
  questionId: string,
  regradeId: string | null,
): Promise<RegradeTarget[]> {
  const rows = await db
    .select({
      id: responses.id,
      attemptId: responses.attemptId,
      answer: responses.answer,
      correct: responses.correct,
      points: responses.points,
      triesUsed: responses.triesUsed,
      hintsUsed: responses.hintsUsed,
      tryPenalty: sql<number>`coalesce(json_extract(${quizSetVersions.settings}, '$.tryPenalty'), json_extract(${quizSets.settings}, '$.tryPenalty'), ${DEFAULT_SET_SETTINGS.tryPenalty})`,
      hintPenalty: sql<number>`coalesce(json_extract(${quizSetVersions.settings}, '$.hintPenalty'), json_extract(${quizSets.settings}, '$.hintPenalty'), ${DEFAULT_SET_SETTINGS.hintPenalty})`,
      attempt: {
        score: attempts.score,
        questionIds: attempts.questionIds,
        completedAt: attempts.completedAt,
        startedAt: attempts.startedAt,
        learnerId: attempts.learnerId,
        displayName: learners.displayName,
        nameFromHost: learners.nameFromHost,
        passMark: sql<number>`coalesce(json_extract(${quizSetVersions.settings}, '$.passMark'), json_extract(${quizSets.settings}, '$.passMark'), ${DEFAULT_SET_SETTINGS.passMark})`,
      },
    })
    .from(responses)
    .innerJoin(attempts, eq(attempts.id, responses.attemptId))
    .innerJoin(learners, eq(learners.id, attempts.learnerId))
    .innerJoin(quizSets, eq(quizSets.slug, attempts.setSlug))
    .leftJoin(
      quizSetVersions,
      and(eq(quizSetVersions.setSlug, attempts.setSlug), eq(quizSetVersions.version, attempts.setVersion)),
    )
    .where(
      and(
        eq(responses.questionId, questionId),
        regradeId === null
          ? undefined
          : sql`not exists (select 1 from ${regradeResponses} where ${regradeResponses.regradeId} = ${regradeId} and ${regradeResponses.responseId} = ${responses.id})`,
      ),
    )
    .orderBy(responses.id)
  return rows.map(
    ({ attempt: { questionIds, completedAt, passMark, ...attempt }, tryPenalty, hintPenalty, ...row }) => ({
      ...row,
      penalties: { tryPenalty: Number(tryPenalty), hintPenalty: Number(hintPenalty) },
      attempt: {
        ...attempt,
        total: questionIds.length,
        completed: completedAt !== null,
        passMark: Number(passMark),
      },
    }),
  )
}

export async function getRegrade(db: Db, id: string): Promise<RegradeRow | null> {
  const [row] = await db.select().from(regrades).where(eq(regrades.id, id))
  return row ?? null
}

/**
 * Starts a regrade: logs it and writes the regraded question in place, in one
 * transaction. A second start with the same id changes nothing (the log row
 * exists and the question already reads as `newBody`).
 */
export async function startRegrade(db: Db, row: Omit<RegradeRow, 'status' | 'finishedAt'>): Promise<void> {
  await db.batch([
    db
      .insert(regrades)
      .values({ ...row, status: 'running' })
      .onConflictDoNothing(),
    db.update(questions).set({ body: row.newBody }).where(eq(questions.id, row.questionId)),
  ])
}

/**
 * Applies one chunk of a regrade in one transaction: each response's new
 * points, its before/after row in the log, and the scores of the attempts
 * concerned (summed again from their responses, as answering does). Running a
 * chunk twice writes the same values and keeps the first log rows.
 */
export async function applyRegradeChunk(
  db: Db,
  regradeId: string,
  changes: readonly ResponseRegrade[],
): Promise<void> {
  const statements: BatchItem<'sqlite'>[] = []
  for (const rows of chunks(changes, ROWS_PER_INSERT))
    statements.push(
      db
        .insert(regradeResponses)
        .values(
          rows.map((change) => ({
            regradeId,
            responseId: change.responseId,
            attemptId: change.attemptId,
            correctBefore: change.before.correct,
            pointsBefore: change.before.points,
            correctAfter: change.after.correct,
            pointsAfter: change.after.points,
          })),
        )
        .onConflictDoNothing(),
    )
  for (const change of changes)
    if (change.before.points !== change.after.points || change.before.correct !== change.after.correct)
      statements.push(
        db
          .update(responses)
          .set({ correct: change.after.correct, points: change.after.points })
          .where(eq(responses.id, change.responseId)),
      )
  const attemptIds = [...new Set(changes.map((change) => change.attemptId))]
  for (const ids of chunks(attemptIds, IDS_PER_STATEMENT))
    statements.push(
      db
        .update(attempts)
        .set({
          // Spelt out: Drizzle writes columns unqualified in an update, and a bare "id" here is the response's.
          score: sql`(select coalesce(sum(r.points), 0) from ${responses} as r where r.attempt_id = ${sql.raw('"attempts"."id"')})`,
        })
        .where(inArray(attempts.id, ids)),
    )
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}

/**
 * Marks the regrade done; true only for the call that finished it (a double
 * POST or a resumed run that lost the race gets false and sends nothing).
 */
export async function finishRegrade(db: Db, id: string, at: number): Promise<boolean> {
  const done = await db
    .update(regrades)
    .set({ status: 'done', finishedAt: at })
    .where(and(eq(regrades.id, id), eq(regrades.status, 'running')))
    .returning({ id: regrades.id })
  return done.length > 0
}

/** The attempts whose score a regrade changed and whose earlier score had gone to an LMS gradebook. */
export async function sentAttemptsChangedBy(db: Db, regradeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ attemptId: ltiLaunches.attemptId })
    .from(ltiLaunches)
    .innerJoin(regradeResponses, eq(regradeResponses.attemptId, ltiLaunches.attemptId))
    .where(
      and(
        eq(regradeResponses.regradeId, regradeId),
        sql`${regradeResponses.pointsBefore} != ${regradeResponses.pointsAfter}`,
        eq(ltiLaunches.passbackStatus, 'sent'),
      ),
    )
  return rows.map((row) => row.attemptId)
}

/** A regrade as the set's log lists it, with the question's prompt as it reads now. */
export type RegradeLogRow = RegradeRow & { prompt: string }

/** A set's regrades, newest first. */
export async function listRegrades(db: Db, slug: string): Promise<RegradeLogRow[]> {
  const rows = await db
    .select({ regrade: regrades, prompt: questions.prompt })
    .from(regrades)
    .innerJoin(questions, eq(questions.id, regrades.questionId))
    .where(eq(regrades.setSlug, slug))
    .orderBy(desc(regrades.createdAt))
  return rows.map((row) => ({ ...row.regrade, prompt: row.prompt }))
}

export type RegradedResponseRow = {
  attemptId: string
  learnerId: string
  displayName: string | null
  nameFromHost: boolean
  startedAt: Date
  pointsBefore: number
  pointsAfter: number
}

/** The responses a regrade changed, with whose attempt they were in, oldest attempt first. */
export async function changedResponsesOf(db: Db, regradeId: string): Promise<RegradedResponseRow[]> {
  return db
    .select({
      attemptId: regradeResponses.attemptId,
      learnerId: attempts.learnerId,
      displayName: learners.displayName,
      nameFromHost: learners.nameFromHost,
      startedAt: attempts.startedAt,
      pointsBefore: regradeResponses.pointsBefore,
      pointsAfter: regradeResponses.pointsAfter,
    })
    .from(regradeResponses)
    .innerJoin(attempts, eq(attempts.id, regradeResponses.attemptId))
    .innerJoin(learners, eq(learners.id, attempts.learnerId))
    .where(
      and(
        eq(regradeResponses.regradeId, regradeId),
        sql`(${regradeResponses.pointsBefore} != ${regradeResponses.pointsAfter} or ${regradeResponses.correctBefore} != ${regradeResponses.correctAfter})`,
      ),
    )
    .orderBy(attempts.startedAt)
}

/** What a learner is told about a regraded question of their attempt. */
export type RegradeNote = {
  questionId: string
  at: number
  reason: string
  pointsBefore: number
  pointsAfter: number
}

/**
 * The regrades that recomputed a response of this attempt (finished ones
 * only), oldest first: the results page shows the latest per question.
 */
export function regradeNotesQuery(db: Db, attemptId: string) {
  return db
    .select({
      questionId: regrades.questionId,
      at: regrades.createdAt,
      reason: regrades.reason,
      pointsBefore: regradeResponses.pointsBefore,
      pointsAfter: regradeResponses.pointsAfter,
    })
    .from(regradeResponses)
    .innerJoin(regrades, eq(regrades.id, regradeResponses.regradeId))
    .where(and(eq(regradeResponses.attemptId, attemptId), eq(regrades.status, 'done')))
    .orderBy(regrades.createdAt)
}

/** The regrade of this question still running, if any (a second one must wait for it). */
export async function runningRegradeOf(db: Db, questionId: string): Promise<RegradeRow | null> {
  const [row] = await db
    .select()
    .from(regrades)
    .where(and(eq(regrades.questionId, questionId), eq(regrades.status, 'running')))
    .limit(1)
  return row ?? null
}
