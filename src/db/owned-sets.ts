import { and, eq } from 'drizzle-orm'
import type { Db } from './client'
import { type QuizSetRow, quizSets } from './schema'

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
