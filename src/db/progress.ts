import type { Db } from './client'

/** Reviews in one quarter hour (its first instant), and how many of them came on or after the accuracy cut-off. */
export type ReviewSlot = {
  slot: number
  reviews: number
  correct: number
  recentReviews: number
  recentCorrect: number
}

export type ProgressData = {
  cards: { questionId: string; state: number; scheduledDays: number }[]
  /**
   * Reviews since `ProgressWindow.since` counted in SQL per quarter hour (no
   * review row is sent back): enough to name days in any time zone, since
   * offsets are whole quarter hours.
   */
  reviewsBySlot: ReviewSlot[]
  /** The first instant of each day of the practice streak, back from today (or yesterday). */
  streakDayStarts: number[]
  membership: { questionId: string; setSlug: string; sourceId: string | null }[]
  sets: { slug: string; title: string }[]
  sources: { id: string; title: string; outlet: string }[]
}

/** What the page counts: reviews per slot since `since`, split at `accuracySince`; the streak back from `today`. */
export type ProgressWindow = {
  /** The first instant counted (the start of the chart's first day, or the accuracy cut-off if earlier). */
  since: number
  /** Reviews at or after this instant count towards recent accuracy. */
  accuracySince: number
  /** The start of today in the learner's time zone. */
  today: number
}

const DAY_MS = 86_400_000
const QUARTER_HOUR = 900_000

/**
 * The starts of the learner's streak days (binds learner ?1, today's start ?2):
 * today if it has a review, else yesterday, then each earlier day while it has
 * one. Each step is one lookup in `reviews_learner_time_idx`, so a streak of n
 * days reads about n + 2 index rows however long the learner's history. Days
 * are 24-hour steps back from the start of today in the learner's zone, so a
 * daylight-saving change inside a streak shifts older day boundaries by an hour.
 */
const STREAK_DAYS = `
  with recursive walk(day_start) as (
    select case when exists (
      select 1 from reviews where learner_id = ?1 and reviewed_at >= ?2 and reviewed_at < ?2 + ${DAY_MS}
    ) then ?2 else ?2 - ${DAY_MS} end
    union all
    select day_start - ${DAY_MS} from walk where exists (
      select 1 from reviews
      where learner_id = ?1 and reviewed_at >= walk.day_start and reviewed_at < walk.day_start + ${DAY_MS})
  )
  select day_start from walk
  where exists (
    select 1 from reviews
    where learner_id = ?1 and reviewed_at >= walk.day_start and reviewed_at < walk.day_start + ${DAY_MS})`

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

/**
 * Everything the progress page needs, in one round trip: the
 * learner's cards (the latest state of each question), their reviews counted
 * per day in SQL and the days of their streak, and what they may see. Reads
 * the reviews of the shown window only, never the learner's whole history.
 */
export async function loadProgressData(
  db: Db,
  learnerId: string,
  window: ProgressWindow,
): Promise<ProgressData> {
  const visible = (query: string) => db.$client.prepare(`${VISIBLE_SETS} ${query}`).bind(learnerId)
  // Plain SQL, not Drizzle's builder: its row mapping checked every column of
  // every card and was the page's largest CPU cost after ICU (bench/cpu.ts).
  const [cardRows, dayRows, membership, sets, sourceRows, streakRows] = await db.$client.batch([
    db.$client
      .prepare(
        'select question_id as "questionId", state, scheduled_days as "scheduledDays" from cards where learner_id = ?1',
      )
      .bind(learnerId),
    db.$client
      .prepare(
        `select (reviewed_at / ${QUARTER_HOUR}) * ${QUARTER_HOUR} as slot, count(*) as reviews,
           coalesce(sum(correct), 0) as correct,
           coalesce(sum(reviewed_at >= ?3), 0) as "recentReviews",
           coalesce(sum(correct and reviewed_at >= ?3), 0) as "recentCorrect"
         from reviews where learner_id = ?1 and reviewed_at >= ?2 group by slot`,
      )
      .bind(learnerId, window.since, window.accuracySince),
    visible('select * from members'),
    // The bank's sets in their home-page order, then instructors' sets by title.
    visible('select slug, title from visible order by owner_id is not null, position, title, slug'),
    visible(
      // Sources in the order they were added (the bank's file order first), as before.
      'select id, title, outlet from sources where id in (select "sourceId" from members) order by rowid',
    ),
    db.$client.prepare(STREAK_DAYS).bind(learnerId, window.today),
  ])
  return {
    cards: rowsOf<ProgressData['cards'][number]>(cardRows),
    reviewsBySlot: rowsOf<ReviewSlot>(dayRows),
    streakDayStarts: rowsOf<{ day_start: number }>(streakRows).map((row) => row.day_start),
    membership: rowsOf<ProgressData['membership'][number]>(membership),
    sets: rowsOf<ProgressData['sets'][number]>(sets),
    sources: rowsOf<ProgressData['sources'][number]>(sourceRows),
  }
}
