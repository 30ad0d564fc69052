import { asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import { sources } from './schema'

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
