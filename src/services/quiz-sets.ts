import { builtInSets, builtInSources } from '../bank/built-in.generated'
import type { Db } from '../db/client'
import {
  getEmbedPolicy,
  listPublishedSets,
  listPublishedSetsWithSources,
  publicOnly,
  type QuizSetSummary,
  slugIs,
} from '../db/quiz-sets'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS } from '../quiz/set-settings'
import type { SourceSummary } from '../quiz/source'

/**
 * The quiz sets learners may find and open. The bank's sets, questions and
 * sources come from the data built into the Worker at build time
 * (src/bank/built-in.generated.ts, `npm run build:bank`), so reading them costs
 * no D1 query; only instructors' published sets are read from D1. D1 stays the
 * store of record: seeding writes the same bank there for attempts, joins and
 * exports (test/db/seed.test.ts checks the two agree).
 */

const bankSummaries: QuizSetSummary[] = builtInSets.map((set) => {
  const sourceIds = [
    ...new Set(set.questions.flatMap((question) => question.evidence.map((cited) => cited.source))),
  ].sort()
  return {
    slug: set.slug,
    title: set.title,
    description: set.description,
    questionCount: set.questions.length,
    poolSize: set.questions.length,
    sourceIds,
    embedPolicy: set.embed,
    settings: DEFAULT_SET_SETTINGS,
    version: null,
    listed: true,
  }
})
const bankSetBySlug = new Map(bankSummaries.map((set) => [set.slug, set]))
const bankQuestionsBySlug = new Map(builtInSets.map((set) => [set.slug, set.questions]))
const bankSources = new Map(builtInSources.map((source) => [source.id, source]))

/** The sets on the learners' list and every source they cite. */
export type QuizList = { sets: QuizSetSummary[]; sources: Map<string, SourceSummary> }

type PublishedList = { sets: QuizSetSummary[]; sources: SourceSummary[] }

/**
 * How long an anonymous visitor's list may reuse the instructors' sets read
 * for an earlier one: the minute the list is publicly cacheable for anyway
 * (routes call cachePublicly(c, 60)), so most anonymous requests make no D1
 * query at all. Kept per isolate and per database, like the server key.
 */
const ANONYMOUS_REUSE_MS = 60_000
const recentLists = new WeakMap<object, { readAt: number; list: Promise<PublishedList> }>()

function publishedList(db: Db, reuse: boolean): Promise<PublishedList> {
  // The database, not db.$client: that is a new D1 session on every request.
  const binding = db.$database
  const recent = recentLists.get(binding)
  const now = Date.now()
  if (reuse && recent && now - recent.readAt < ANONYMOUS_REUSE_MS) return recent.list
  const list = listPublishedSetsWithSources(db, publicOnly)
  // A failed read (D1 unavailable) must not be reused.
  list.catch(() => {
    if (recentLists.get(binding)?.list === list) recentLists.delete(binding)
  })
  recentLists.set(binding, { readAt: now, list })
  return list
}

/**
 * The sets listed for learners (home page, GET /api/quizzes): the bank's sets
 * in home-page order, then instructors' published public sets by title, with
 * the sources they cite. `anonymous` (a request without cookies, whose answer
 * is public) may get the instructors' sets as read up to a minute ago; anyone
 * with a cookie, an instructor who just published included, gets them fresh.
 */
export async function listQuizSets(db: Db, { anonymous }: { anonymous: boolean }): Promise<QuizList> {
  const published = await publishedList(db, anonymous)
  const sources = new Map(bankSources)
  for (const source of published.sources) if (!sources.has(source.id)) sources.set(source.id, source)
  return { sets: [...bankSummaries, ...published.sets], sources }
}

/**
 * A set a learner may open by its link (listed or unlisted); null for a
 * missing, private, never published or archived set, which learners cannot
 * tell apart. A bank set costs no D1 query.
 */
export async function findQuizSet(db: Db, slug: string): Promise<QuizSetSummary | null> {
  return bankSetBySlug.get(slug) ?? (await listPublishedSets(db, slugIs(slug)))[0] ?? null
}

/**
 * The same, with the set's embedding policy as D1 holds it now, for the embed
 * page and oEmbed: the policy decides who may frame Cited, and the embedded
 * attempt checks it in D1 (services/embedded-attempts.ts), so the page that
 * starts one reads the same row. Costs one D1 query for a bank set too.
 */
export async function findEmbeddableSet(db: Db, slug: string): Promise<QuizSetSummary | null> {
  const bankSet = bankSetBySlug.get(slug)
  if (!bankSet) return findQuizSet(db, slug)
  const embedPolicy = await getEmbedPolicy(db, slug)
  return embedPolicy ? { ...bankSet, embedPolicy } : null
}

/** The same, with the sources the set cites (in `sourceIds` order). */
export async function findQuizSetWithSources(
  db: Db,
  slug: string,
): Promise<{ set: QuizSetSummary; sources: SourceSummary[] } | null> {
  const bankSet = bankSetBySlug.get(slug)
  if (bankSet) return { set: bankSet, sources: bankSet.sourceIds.flatMap((id) => bankSources.get(id) ?? []) }
  const published = await listPublishedSetsWithSources(db, slugIs(slug))
  const set = published.sets[0]
  if (!set) return null
  const byId = new Map(published.sources.map((source) => [source.id, source]))
  return { set, sources: set.sourceIds.flatMap((id) => byId.get(id) ?? []) }
}

/** A bank set's questions in order, answer keys included (server side only); null for any other slug. */
export function bankSetQuestions(slug: string): Question[] | null {
  return bankQuestionsBySlug.get(slug) ?? null
}
