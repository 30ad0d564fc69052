import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Question } from '../quiz/question'
import type { Db } from './client'
import { touchSet } from './owned-sets'
import { questions, quizSets, quizSetVersions, responses, setQuestions } from './schema'
import { nextDraftPosition } from './set-questions'

/** Queries on the questions instructors write or import (the bank's questions are seeded). */

/** A question the instructor may use (bank or own), with its owner; null otherwise. */
export async function getVisibleQuestion(
  db: Db,
  ownerId: string,
  id: string,
): Promise<{ body: Question; ownerId: string | null } | null> {
  const [row] = await db
    .select({ body: questions.body, ownerId: questions.ownerId })
    .from(questions)
    .where(and(eq(questions.id, id), or(isNull(questions.ownerId), eq(questions.ownerId, ownerId))))
  return row ?? null
}

export async function questionIdTaken(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: questions.id }).from(questions).where(eq(questions.id, id))
  return Boolean(row)
}

/**
 * Whether learners may already have seen this question: it is in a published
 * version of any set, or someone answered it. Such a question is never edited
 * in place (copy on write).
 */
export async function questionIsFrozen(db: Db, id: string): Promise<boolean> {
  const [inVersion] = await db
    .select({ one: sql<number>`1` })
    .from(quizSetVersions)
    .where(sql`exists (select 1 from json_each(${quizSetVersions.questionIds}) where value = ${id})`)
    .limit(1)
  if (inVersion) return true
  const [answered] = await db
    .select({ one: sql<number>`1` })
    .from(responses)
    .where(eq(responses.questionId, id))
    .limit(1)
  return Boolean(answered)
}

/** Stores a new own question and appends it to the draft, in one transaction. */
export async function insertOwnQuestion(db: Db, ownerId: string, slug: string, question: Question) {
  await db.batch([
    db.insert(questions).values(questionRow(ownerId, question)),
    db
      .insert(setQuestions)
      .values({ setSlug: slug, questionId: question.id, position: nextDraftPosition(slug) }),
    touchSet(db, slug),
  ])
}

/** Overwrites an own question that no learner can have seen. */
export async function updateOwnQuestion(db: Db, ownerId: string, slug: string, question: Question) {
  const { id, ...row } = questionRow(ownerId, question)
  await db.batch([
    db
      .update(questions)
      .set(row)
      .where(and(eq(questions.id, id), eq(questions.ownerId, ownerId))),
    touchSet(db, slug),
  ])
}

/** Copy on write: stores the edit under its new id and puts it where the old one was in this draft. */
export async function replaceOwnQuestion(
  db: Db,
  ownerId: string,
  slug: string,
  oldId: string,
  question: Question,
) {
  await db.batch([
    db.insert(questions).values(questionRow(ownerId, question)),
    db
      .update(setQuestions)
      .set({ questionId: question.id })
      .where(and(eq(setQuestions.setSlug, slug), eq(setQuestions.questionId, oldId))),
    touchSet(db, slug),
  ])
}

const questionRow = (ownerId: string, question: Question) => ({
  id: question.id,
  type: question.type,
  prompt: question.prompt,
  // The first cited source, for listings and filters; null for an uncited question.
  sourceId: question.evidence[0]?.source ?? null,
  body: question,
  ownerId,
})

/**
 * Stores imported questions as the instructor's own and appends them, in
 * order, to the end of the set's draft: one D1 batch, so an import is saved
 * whole or not at all.
 */
export async function insertImportedQuestions(
  db: Db,
  ownerId: string,
  slug: string,
  imported: Question[],
  now: Date,
): Promise<void> {
  const [last] = await db
    .select({ position: sql<number | null>`max(${setQuestions.position})` })
    .from(setQuestions)
    .where(eq(setQuestions.setSlug, slug))
  // Positions count from 1 after the draft's last question, as the set builder numbers them.
  const start = (last?.position ?? 0) + 1
  const statements: BatchItem<'sqlite'>[] = [
    db.update(quizSets).set({ updatedAt: now }).where(eq(quizSets.slug, slug)),
  ]
  imported.forEach((question, index) => {
    statements.push(
      db.insert(questions).values(questionRow(ownerId, question)),
      db.insert(setQuestions).values({ setSlug: slug, questionId: question.id, position: start + index }),
    )
  })
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}
