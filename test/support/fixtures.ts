import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { createDb } from '../../src/db/client'
import {
  attempts,
  learners,
  questions,
  quizSets,
  quizSetVersions,
  rateLimits,
  responses,
  setQuestions,
  sources,
} from '../../src/db/schema'
import type { Question } from '../../src/quiz/question'
import { DEFAULT_SET_SETTINGS } from '../../src/quiz/set-settings'

/**
 * Fixture builders for db and route tests, on the Drizzle schema: a test names
 * only the columns it cares about, the schema types the rest, and a new column
 * with a default needs no change here. Each builder returns the insert statement:
 * `await` it, or pass several to `testDb.batch([...])` to write them in one go.
 */

/** The Drizzle handle on the test file's D1 (storage is isolated per file). */
export const testDb = createDb(env.DB)

type Insert<Table extends { $inferInsert: object }> = Table['$inferInsert']
/** Only the key is required; the builder fills the other required columns. */
type Fixture<Row, Key extends keyof Row> = Pick<Row, Key> & Partial<Row>

/** A short random suffix, for slugs and ids that must not collide between tests of a file. */
export function uniqueSuffix(): string {
  return crypto.randomUUID().slice(0, 8)
}

/** A quiz set (public, default settings, unpublished unless `publishedVersion` is given). */
export function insertSet(set: Fixture<Insert<typeof quizSets>, 'slug'>) {
  return testDb.insert(quizSets).values({ title: `Set ${set.slug}`, description: 'A test set.', ...set })
}

/** The questions of a set, in the given order (positions from 1). */
export function insertSetQuestions(setSlug: string, questionIds: [string, ...string[]]) {
  return testDb
    .insert(setQuestions)
    .values(questionIds.map((questionId, index) => ({ setSlug, questionId, position: index + 1 })))
}

/** A published version of a set, freezing `questionIds`; settings are the defaults overridden by `settings`. */
export function insertSetVersion(
  version: Omit<Fixture<Insert<typeof quizSetVersions>, 'setSlug' | 'questionIds'>, 'settings'> & {
    settings?: Partial<Insert<typeof quizSetVersions>['settings']>
  },
) {
  return testDb.insert(quizSetVersions).values({
    version: 1,
    title: `Set ${version.setSlug}`,
    description: '',
    publishedAt: new Date(),
    ...version,
    settings: { ...DEFAULT_SET_SETTINGS, ...version.settings },
  })
}

/** A learner with a random id (or the one given). */
export function insertLearner(learner: Partial<Insert<typeof learners>> = {}) {
  return testDb.insert(learners).values({ id: crypto.randomUUID(), ...learner })
}

/** An attempt, started now and in progress unless the fixture says otherwise. */
export function insertAttempt(
  attempt: Fixture<Insert<typeof attempts>, 'id' | 'setSlug' | 'learnerId' | 'questionIds'>,
) {
  return testDb.insert(attempts).values({ seed: 'seed', startedAt: new Date(), ...attempt })
}

/** One stored answer; `points` follows `correct` unless given. */
export function insertResponse(
  response: Fixture<Insert<typeof responses>, 'attemptId' | 'questionId' | 'answer' | 'correct'>,
) {
  return testDb
    .insert(responses)
    .values({ points: response.correct ? 1 : 0, answeredAt: new Date(), ...response })
}

/** A source owned by `ownerId` (null for the bank's), with placeholder bibliographic fields. */
export function insertSource(source: Fixture<Insert<typeof sources>, 'id'>) {
  return testDb.insert(sources).values({
    title: `Source ${source.id}`,
    outlet: 'Test outlet',
    author: 'Someone',
    date: '2025-01-01',
    kind: 'article',
    reliability: 'high',
    ...source,
  })
}

/** A question row from a whole question (the row's scalar columns copy the body, as the studio stores them). */
export function insertQuestion(question: Question, ownerId: string | null = null) {
  return testDb.insert(questions).values({
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    sourceId: question.evidence[0]?.source ?? null,
    body: question,
    ownerId,
  })
}

/**
 * Empties a rate-limit bucket, then records `hits` in it made `at` and expiring
 * at `expiresAt` (ms). Site-wide limits run to hundreds of hits, so the rows are
 * made by one recursive statement instead of one insert each.
 */
export async function fillRateLimitBucket(
  bucket: string,
  hits: number,
  at: number,
  expiresAt: number,
): Promise<void> {
  const column = (name: string) => sql.identifier(name)
  await testDb.delete(rateLimits).where(eq(rateLimits.bucket, bucket))
  await testDb.run(
    sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${hits})
          insert into ${rateLimits} (${column(rateLimits.bucket.name)}, ${column(rateLimits.at.name)}, ${column(rateLimits.expiresAt.name)})
          select ${bucket}, ${at}, ${expiresAt} from n`,
  )
}
