import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { EmbedPolicy } from '../embed/policy'
import type { Question, QuestionType } from '../quiz/question'
import type { SetSettings, Visibility } from '../quiz/set-settings'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import {
  type QuizSetRow,
  questions,
  quizSets,
  quizSetVersions,
  responses,
  setQuestions,
  sources,
} from './schema'

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

/** A question of a draft, as the editor lists it. */
export type DraftQuestion = {
  id: string
  type: QuestionType
  prompt: string
  sourceId: string
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
      .values({ setSlug: slug, questionId, position: nextPosition(slug) })
      .onConflictDoNothing(),
    touch(db, slug),
  ])
}

export async function removeDraftQuestion(db: Db, slug: string, questionId: string): Promise<void> {
  await db.batch([
    db
      .delete(setQuestions)
      .where(and(eq(setQuestions.setSlug, slug), eq(setQuestions.questionId, questionId))),
    touch(db, slug),
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
  await db.batch([touch(db, slug), ...updates])
}

/** The position after the draft's last question, computed inside the insert. */
const nextPosition = (slug: string) =>
  sql<number>`(select coalesce(max(${setQuestions.position}), 0) + 1 from ${setQuestions} where ${setQuestions.setSlug} = ${slug})`

const touch = (db: Db, slug: string) =>
  db.update(quizSets).set({ updatedAt: new Date() }).where(eq(quizSets.slug, slug))

/** What the bank picker filters on; every field optional. */
export type BankFilter = {
  source?: string
  tag?: string
  type?: QuestionType
  text?: string
  page: number
}

export type BankHit = { id: string; type: QuestionType; prompt: string; sourceId: string; tags: string[] }

export const BANK_PAGE_SIZE = 20

/**
 * Questions an instructor may add: the bank's and their own (never another
 * instructor's), filtered, `BANK_PAGE_SIZE` a page, with the total count.
 */
export async function searchQuestions(
  db: Db,
  ownerId: string,
  filter: BankFilter,
): Promise<{ hits: BankHit[]; total: number }> {
  const conditions: SQL[] = []
  const visible = or(isNull(questions.ownerId), eq(questions.ownerId, ownerId))
  if (visible) conditions.push(visible)
  if (filter.source) conditions.push(eq(questions.sourceId, filter.source))
  if (filter.type) conditions.push(eq(questions.type, filter.type))
  if (filter.tag)
    conditions.push(
      sql`exists (select 1 from json_each(${questions.body}, '$.tags') where lower(value) = lower(${filter.tag}))`,
    )
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    conditions.push(sql`${questions.prompt} like ${pattern} escape '\\'`)
  }
  const where = and(...conditions)
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: questions.id,
        type: questions.type,
        prompt: questions.prompt,
        sourceId: questions.sourceId,
        tags: sql<string>`coalesce(json_extract(${questions.body}, '$.tags'), '[]')`,
      })
      .from(questions)
      .where(where)
      .orderBy(asc(questions.sourceId), asc(questions.id))
      .limit(BANK_PAGE_SIZE)
      .offset((filter.page - 1) * BANK_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)` }).from(questions).where(where),
  ])
  return {
    hits: rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] })),
    total: count?.n ?? 0,
  }
}

/** Every tag used by the questions an instructor can see, for the filter's list. */
export async function listVisibleTags(db: Db, ownerId: string): Promise<string[]> {
  const { results } = await db.$client
    .prepare(
      `select distinct tag.value as tag from questions, json_each(questions.body, '$.tags') as tag
       where questions.owner_id is null or questions.owner_id = ? order by tag.value`,
    )
    .bind(ownerId)
    .all<{ tag: string }>()
  return results.map((row) => row.tag)
}

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
    db.insert(setQuestions).values({ setSlug: slug, questionId: question.id, position: nextPosition(slug) }),
    touch(db, slug),
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
    touch(db, slug),
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
    touch(db, slug),
  ])
}

const questionRow = (ownerId: string, question: Question) => ({
  id: question.id,
  type: question.type,
  prompt: question.prompt,
  sourceId: question.evidence.source,
  body: question,
  ownerId,
})

/** Sources an instructor may cite: the bank's and their own. */
export async function listVisibleSources(
  db: Db,
  ownerId: string,
): Promise<(SourceSummary & { ownerId: string | null })[]> {
  return db
    .select({
      id: sources.id,
      title: sources.title,
      outlet: sources.outlet,
      author: sources.author,
      date: sources.date,
      kind: sources.kind,
      reliability: sources.reliability,
      ownerId: sources.ownerId,
    })
    .from(sources)
    .where(or(isNull(sources.ownerId), eq(sources.ownerId, ownerId)))
    .orderBy(sql`${sources.ownerId} is null`, asc(sources.title))
}

export async function insertOwnSource(db: Db, ownerId: string, source: SourceSummary): Promise<void> {
  await db.insert(sources).values({ ...source, ownerId })
}

export type SetVersion = typeof quizSetVersions.$inferSelect

export async function listSetVersions(db: Db, slug: string): Promise<SetVersion[]> {
  return db
    .select()
    .from(quizSetVersions)
    .where(eq(quizSetVersions.setSlug, slug))
    .orderBy(desc(quizSetVersions.version))
}

/**
 * Freezes the draft as the next version and makes it the one learners take,
 * in one transaction. The version number comes from the table itself, so two
 * publishes at once cannot both write the same version (primary key).
 */
export async function insertSetVersion(
  db: Db,
  version: Omit<SetVersion, 'publishedAt'> & { publishedAt: Date },
): Promise<void> {
  await db.batch([
    db.insert(quizSetVersions).values(version),
    db
      .update(quizSets)
      .set({ publishedVersion: version.version, updatedAt: version.publishedAt })
      .where(eq(quizSets.slug, version.setSlug)),
  ])
}

/** Questions by id (answer keys included), for previews and publishing. */
export async function getQuestionsByIds(db: Db, ids: string[]): Promise<Map<string, Question>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ body: questions.body }).from(questions).where(inArray(questions.id, ids))
  return new Map(rows.map((row) => [row.body.id, row.body]))
}
