import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Passage } from '../sources/passages'
import type { Db } from './client'
import { sourcePassages } from './schema'

/** Queries on sources' texts, stored one sentence a row (see schema.ts `source_passages`). */

// D1 binds at most 100 parameters per statement: 4 columns a row, so 24 rows a statement.
const ROWS_PER_INSERT = 24

/** The statements that store a source's passages (to batch with the source's own row). */
export function insertPassagesStatements(db: Db, sourceId: string, passages: readonly Passage[]) {
  const statements: BatchItem<'sqlite'>[] = []
  for (let start = 0; start < passages.length; start += ROWS_PER_INSERT)
    statements.push(
      db
        .insert(sourcePassages)
        .values(passages.slice(start, start + ROWS_PER_INSERT).map((passage) => ({ sourceId, ...passage }))),
    )
  return statements
}

/** Replaces a source's text (the bank's, seeded from ../shared/seeds), in one batch. */
export async function replacePassages(db: Db, sourceId: string, passages: readonly Passage[]): Promise<void> {
  await db.batch([
    db.delete(sourcePassages).where(eq(sourcePassages.sourceId, sourceId)),
    ...insertPassagesStatements(db, sourceId, passages),
  ])
}

/** Every passage of the given sources in reading order, with its source. */
export async function listPassagesOf(
  db: Db,
  sourceIds: readonly string[],
): Promise<(Passage & { sourceId: string })[]> {
  if (sourceIds.length === 0) return []
  return db
    .select({
      sourceId: sourcePassages.sourceId,
      paragraph: sourcePassages.paragraph,
      sentence: sourcePassages.sentence,
      text: sourcePassages.text,
    })
    .from(sourcePassages)
    .where(inArray(sourcePassages.sourceId, [...new Set(sourceIds)]))
    .orderBy(asc(sourcePassages.sourceId), asc(sourcePassages.paragraph), asc(sourcePassages.sentence))
}

/** One page of a source's sentences, optionally only those containing `search`, with the total count. */
export async function pageOfPassages(
  db: Db,
  sourceId: string,
  options: { search: string; page: number; pageSize: number },
): Promise<{ passages: Passage[]; total: number }> {
  const pattern = `%${options.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  const where = and(
    eq(sourcePassages.sourceId, sourceId),
    options.search ? sql`${sourcePassages.text} like ${pattern} escape '\\'` : undefined,
  )
  const [passages, [count]] = await db.batch([
    db
      .select({
        paragraph: sourcePassages.paragraph,
        sentence: sourcePassages.sentence,
        text: sourcePassages.text,
      })
      .from(sourcePassages)
      .where(where)
      .orderBy(asc(sourcePassages.paragraph), asc(sourcePassages.sentence))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ n: sql<number>`count(*)` }).from(sourcePassages).where(where),
  ])
  return { passages, total: count?.n ?? 0 }
}

/** How many sentences each source's text has (sources without text are left out). */
export async function countPassages(db: Db, sourceIds: readonly string[]): Promise<Map<string, number>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db
    .select({ sourceId: sourcePassages.sourceId, n: sql<number>`count(*)` })
    .from(sourcePassages)
    .where(inArray(sourcePassages.sourceId, [...new Set(sourceIds)]))
    .groupBy(sourcePassages.sourceId)
  return new Map(rows.map((row) => [row.sourceId, row.n]))
}

/** One sentence of a source's text, or null. */
export async function getPassage(
  db: Db,
  sourceId: string,
  paragraph: number,
  sentence: number,
): Promise<Passage | null> {
  const [row] = await db
    .select({
      paragraph: sourcePassages.paragraph,
      sentence: sourcePassages.sentence,
      text: sourcePassages.text,
    })
    .from(sourcePassages)
    .where(
      and(
        eq(sourcePassages.sourceId, sourceId),
        eq(sourcePassages.paragraph, paragraph),
        eq(sourcePassages.sentence, sentence),
      ),
    )
  return row ?? null
}
