import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { createDb } from '../../src/db/client'
import { attempts, instructors, quizSets, quizSetVersions } from '../../src/db/schema'
import type { Question } from '../../src/quiz/question'
import type { SetSettings, Visibility } from '../../src/quiz/set-settings'
import { allQuestions, type Browser, questionOf } from './helpers'

/**
 * Instructor sets written straight into D1 (the studio's own routes are tested
 * elsewhere): what learners get depends only on these rows.
 */

export const db = createDb(env.DB)

/** The instructor who owns every set `createSet` makes. */
export const instructorId = crypto.randomUUID()
await db.insert(instructors).values({
  id: instructorId,
  email: `settings-${instructorId}@example.com`,
  passwordHash: 'x',
  salt: 'x',
  iterations: 1,
})

/** Bank question ids of the given type(s), in bank order. */
export function idsOfType(...types: Question['type'][]): string[] {
  return allQuestions.filter((question) => types.includes(question.type)).map((question) => question.id)
}

export type SetOptions = {
  title?: string
  questionIds?: string[]
  settings?: Partial<SetSettings>
  visibility?: Visibility
  /** false: a draft never published. */
  published?: boolean
  archived?: boolean
  embedAnywhere?: boolean
}

/** Creates an instructor's set (published as version 1 unless told otherwise) and returns its slug. */
export async function createSet(options: SetOptions = {}): Promise<string> {
  const slug = `ins-${crypto.randomUUID().slice(0, 8)}`
  const title = options.title ?? `Instructor set ${slug}`
  const published = options.published ?? true
  await db.insert(quizSets).values({
    slug,
    title: published ? `${title} (draft edits)` : title,
    description: 'A set written for a class.',
    ownerId: instructorId,
    visibility: options.visibility ?? 'public',
    settings: options.settings ?? {},
    embedPolicy: { anywhere: options.embedAnywhere ?? false, origins: [] },
    archivedAt: options.archived ? new Date() : null,
  })
  if (published)
    await publishVersion(
      slug,
      1,
      options.questionIds ?? idsOfType('single').slice(0, 4),
      options.settings,
      title,
    )
  return slug
}

/** Publishes `version` of a set: its questions, settings and title, frozen. */
export async function publishVersion(
  slug: string,
  version: number,
  questionIds: string[],
  settings: Partial<SetSettings> = {},
  title = `Instructor set ${slug} v${version}`,
): Promise<void> {
  await db.insert(quizSetVersions).values({
    setSlug: slug,
    version,
    title,
    description: `Version ${version}.`,
    // The studio stores the whole settings object; partial ones must work too (defaults fill in).
    settings: settings as SetSettings,
    questionIds,
    publishedAt: new Date(),
  })
  await db.update(quizSets).set({ publishedVersion: version }).where(eq(quizSets.slug, slug))
}

/** Moves an attempt's deadline into the past, as if its time had run out. */
export async function expireAttempt(attemptId: string): Promise<void> {
  await db
    .update(attempts)
    .set({ deadline: Date.now() - 1000 })
    .where(and(eq(attempts.id, attemptId)))
}

/** Starts an attempt through the no-JS form and returns its id and the stored question ids. */
export async function startSet(
  browser: Browser,
  slug: string,
): Promise<{ id: string; questionIds: string[] }> {
  const id = await browser.start(slug)
  const [row] = await db.select().from(attempts).where(eq(attempts.id, id))
  if (!row) throw new Error('attempt not stored')
  expect(row.setSlug).toBe(slug)
  return { id, questionIds: row.questionIds }
}

/** The question of an attempt at a position, answer key included (the test knows it). */
export function questionAt(questionIds: string[], position: number): Question {
  return questionOf(questionIds[position - 1] ?? '?')
}
