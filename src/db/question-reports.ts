import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { ReportInput, ReportStatus } from '../quiz/problem-report'
import type { Db } from './client'
import { type QuestionReportRow, questionReports, questions, quizSets } from './schema'

/** Queries on learners' problem reports (schema.ts `question_reports`). */

export type NewReport = ReportInput & {
  setSlug: string
  questionId: string
  learnerId: string
  attemptId: string
}

/**
 * Stores a learner's report on a question of a set, or replaces the one they
 * sent before (one per learner, set and question): the new reason and comment,
 * the attempt it came from, and open again, since it may say something new.
 * The instructor's reply stays.
 */
export async function saveReport(db: Db, report: NewReport, now: number): Promise<void> {
  await db
    .insert(questionReports)
    .values({ id: crypto.randomUUID(), ...report, status: 'open', createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [questionReports.learnerId, questionReports.setSlug, questionReports.questionId],
      set: {
        reason: report.reason,
        comment: report.comment,
        attemptId: report.attemptId,
        status: 'open',
        resolvedAt: null,
        updatedAt: now,
      },
    })
}

/** What a learner sees of their own report. */
export type LearnerReport = Pick<
  QuestionReportRow,
  'questionId' | 'reason' | 'comment' | 'status' | 'reply' | 'updatedAt'
>

/** One learner's reports on these questions of a set. */
export async function findLearnerReports(
  db: Db,
  learnerId: string,
  setSlug: string,
  questionIds: string[],
): Promise<LearnerReport[]> {
  if (questionIds.length === 0) return []
  return db
    .select({
      questionId: questionReports.questionId,
      reason: questionReports.reason,
      comment: questionReports.comment,
      status: questionReports.status,
      reply: questionReports.reply,
      updatedAt: questionReports.updatedAt,
    })
    .from(questionReports)
    .where(
      and(
        eq(questionReports.learnerId, learnerId),
        eq(questionReports.setSlug, setSlug),
        inArray(questionReports.questionId, questionIds),
      ),
    )
}

/** A report as the set's owner reads it: no learner or attempt id, the question's prompt beside it. */
export type SetReport = Pick<
  QuestionReportRow,
  'id' | 'questionId' | 'reason' | 'comment' | 'status' | 'reply' | 'createdAt' | 'updatedAt'
> & {
  prompt: string
  /** The instructor's own question (a bank question is fixed in questions/, not regraded in the studio). */
  regradable: boolean
}

/** Every report on a set, by question, open ones first, newest first. */
export async function listSetReports(db: Db, setSlug: string): Promise<SetReport[]> {
  return db
    .select({
      id: questionReports.id,
      questionId: questionReports.questionId,
      prompt: questions.prompt,
      regradable: sql<boolean>`${questions.ownerId} is not null`.mapWith(Boolean),
      reason: questionReports.reason,
      comment: questionReports.comment,
      status: questionReports.status,
      reply: questionReports.reply,
      createdAt: questionReports.createdAt,
      updatedAt: questionReports.updatedAt,
    })
    .from(questionReports)
    .innerJoin(questions, eq(questions.id, questionReports.questionId))
    .where(eq(questionReports.setSlug, setSlug))
    .orderBy(
      asc(questionReports.questionId),
      desc(sql`${questionReports.status} = 'open'`),
      desc(questionReports.updatedAt),
    )
}

/** Resolves or reopens one report of a set; false when the set has no report with this id. */
export async function setReportStatus(
  db: Db,
  setSlug: string,
  id: string,
  status: ReportStatus,
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(questionReports)
    .set({ status, resolvedAt: status === 'resolved' ? now : null })
    .where(and(eq(questionReports.setSlug, setSlug), eq(questionReports.id, id)))
    .returning({ id: questionReports.id })
  return rows.length > 0
}

/** Saves (or, with null, removes) the instructor's reply to one report of a set; false when there is none. */
export async function setReportReply(
  db: Db,
  setSlug: string,
  id: string,
  reply: string | null,
  now: number,
): Promise<boolean> {
  const rows = await db
    .update(questionReports)
    .set({ reply, repliedAt: reply === null ? null : now })
    .where(and(eq(questionReports.setSlug, setSlug), eq(questionReports.id, id)))
    .returning({ id: questionReports.id })
  return rows.length > 0
}

/** Reports per question of a set (all and still open), for the results table. */
export async function countReportsByQuestion(
  db: Db,
  setSlug: string,
): Promise<Map<string, { total: number; open: number }>> {
  const rows = await db
    .select({
      questionId: questionReports.questionId,
      total: sql<number>`count(*)`,
      open: sql<number>`sum(${questionReports.status} = 'open')`,
    })
    .from(questionReports)
    .where(eq(questionReports.setSlug, setSlug))
    .groupBy(questionReports.questionId)
  return new Map(rows.map((row) => [row.questionId, { total: row.total, open: row.open }]))
}

/** Open reports per set of one instructor (sets without any are absent), for the dashboard. */
export async function countOpenReportsByOwner(db: Db, ownerId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ setSlug: questionReports.setSlug, open: sql<number>`count(*)` })
    .from(questionReports)
    .innerJoin(quizSets, eq(quizSets.slug, questionReports.setSlug))
    .where(and(eq(quizSets.ownerId, ownerId), eq(questionReports.status, 'open')))
    .groupBy(questionReports.setSlug)
  return new Map(rows.map((row) => [row.setSlug, row.open]))
}

/** Open reports on one set, for its page in the studio. */
export async function countOpenReports(db: Db, setSlug: string): Promise<number> {
  const [row] = await db
    .select({ open: sql<number>`count(*)` })
    .from(questionReports)
    .where(and(eq(questionReports.setSlug, setSlug), eq(questionReports.status, 'open')))
  return row?.open ?? 0
}
