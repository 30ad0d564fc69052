import { desc, eq } from 'drizzle-orm'
import type { Db } from './client'
import { quizSets, quizSetVersions } from './schema'

/** Queries on the published versions of an instructor's set. */

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
