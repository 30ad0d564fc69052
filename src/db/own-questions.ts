import { asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Question } from '../quiz/question'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import { questions, quizSets, setQuestions, sources } from './schema'

/** The ids (and titles, for the import page) of the sources an instructor may cite: the bank's and their own. */
export async function listCitableSources(
  db: Db,
  ownerId: string,
): Promise<{ id: string; title: string; outlet: string }[]> {
  return db
    .select({ id: sources.id, title: sources.title, outlet: sources.outlet })
    .from(sources)
    .where(or(isNull(sources.ownerId), eq(sources.ownerId, ownerId)))
    .orderBy(asc(sources.title))
}

/** The full questions (answer keys included) of a set's draft, in order. */
export async function listSetQuestionBodies(db: Db, slug: string): Promise<Question[]> {
  const rows = await db
    .select({ body: questions.body })
    .from(setQuestions)
    .innerJoin(questions, eq(questions.id, setQuestions.questionId))
    .where(eq(setQuestions.setSlug, slug))
    .orderBy(asc(setQuestions.position))
  return rows.map((row) => row.body)
}

/** The sources the given ids name, as the JSON export describes them. */
export async function getSourcesByIds(db: Db, ids: string[]): Promise<SourceSummary[]> {
  if (ids.length === 0) return []
  return db
    .select({
      id: sources.id,
      title: sources.title,
      outlet: sources.outlet,
      author: sources.author,
      date: sources.date,
      kind: sources.kind,
      reliability: sources.reliability,
    })
    .from(sources)
    .where(inArray(sources.id, [...new Set(ids)]))
}

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
      db.insert(questions).values({
        id: question.id,
        type: question.type,
        prompt: question.prompt,
        sourceId: question.evidence.source,
        body: question,
        ownerId,
      }),
      db.insert(setQuestions).values({ setSlug: slug, questionId: question.id, position: start + index }),
    )
  })
  const [first, ...rest] = statements
  if (first) await db.batch([first, ...rest])
}
