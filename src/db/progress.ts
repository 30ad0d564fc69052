import { eq, sql } from 'drizzle-orm'
import type { Db } from './client'
import { cards, reviews } from './schema'

export type ProgressData = {
  cards: { questionId: string; state: number; scheduledDays: number }[]
  reviews: { reviewedAt: number; correct: boolean }[]
  reviewDays: string[]
  membership: { questionId: string; setSlug: string; sourceId: string | null }[]
  sets: { slug: string; title: string }[]
  sources: { id: string; title: string; outlet: string }[]
}

/** Window of reviews loaded in full (for the chart and recent accuracy). */
export const RECENT_DAYS = 30

/**
 * The sets this learner may see on their progress page (binds the learner id
 * as ?1): the bank's sets, instructors' sets that are published, public and
 * open, and any set the learner has attempted, whatever became of it since.
 * Never another instructor's private draft or an unlisted set the learner has
 * not taken. An instructor's set counts the questions of the version learners
 * get now when it is still open to this learner, else of the version the
 * learner took last; never the draft's (`set_questions` of an instructor's
 * set is the studio's work in progress).
 */
const VISIBLE_SETS = `
  with latest as (
    select set_slug, set_version from (
      select set_slug, set_version,
        row_number() over (partition by set_slug order by started_at desc) as recent
      from attempts where learner_id = ?1)
    where recent = 1),
  chosen as (
    select s.slug, s.position, s.owner_id, s.title,
      case
        when s.owner_id is null then null
        when s.published_version is not null and s.archived_at is null and s.visibility <> 'private'
          and (s.visibility = 'public' or l.set_slug is not null) then s.published_version
        else l.set_version
      end as version
    from quiz_sets s left join latest l on l.set_slug = s.slug),
  visible as (
    select c.slug, c.position, c.owner_id, coalesce(v.title, c.title) as title, v.question_ids
    from chosen c left join quiz_set_versions v on v.set_slug = c.slug and v.version = c.version
    where c.owner_id is null or v.version is not null),
  members as (
    select sq.question_id as "questionId", vs.slug as "setSlug", q.source_id as "sourceId"
    from visible vs join set_questions sq on sq.set_slug = vs.slug join questions q on q.id = sq.question_id
    where vs.owner_id is null
    union all
    select j.value, vs.slug, q.source_id
    from visible vs, json_each(vs.question_ids) j join questions q on q.id = j.value
    where vs.owner_id is not null)`

/** The rows of a statement's result in a D1 batch. */
const rowsOf = <T>(result: D1Result | undefined) => (result?.results ?? []) as T[]

/** Everything the progress page needs: the learner's own rows and what they may see, in two parallel round trips. */
export async function loadProgressData(db: Db, learnerId: string, now: number): Promise<ProgressData> {
  const since = now - RECENT_DAYS * 86_400_000
  const visible = (query: string) => db.$client.prepare(`${VISIBLE_SETS} ${query}`).bind(learnerId)
  const [[cardRows, reviewRows, dayRows], [membership, sets, sourceRows]] = await Promise.all([
    db.batch([
      db
        .select({ questionId: cards.questionId, state: cards.state, scheduledDays: cards.scheduledDays })
        .from(cards)
        .where(eq(cards.learnerId, learnerId)),
      db
        .select({ reviewedAt: reviews.reviewedAt, correct: reviews.correct })
        .from(reviews)
        .where(sql`${reviews.learnerId} = ${learnerId} and ${reviews.reviewedAt} >= ${since}`),
      db
        .selectDistinct({ day: sql<string>`date(${reviews.reviewedAt} / 1000, 'unixepoch')` })
        .from(reviews)
        .where(eq(reviews.learnerId, learnerId)),
    ]),
    db.$client.batch([
      visible('select * from members'),
      // The bank's sets in their home-page order, then instructors' sets by title.
      visible('select slug, title from visible order by owner_id is not null, position, title, slug'),
      visible(
        // Sources in the order they were added (the bank's file order first), as before.
        'select id, title, outlet from sources where id in (select "sourceId" from members) order by rowid',
      ),
    ]),
  ])
  return {
    cards: cardRows,
    reviews: reviewRows,
    reviewDays: dayRows.map((row) => row.day),
    membership: rowsOf<ProgressData['membership'][number]>(membership),
    sets: rowsOf<ProgressData['sets'][number]>(sets),
    sources: rowsOf<ProgressData['sources'][number]>(sourceRows),
  }
}
