import { and, asc, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm'
import type { EmbedPolicy } from '../embed/policy'
import { questionsPerAttempt } from '../quiz/draw'
import type { Question } from '../quiz/question'
import { type SetSettings, setSettingsSchema } from '../quiz/set-settings'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import { questions, quizSets, quizSetVersions, setQuestions, sources } from './schema'
import { sourceSummaryColumns } from './sources'

/**
 * A quiz set as learners get it. For the bank's sets: the set as built into
 * the Worker (services/quiz-sets.ts), with the default settings. For an instructor's set: its published version (title,
 * description, questions and settings frozen at publishing), never the draft.
 */
export type QuizSetSummary = {
  slug: string
  title: string
  description: string
  /** Questions in one attempt: the draw count when the set draws from a larger pool. */
  questionCount: number
  /** Questions the set holds (attempts draw from these). */
  poolSize: number
  sourceIds: string[]
  embedPolicy: EmbedPolicy
  settings: SetSettings
  /** The published version learners take; null for the bank's sets. */
  version: number | null
  /** Listed on the home page and in GET /api/quizzes (unlisted sets are reached by their link only). */
  listed: boolean
}

const parseSourceIds = (json: string) =>
  (JSON.parse(json) as (string | null)[]).filter((id): id is string => id !== null).sort()

/** A version's stored settings with defaults filled in (the studio may store only what it changed). */
export function readSetSettings(stored: unknown): SetSettings {
  return setSettingsSchema.parse(stored ?? {})
}

/**
 * A published version's settings with the dates (opening, closing, grace) of
 * the draft: an instructor moving a deadline should not have to publish a new
 * version, and attempts read the dates at their start anyway.
 */
export function withLiveDates(published: SetSettings, draft: SetSettings): SetSettings {
  const { opensAt, closesAt, graceMinutes, dateTimeZone } = draft
  return { ...published, opensAt, closesAt, graceMinutes, dateTimeZone }
}

/** Instructors' sets that learners may reach: published, not private, not archived. */
const reachable = (where?: SQL) =>
  and(isNotNull(quizSets.ownerId), isNull(quizSets.archivedAt), ne(quizSets.visibility, 'private'), where)

const publishedVersion = and(
  eq(quizSetVersions.setSlug, quizSets.slug),
  eq(quizSetVersions.version, quizSets.publishedVersion),
)

function publishedSetsQuery(db: Db, where?: SQL) {
  return db
    .select({
      slug: quizSets.slug,
      title: quizSetVersions.title,
      description: quizSetVersions.description,
      embedPolicy: quizSets.embedPolicy,
      visibility: quizSets.visibility,
      version: quizSetVersions.version,
      settings: quizSetVersions.settings,
      // The dates come from the draft: they apply at once, like visibility.
      // Raw JSON text under its own name: two columns called "settings" would collide in a batch.
      draftSettings: sql<string>`${quizSets.settings}`.as('draft_settings'),
      poolSize: sql<number>`json_array_length(${quizSetVersions.questionIds})`,
      // Every source any cited passage names (a question may cite several, or none).
      sourceIds: sql<string>`(select coalesce(json_group_array(distinct json_extract(cited.value, '$.source')), '[]') from json_each(${quizSetVersions.questionIds}) as picked join "questions" as q on q."id" = picked.value join json_each(q."body", '$.evidence') as cited)`,
    })
    .from(quizSets)
    .innerJoin(quizSetVersions, publishedVersion)
    .where(reachable(where))
    .orderBy(asc(quizSetVersions.title), asc(quizSets.slug))
}

type PublishedSetRow = Awaited<ReturnType<typeof publishedSetsQuery>>[number]

function toSummary({ visibility, settings, draftSettings, ...row }: PublishedSetRow): QuizSetSummary {
  const read = withLiveDates(readSetSettings(settings), readSetSettings(JSON.parse(draftSettings)))
  return {
    ...row,
    settings: read,
    questionCount: questionsPerAttempt(row.poolSize, read.drawCount),
    sourceIds: parseSourceIds(row.sourceIds),
    listed: visibility === 'public',
  }
}

/** Public published sets: the instructors' part of the learners' quiz list. */
export const publicOnly = eq(quizSets.visibility, 'public')

/** Narrows the published sets to one slug. */
export const slugIs = (slug: string) => eq(quizSets.slug, slug)

/**
 * Instructors' published sets that learners may reach (`where` narrows them:
 * `slugIs(slug)`, or `publicOnly`), in title order. The bank's sets are not
 * here: learners get them from the data built into the Worker (services/quiz-sets.ts).
 */
export async function listPublishedSets(db: Db, where?: SQL): Promise<QuizSetSummary[]> {
  return (await publishedSetsQuery(db, where)).map(toSummary)
}

/**
 * The same sets and every source their published questions cite, in one
 * round trip (a batch), for the pages and JSON that show sources.
 */
export async function listPublishedSetsWithSources(
  db: Db,
  where?: SQL,
): Promise<{ sets: QuizSetSummary[]; sources: SourceSummary[] }> {
  const cited = db
    .select({ id: sql<string>`json_extract(cited.value, '$.source')` })
    .from(quizSets)
    .innerJoin(quizSetVersions, publishedVersion)
    .innerJoin(sql`json_each(${quizSetVersions.questionIds}) as picked`, sql`true`)
    .innerJoin(questions, eq(questions.id, sql`picked.value`))
    .innerJoin(sql`json_each(${questions.body}, '$.evidence') as cited`, sql`true`)
    .where(reachable(where))
  const [rows, citedSources] = await db.batch([
    publishedSetsQuery(db, where),
    db.select(sourceSummaryColumns).from(sources).where(inArray(sources.id, cited)),
  ])
  return { sets: rows.map(toSummary), sources: citedSources }
}

/**
 * Where a set may be embedded now, whatever its visibility (an embedded
 * attempt started before the set went private may finish). Null for no such set.
 */
export async function getEmbedPolicy(db: Db, slug: string): Promise<EmbedPolicy | null> {
  const [row] = await db
    .select({ embedPolicy: quizSets.embedPolicy })
    .from(quizSets)
    .where(eq(quizSets.slug, slug))
  return row?.embedPolicy ?? null
}

/** The question ids a new attempt draws from: the bank set's, or the published version's, in order. */
export async function listPoolIds(db: Db, set: Pick<QuizSetSummary, 'slug' | 'version'>): Promise<string[]> {
  if (set.version === null) {
    const rows = await db
      .select({ id: setQuestions.questionId })
      .from(setQuestions)
      .where(eq(setQuestions.setSlug, set.slug))
      .orderBy(asc(setQuestions.position))
    return rows.map((row) => row.id)
  }
  const [row] = await db
    .select({ questionIds: quizSetVersions.questionIds })
    .from(quizSetVersions)
    .where(and(eq(quizSetVersions.setSlug, set.slug), eq(quizSetVersions.version, set.version)))
  return row?.questionIds ?? []
}

export async function listSources(db: Db): Promise<Map<string, SourceSummary>> {
  const rows = await db.select().from(sources)
  return new Map(rows.map((row) => [row.id, row]))
}

/** One question of the bank with its key, or null. */
export async function getQuestion(db: Db, id: string): Promise<Question | null> {
  const [row] = await db.select({ body: questions.body }).from(questions).where(eq(questions.id, id))
  return row?.body ?? null
}
