import { and, eq, gt, inArray, lte } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Answer } from '../quiz/answer'
import type { Question } from '../quiz/question'
import type { Db } from './client'
import { attempts, type LiveSessionRow, learners, liveSessions, questions, responses } from './schema'

/**
 * Creates a live session under its PIN, first freeing the PIN if an expired
 * session held it. False when a live session holds the PIN now (pick another).
 */
export async function insertLiveSession(db: Db, row: LiveSessionRow): Promise<boolean> {
  const [, inserted] = await db.batch([
    db
      .delete(liveSessions)
      .where(and(eq(liveSessions.pin, row.pin), lte(liveSessions.expiresAt, row.createdAt))),
    db.insert(liveSessions).values(row).onConflictDoNothing().returning({ id: liveSessions.id }),
  ])
  return inserted.length === 1
}

/** The live session a PIN opens now, or null (no such PIN, or expired). */
export async function findLiveSessionByPin(db: Db, pin: string, now: number): Promise<LiveSessionRow | null> {
  const [row] = await db
    .select()
    .from(liveSessions)
    .where(and(eq(liveSessions.pin, pin), gt(liveSessions.expiresAt, now)))
  return row ?? null
}

/** One of an instructor's live sessions, or null when it is not theirs. */
export async function getOwnLiveSession(
  db: Db,
  instructorId: string,
  id: string,
): Promise<LiveSessionRow | null> {
  const [row] = await db
    .select()
    .from(liveSessions)
    .where(and(eq(liveSessions.id, id), eq(liveSessions.instructorId, instructorId)))
  return row ?? null
}

/** One player's results as the room hands them over when the session ends. */
export type LivePlayerResult = {
  nickname: string
  joinedAt: number
  answers: { questionId: string; answer: Answer; correct: boolean; credit: number; answeredAt: number }[]
}

export type LiveResults = {
  sessionId: string
  setSlug: string
  setVersion: number | null
  /** Author ids of the questions played (skipped ones left out), in order. */
  questionIds: string[]
  completedAt: number
  players: LivePlayerResult[]
}

/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 100
/** Statements per D1 batch: each batch is one round trip and one transaction. */
const STATEMENTS_PER_BATCH = 50

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = []
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size))
  return out
}

/**
 * Stores a live session's results as the quizzes store theirs: per player a
 * learner (named by the nickname), a completed attempt marked with the
 * session id, and one response per answer, so the results dashboard, item
 * analysis and CSVs include them. Rows go in multi-row inserts, many per D1
 * batch. Idempotent per session: a second call finds the attempts and stops.
 */
export async function saveLiveResults(db: Db, results: LiveResults): Promise<void> {
  const [done] = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(eq(attempts.liveSessionId, results.sessionId))
    .limit(1)
  if (done) return
  const learnerRows: (typeof learners.$inferInsert)[] = []
  const attemptRows: (typeof attempts.$inferInsert)[] = []
  const responseRows: (typeof responses.$inferInsert)[] = []
  for (const player of results.players) {
    const learnerId = crypto.randomUUID()
    const attemptId = crypto.randomUUID()
    const played = player.answers.filter((answer) => results.questionIds.includes(answer.questionId))
    learnerRows.push({ id: learnerId, displayName: player.nickname, createdAt: new Date(player.joinedAt) })
    attemptRows.push({
      id: attemptId,
      setSlug: results.setSlug,
      learnerId,
      questionIds: results.questionIds,
      seed: `live:${results.sessionId}`,
      startedAt: new Date(player.joinedAt),
      completedAt: new Date(results.completedAt),
      answeredCount: played.length,
      score: played.reduce((sum, answer) => sum + answer.credit, 0),
      setVersion: results.setVersion,
      liveSessionId: results.sessionId,
    })
    for (const answer of played)
      responseRows.push({
        attemptId,
        questionId: answer.questionId,
        answer: answer.answer,
        correct: answer.correct,
        points: answer.credit,
        answeredAt: new Date(answer.answeredAt),
      })
  }
  // Parents first, in their own batches, so every response finds its attempt.
  const statements: BatchItem<'sqlite'>[][] = [
    chunks(learnerRows, Math.floor(MAX_PARAMS / 3)).map((rows) => db.insert(learners).values(rows)),
    chunks(attemptRows, Math.floor(MAX_PARAMS / 12)).map((rows) => db.insert(attempts).values(rows)),
    chunks(responseRows, Math.floor(MAX_PARAMS / 6)).map((rows) => db.insert(responses).values(rows)),
  ]
  for (const group of statements)
    for (const batch of chunks(group, STATEMENTS_PER_BATCH)) {
      const [first, ...rest] = batch
      if (first) await db.batch([first, ...rest])
    }
}

/** Questions by id, in the order of `ids` (a published version's list); ids not found are left out. */
export async function listQuestionsByIds(db: Db, ids: string[]): Promise<Question[]> {
  if (ids.length === 0) return []
  const rows = await db.select({ body: questions.body }).from(questions).where(inArray(questions.id, ids))
  const byId = new Map(rows.map((row) => [row.body.id, row.body]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
