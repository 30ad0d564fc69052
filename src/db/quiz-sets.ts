import { and, asc, eq, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm'
import type { EmbedPolicy } from '../embed/policy'
import { questionsPerAttempt } from '../quiz/draw'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS, type SetSettings, setSettingsSchema } from '../quiz/set-settings'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import { questions, quizSets, quizSetVersions, setQuestions, sources } from './schema'

/**
 * A quiz set as learners get it. For the bank's sets: the seeded set, with the
 * default settings. For an instructor's set: its published version (title,
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

async function bankSets(db: Db, where?: SQL): Promise<QuizSetSummary[]> {
  const rows = await db
    .select({
      slug: quizSets.slug,
      title: quizSets.title,
      description: quizSets.description,
      embedPolicy: quizSets.embedPolicy,
      poolSize: sql<number>`count(${setQuestions.questionId})`,
      sourceIds: sql<string>`coalesce(json_group_array(distinct ${questions.sourceId}), '[]')`,
    })
    .from(quizSets)
    .leftJoin(setQuestions, eq(setQuestions.setSlug, quizSets.slug))
    .leftJoin(questions, eq(questions.id, setQuestions.questionId))
    .where(and(isNull(quizSets.ownerId), where))
    .groupBy(quizSets.slug)
    .orderBy(asc(quizSets.position), asc(quizSets.slug))
  return rows.map((row) => ({
    ...row,
    questionCount: row.poolSize,
    sourceIds: parseSourceIds(row.sourceIds),
    settings: DEFAULT_SET_SETTINGS,
    version: null,
    listed: true,
  }))
}

/** Instructors' sets that learners may reach: published, not private, not archived. */
async function publishedSets(db: Db, where?: SQL): Promise<QuizSetSummary[]> {
  const rows = await db
    .select({
      slug: quizSets.slug,
      title: quizSetVersions.title,
      description: quizSetVersions.description,
      embedPolicy: quizSets.embedPolicy,
      visibility: quizSets.visibility,
      version: quizSetVersions.version,
      settings: quizSetVersions.settings,
      poolSize: sql<number>`json_array_length(${quizSetVersions.questionIds})`,
      sourceIds: sql<string>`(select coalesce(json_group_array(distinct q."source_id"), '[]') from json_each(${quizSetVersions.questionIds}) as picked join "questions" as q on q."id" = picked.value)`,
    })
    .from(quizSets)
    .innerJoin(
      quizSetVersions,
      and(eq(quizSetVersions.setSlug, quizSets.slug), eq(quizSetVersions.version, quizSets.publishedVersion)),
    )
    .where(
      and(
        isNotNull(quizSets.ownerId),
        isNull(quizSets.archivedAt),
        ne(quizSets.visibility, 'private'),
        where,
      ),
    )
    .orderBy(asc(quizSetVersions.title), asc(quizSets.slug))
  return rows.map(({ visibility, settings, ...row }) => {
    const read = readSetSettings(settings)
    return {
      ...row,
      settings: read,
      questionCount: questionsPerAttempt(row.poolSize, read.drawCount),
      sourceIds: parseSourceIds(row.sourceIds),
      listed: visibility === 'public',
    }
  })
}

/**
 * The sets listed for learners (home page, GET /api/quizzes): the bank's sets
 * in home-page order, then instructors' published public sets by title.
 */
export async function listQuizSets(db: Db): Promise<QuizSetSummary[]> {
  const [bank, published] = await Promise.all([
    bankSets(db),
    publishedSets(db, eq(quizSets.visibility, 'public')),
  ])
  return [...bank, ...published]
}

/**
 * A set a learner may open by its link (listed or unlisted); null for a
 * missing, private, never published or archived set, which learners cannot
 * tell apart.
 */
export async function getQuizSet(db: Db, slug: string): Promise<QuizSetSummary | null> {
  const [bank, published] = await Promise.all([
    bankSets(db, eq(quizSets.slug, slug)),
    publishedSets(db, eq(quizSets.slug, slug)),
  ])
  return bank[0] ?? published[0] ?? null
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
