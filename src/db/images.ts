import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Db } from './client'
import { type ImageRow, images, questions } from './schema'

/** Queries on uploaded images (the bytes live in R2 under `images/<hash>`, services/images.ts). */

export async function getImage(db: Db, hash: string): Promise<ImageRow | null> {
  const [row] = await db.select().from(images).where(eq(images.hash, hash))
  return row ?? null
}

/** The rows of these images (those that exist), 90 hashes a query: D1 binds at most 100 values. */
export async function getImages(db: Db, hashes: string[]): Promise<ImageRow[]> {
  const rows: ImageRow[] = []
  for (let start = 0; start < hashes.length; start += 90)
    rows.push(
      ...(await db
        .select()
        .from(images)
        .where(inArray(images.hash, hashes.slice(start, start + 90)))),
    )
  return rows
}

/**
 * Records an image. The same bytes uploaded again (by anyone) keep the first
 * row and its owner, but its time becomes now, so the cleanup's day of grace
 * starts again for the edit that is about to refer to it.
 */
export async function insertImage(db: Db, row: ImageRow): Promise<void> {
  await db
    .insert(images)
    .values(row)
    .onConflictDoUpdate({ target: images.hash, set: { createdAt: row.createdAt } })
}

/**
 * Images older than `before` that no stored question mentions, at most `limit`.
 * A question refers to an image by its hash inside `questions.body` (prompt,
 * choices, figures), and 64 hex digits appear there only as an image id, so a
 * text search of the body is exact. Questions are never deleted while a
 * published version may point at them (copy on write), so an image of an old
 * version stays as long as that version's question does.
 */
export async function listOrphanImages(db: Db, before: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ hash: images.hash })
    .from(images)
    .where(
      and(
        lt(images.createdAt, before),
        sql`not exists (select 1 from ${questions} where instr(${questions.body}, ${images.hash}) > 0)`,
      ),
    )
    .limit(limit)
  return rows.map((row) => row.hash)
}

export async function deleteImageRows(db: Db, hashes: string[]): Promise<void> {
  if (hashes.length) await db.delete(images).where(inArray(images.hash, hashes))
}
