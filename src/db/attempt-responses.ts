// An attempt's answers: recording one (with its FSRS review), and reading everything an attempt page shows.
import { and, eq, sql } from 'drizzle-orm'
import type { CardState } from '../learning/schedule'
import type { Answer } from '../quiz/answer'
import type { Grade } from '../quiz/grade'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS, type SetSettings } from '../quiz/set-settings'
import type { Db } from './client'
import { reviewWrites } from './learning'
import { readSetSettings } from './quiz-sets'
import { type RegradeNote, regradeNotesQuery } from './regrades'
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
  type RevealedHintRow,
  responses,
  revealedHints,
  sources,
  type WrongTryRow,
  wrongTries,
} from './schema'

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
  /** Wrong tries before a final answer (sets allowing several tries), in try order. */
  wrongTries: WrongTryRow[]
  /** The hints revealed, per question. */
  revealedHints: RevealedHintRow[]
  /** Regrades that recomputed an answer of this attempt, oldest first (docs/studio.md#regrade). */
  regradeNotes: RegradeNote[]
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
  const [
    attemptRows,
    setRows,
    questionRows,
    responseRows,
    sourceRows,
    learnerRows,
    cardRows,
    tryRows,
    hintRows,
    noteRows,
  ] = await db.batch([
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
        and(eq(quizSetVersions.setSlug, attempts.setSlug), eq(quizSetVersions.version, attempts.setVersion)),
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
    attemptCards(db, attemptId, learnerId),
    db
      .select({ row: wrongTries })
      .from(wrongTries)
      .innerJoin(attempts, eq(attempts.id, wrongTries.attemptId))
      .where(owned)
      .orderBy(wrongTries.tryNumber),
    db
      .select({ row: revealedHints })
      .from(revealedHints)
      .innerJoin(attempts, eq(attempts.id, revealedHints.attemptId))
      .where(owned)
      .orderBy(revealedHints.hintIndex),
    // Only rows of this learner's attempt: the attempt row above is checked to be theirs.
    regradeNotesQuery(db, attemptId),
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
    cards: cardRows,
    wrongTries: tryRows.map((row) => row.row),
    revealedHints: hintRows.map((row) => row.row),
    regradeNotes: noteRows,
  }
}

/**
 * The learner's cards for an attempt's questions, looked up by primary key
 * (learner, question): a join from json_each let SQLite scan every card the
 * learner has, so rows read grew with their whole history.
 */
export function attemptCards(db: Db, attemptId: string, learnerId: string) {
  const owned = and(eq(attempts.id, attemptId), eq(attempts.learnerId, learnerId))
  return db
    .select()
    .from(cards)
    .where(
      and(
        eq(cards.learnerId, learnerId),
        sql`${cards.questionId} in (select value from json_each((select ${attempts.questionIds} from ${attempts} where ${owned})))`,
      ),
    )
}

export type RecordedResponse = { response: ResponseRow; attempt: AttemptRow; duplicate: boolean }

/** How the final answer was reached: its tries and hints (the grade's points already have their penalties off). */
export type AnswerPath = { triesUsed: number; hintsUsed: number }

/** How an attempt answer moves the learner's FSRS card (see learning/schedule.ts). */
export type ScheduleUpdate = { learnerId: string; card: CardState; rating: number }

/**
 * Stores one graded answer, refreshes the attempt's score, answered count and
 * completion time, and logs it as an FSRS review of the learner's card, all in
 * one transaction. A second answer to the same question (double tap, retried
 * request) is ignored: the first one stands and is returned with `duplicate: true`.
 * `grade.points` is what the answer keeps after penalties; `path` records the
 * tries and hints behind it so results and regrades can recompute them.
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
  path: AnswerPath = { triesUsed: 1, hintsUsed: 0 },
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
        triesUsed: path.triesUsed,
        hintsUsed: path.hintsUsed,
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
