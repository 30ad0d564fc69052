import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { EmbedPolicy } from '../embed/policy'
import type { SetSettings, Visibility } from '../quiz/set-settings'
import type { Db } from './client'
import { type QuizSetRow, quizSets, setQuestions } from './schema'

/** Queries on an instructor's sets as rows: listing, creating, renaming, archiving, configuring. */

/**
 * The set with this slug if the instructor owns it; null otherwise (missing,
 * a bank set, or another instructor's), so callers answer all three with the
 * same 404 and never reveal that someone else's set exists.
 */
export async function getOwnedSet(db: Db, instructorId: string, slug: string): Promise<QuizSetRow | null> {
  const [row] = await db
    .select()
    .from(quizSets)
    .where(and(eq(quizSets.slug, slug), eq(quizSets.ownerId, instructorId)))
  return row ?? null
}

/** One row of the studio dashboard. */
export type OwnedSetSummary = {
  slug: string
  title: string
  visibility: Visibility
  publishedVersion: number | null
  archivedAt: Date | null
  questionCount: number
}

/** The instructor's sets, live ones first, most recently changed first. */
export async function listOwnedSets(db: Db, ownerId: string): Promise<OwnedSetSummary[]> {
  return db
    .select({
      slug: quizSets.slug,
      title: quizSets.title,
      visibility: quizSets.visibility,
      publishedVersion: quizSets.publishedVersion,
      archivedAt: quizSets.archivedAt,
      questionCount: sql<number>`count(${setQuestions.questionId})`,
    })
    .from(quizSets)
    .leftJoin(setQuestions, eq(setQuestions.setSlug, quizSets.slug))
    .where(eq(quizSets.ownerId, ownerId))
    .groupBy(quizSets.slug)
    .orderBy(sql`${quizSets.archivedAt} is not null`, desc(quizSets.updatedAt), asc(quizSets.slug))
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  const [row] = await db.select({ slug: quizSets.slug }).from(quizSets).where(eq(quizSets.slug, slug))
  return Boolean(row)
}

export type NewOwnedSet = {
  slug: string
  title: string
  description: string
  ownerId: string
  settings: SetSettings
  visibility: Visibility
  embedPolicy: EmbedPolicy
}

/**
 * Creates a draft set, optionally holding `questionIds` in that order (a
 * duplicate). Throws on a taken slug (primary key), which callers check first.
 */
export async function insertOwnedSet(db: Db, set: NewOwnedSet, questionIds: string[] = []): Promise<void> {
  const now = new Date()
  const insertSet = db.insert(quizSets).values({ ...set, position: 1000, updatedAt: now })
  if (questionIds.length === 0) {
    await insertSet
    return
  }
  await db.batch([
    insertSet,
    db
      .insert(setQuestions)
      .values(
        questionIds.map((questionId, index) => ({ setSlug: set.slug, questionId, position: index + 1 })),
      ),
  ])
}

export type SetDetails = { title: string; description: string }

/** Updates title and description; with a new slug, moves the set and its question rows to it. */
export async function updateSetDetails(db: Db, set: QuizSetRow, details: SetDetails & { slug: string }) {
  const now = new Date()
  if (details.slug === set.slug) {
    await db
      .update(quizSets)
      .set({ title: details.title, description: details.description, updatedAt: now })
      .where(eq(quizSets.slug, set.slug))
    return
  }
  // The slug is the primary key that set_questions refers to: copy the row, move the children, drop the old row.
  await db.batch([
    db.insert(quizSets).values({ ...set, ...details, updatedAt: now }),
    db.update(setQuestions).set({ setSlug: details.slug }).where(eq(setQuestions.setSlug, set.slug)),
    db.delete(quizSets).where(eq(quizSets.slug, set.slug)),
  ])
}

export async function setArchived(db: Db, slug: string, archivedAt: Date | null): Promise<void> {
  await db.update(quizSets).set({ archivedAt, updatedAt: new Date() }).where(eq(quizSets.slug, slug))
}

export type SetConfiguration = { settings: SetSettings; visibility: Visibility; embedPolicy: EmbedPolicy }

export async function updateSetConfiguration(db: Db, slug: string, config: SetConfiguration) {
  await db
    .update(quizSets)
    .set({ ...config, updatedAt: new Date() })
    .where(eq(quizSets.slug, slug))
}

/** Marks the set as changed now; a statement to batch with the change itself. */
export const touchSet = (db: Db, slug: string) =>
  db.update(quizSets).set({ updatedAt: new Date() }).where(eq(quizSets.slug, slug))
