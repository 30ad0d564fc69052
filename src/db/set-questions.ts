import { and, asc, eq, sql } from 'drizzle-orm'
import type { Question, QuestionType } from '../quiz/question'
import type { Db } from './client'
import { touchSet } from './owned-sets'
import { questions, setQuestions } from './schema'

/** Queries on which questions a set holds, and in what order (a bank set, or an instructor's draft). */

/** The questions of a set (a bank set, or an instructor's draft), answer keys included, in order. */
export async function listSetQuestions(db: Db, slug: string): Promise<Question[]> {
  const rows = await db
    .select({ body: questions.body })
    .from(setQuestions)
    .innerJoin(questions, eq(questions.id, setQuestions.questionId))
    .where(eq(setQuestions.setSlug, slug))
    .orderBy(asc(setQuestions.position))
  return rows.map((row) => row.body)
}

/** A question of a draft, as the editor lists it. */
export type DraftQuestion = {
  id: string
  type: QuestionType
  prompt: string
  /** The first cited source; null for an uncited question (the editor shows a badge). */
  sourceId: string | null
  ownerId: string | null
  position: number
}

/** The draft's questions in order. */
export async function listDraftQuestions(db: Db, slug: string): Promise<DraftQuestion[]> {
  return db
    .select({
      id: questions.id,
      type: questions.type,
      prompt: questions.prompt,
      sourceId: questions.sourceId,
      ownerId: questions.ownerId,
      position: setQuestions.position,
    })
    .from(setQuestions)
    .innerJoin(questions, eq(questions.id, setQuestions.questionId))
    .where(eq(setQuestions.setSlug, slug))
    .orderBy(asc(setQuestions.position))
}

/** Appends a question at the end of the draft; adding one that is already there changes nothing. */
export async function appendDraftQuestion(db: Db, slug: string, questionId: string): Promise<void> {
  await db.batch([
    db
      .insert(setQuestions)
      .values({ setSlug: slug, questionId, position: nextDraftPosition(slug) })
      .onConflictDoNothing(),
    touchSet(db, slug),
  ])
}

export async function removeDraftQuestion(db: Db, slug: string, questionId: string): Promise<void> {
  await db.batch([
    db
      .delete(setQuestions)
      .where(and(eq(setQuestions.setSlug, slug), eq(setQuestions.questionId, questionId))),
    touchSet(db, slug),
  ])
}

/** Rewrites the draft's positions as 1..n in the order given (one transaction). */
export async function writeDraftOrder(db: Db, slug: string, questionIds: string[]): Promise<void> {
  const updates = questionIds.map((questionId, index) =>
    db
      .update(setQuestions)
      .set({ position: index + 1 })
      .where(and(eq(setQuestions.setSlug, slug), eq(setQuestions.questionId, questionId))),
  )
  await db.batch([touchSet(db, slug), ...updates])
}

/** The position after the draft's last question, computed inside the insert. */
export const nextDraftPosition = (slug: string) =>
  sql<number>`(select coalesce(max(${setQuestions.position}), 0) + 1 from ${setQuestions} where ${setQuestions.setSlug} = ${slug})`
