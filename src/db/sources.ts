import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { SourceSummary } from '../quiz/source'
import type { Passage } from '../sources/passages'
import type { Db } from './client'
import { sourcePassages, sources } from './schema'
import { insertPassagesStatements } from './source-passages'

/** Queries on the sources questions cite: the bank's, and those instructors add. */

/** A source as learners and instructors see it (everything but the local file name). */
export const sourceSummaryColumns = {
  id: sources.id,
  title: sources.title,
  outlet: sources.outlet,
  author: sources.author,
  date: sources.date,
  kind: sources.kind,
  reliability: sources.reliability,
}

/** Sources an instructor may cite: the bank's and their own. */
export async function listVisibleSources(
  db: Db,
  ownerId: string,
): Promise<(SourceSummary & { ownerId: string | null })[]> {
  return db
    .select({ ...sourceSummaryColumns, ownerId: sources.ownerId })
    .from(sources)
    .where(or(isNull(sources.ownerId), eq(sources.ownerId, ownerId)))
    .orderBy(sql`${sources.ownerId} is null`, asc(sources.title))
}

export async function insertOwnSource(db: Db, ownerId: string, source: SourceSummary): Promise<void> {
  await db.insert(sources).values({ ...source, ownerId })
}

/** The sources the given ids name, as the JSON export describes them. */
export async function getSourcesByIds(db: Db, ids: string[]): Promise<SourceSummary[]> {
  if (ids.length === 0) return []
  return db
    .select(sourceSummaryColumns)
    .from(sources)
    .where(inArray(sources.id, [...new Set(ids)]))
}

/** A source as the studio's library lists it: who owns it, how much text, how many questions cite it. */
export type LibrarySource = SourceSummary & { ownerId: string | null; sentences: number; citedBy: number }

// Written out in full: inside a subquery, drizzle would leave the outer "sources"."id" unqualified.
const sentenceCount = sql<number>`(select count(*) from "source_passages" as sp where sp."source_id" = "sources"."id")`
// Questions citing the source in any passage of their evidence (a question may cite several sources).
const citingCount = sql<number>`(select count(*) from "questions" as q where exists (select 1 from json_each(q."body", '$.evidence') as cited where json_extract(cited.value, '$.source') = "sources"."id"))`

/** The instructor's own sources, then the bank's, each with its text size and use. */
export async function listLibrary(db: Db, ownerId: string): Promise<LibrarySource[]> {
  return db
    .select({
      ...sourceSummaryColumns,
      ownerId: sources.ownerId,
      sentences: sentenceCount,
      citedBy: citingCount,
    })
    .from(sources)
    .where(or(isNull(sources.ownerId), eq(sources.ownerId, ownerId)))
    .orderBy(sql`${sources.ownerId} is null`, asc(sources.title))
}

/** A source the instructor may read (the bank's or their own), or null. */
export async function getVisibleSource(db: Db, ownerId: string, id: string): Promise<LibrarySource | null> {
  const [row] = await db
    .select({
      ...sourceSummaryColumns,
      ownerId: sources.ownerId,
      sentences: sentenceCount,
      citedBy: citingCount,
    })
    .from(sources)
    .where(and(eq(sources.id, id), or(isNull(sources.ownerId), eq(sources.ownerId, ownerId))))
  return row ?? null
}

/** Stores an instructor's source with its text, in one batch (all or nothing). */
export async function insertOwnSourceWithText(
  db: Db,
  ownerId: string,
  source: SourceSummary,
  passages: readonly Passage[],
  now: number,
): Promise<void> {
  await db.batch([
    db.insert(sources).values({ ...source, ownerId, createdAt: now }),
    ...insertPassagesStatements(db, source.id, passages),
  ])
}

export async function updateOwnSource(db: Db, ownerId: string, source: SourceSummary): Promise<void> {
  const { id, ...row } = source
  await db
    .update(sources)
    .set(row)
    .where(and(eq(sources.id, id), eq(sources.ownerId, ownerId)))
}

/** Deletes an own source and its text; the caller has checked no question cites it. */
export async function deleteOwnSource(db: Db, ownerId: string, id: string): Promise<void> {
  await db.batch([
    db.delete(sourcePassages).where(eq(sourcePassages.sourceId, id)),
    db.delete(sources).where(and(eq(sources.id, id), eq(sources.ownerId, ownerId))),
  ])
}
