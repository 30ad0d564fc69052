import type { Answer } from '../quiz/answer'
import type { Question } from '../quiz/question'
import type { SetSettings } from '../quiz/set-settings'
import type { ItemSums } from '../stats/item-analysis'
import type { Db } from './client'

/**
 * Queries behind the results dashboard and its CSVs. Every query starts from
 * the set's attempts (index attempts_set_completed_idx on set_slug,
 * completed_at) and reaches responses through their (attempt_id, question_id)
 * index, so other sets' rows are never read; sums over responses are done in
 * SQL so 100,000 responses come back as one row per question.
 */

export type ResultsData = {
  /** Questions that appear in the set's draft or any published version, draft order first. */
  questions: { id: string; body: Question; position: number | null }[]
  /** Pass marks of published versions, by version number. */
  versionPassMarks: Map<number, number>
  /** `live`: attempts played in a live session (attempts.live_session_id set). */
  totals: { attempts: number; completed: number; learners: number; live: number }
  perDay: { day: string; count: number }[]
  completed: {
    score: number
    questionCount: number
    startedAt: number
    completedAt: number
    setVersion: number | null
  }[]
  itemSums: ({ questionId: string } & ItemSums)[]
  wrongAnswers: { questionId: string; answer: Answer; count: number }[]
  learners: LearnerRow[]
}

export type LearnerRow = {
  learnerId: string
  displayName: string | null
  /** 1 when the name came from a course site's embed snippet (not verified). */
  nameFromHost: number
  attempts: number
  completed: number
  best: number | null
  last: number | null
  lastActiveAt: number
  /** When the learner's latest live-session attempt started, or null if they only played alone. */
  lastLiveAt: number | null
}

/** Attempts of the set that count for the statistics: completed ones (binds the slug as ?1). */
const COMPLETED_ATTEMPTS = 'select id, score from attempts where set_slug = ?1 and completed_at is not null'

/**
 * A statement on the D1 binding itself: these aggregates are plain SQL, and
 * D1's own batch runs them in one round trip.
 */
function statement(db: Db, query: string, ...params: (string | number)[]) {
  return db.$client.prepare(query).bind(...params)
}

/** The rows of a statement's result in a batch. */
const rowsOf = <T>(result: D1Result | undefined) => (result?.results ?? []) as T[]

export type LearnerPage = { learnerLimit: number; learnerOffset: number }

/**
 * The dashboard's statements by name (the bench times each one); `loadResults`
 * runs them together. The learner table is paged: `learnerLimit` rows from
 * `learnerOffset`, most recently active first.
 */
export function resultsQueries(db: Db, slug: string, page: LearnerPage) {
  return {
    questions: questionsOfSet(db, slug),
    versions: statement(db, 'select version, settings from quiz_set_versions where set_slug = ?1', slug),
    totals: statement(
      db,
      `select count(*) as attempts, count(completed_at) as completed, count(distinct learner_id) as learners,
         count(live_session_id) as live
       from attempts where set_slug = ?1`,
      slug,
    ),
    perDay: statement(
      db,
      `select date(started_at / 1000, 'unixepoch') as day, count(*) as count
       from attempts where set_slug = ?1 group by day order by day`,
      slug,
    ),
    completed: statement(
      db,
      `select score, json_array_length(question_ids) as "questionCount", started_at as "startedAt",
         completed_at as "completedAt", set_version as "setVersion"
       from attempts where set_slug = ?1 and completed_at is not null`,
      slug,
    ),
    // CROSS JOIN keeps SQLite from starting at responses (it never reorders a cross join).
    itemSums: statement(
      db,
      `select r.question_id as "questionId", count(*) as n, sum(r.correct) as correct,
         sum(r.points) as "sumX", sum(a.score - r.points) as "sumY",
         sum(r.points * r.points) as "sumXX", sum((a.score - r.points) * (a.score - r.points)) as "sumYY",
         sum(r.points * (a.score - r.points)) as "sumXY"
       from (${COMPLETED_ATTEMPTS}) a cross join responses r on r.attempt_id = a.id
       group by r.question_id`,
      slug,
    ),
    wrongAnswers: statement(
      db,
      `select r.question_id as "questionId", r.answer as answer, count(*) as count
       from (${COMPLETED_ATTEMPTS}) a cross join responses r on r.attempt_id = a.id
       where r.correct = 0
       group by r.question_id, r.answer`,
      slug,
    ),
    learners: statement(
      db,
      `with ranked as (
         select learner_id, started_at, completed_at, live_session_id,
           case when completed_at is not null
             then score * 100.0 / max(json_array_length(question_ids), 1) end as percent,
           row_number() over (partition by learner_id order by completed_at is null, completed_at desc) as recent
         from attempts where set_slug = ?1)
       select r.learner_id as "learnerId", l.display_name as "displayName", l.name_from_host as "nameFromHost", count(*) as attempts,
         count(r.completed_at) as completed, max(r.percent) as best,
         max(case when r.recent = 1 then r.percent end) as last,
         max(coalesce(r.completed_at, r.started_at)) as "lastActiveAt",
         max(case when r.live_session_id is not null then r.started_at end) as "lastLiveAt"
       from ranked r join learners l on l.id = r.learner_id
       group by r.learner_id
       order by "lastActiveAt" desc, r.learner_id
       limit ?2 offset ?3`,
      slug,
      page.learnerLimit,
      page.learnerOffset,
    ),
  }
}

/** Everything the dashboard shows, in one D1 batch (one round trip). */
export async function loadResults(db: Db, slug: string, page: LearnerPage): Promise<ResultsData> {
  const queries = resultsQueries(db, slug, page)
  const results = await db.$client.batch([
    queries.questions,
    queries.versions,
    queries.totals,
    queries.perDay,
    queries.completed,
    queries.itemSums,
    queries.wrongAnswers,
    queries.learners,
  ])
  const [questionRows, versionRows, totals, perDay, completed, itemSums, wrongRows, learners] = results
  return {
    questions: rowsOf<QuestionRow>(questionRows).map(readQuestionRow),
    versionPassMarks: passMarksOf(rowsOf(versionRows)),
    totals: rowsOf<ResultsData['totals']>(totals)[0] ?? { attempts: 0, completed: 0, learners: 0, live: 0 },
    perDay: rowsOf(perDay),
    completed: rowsOf(completed),
    itemSums: rowsOf(itemSums),
    wrongAnswers: rowsOf<{ questionId: string; answer: string; count: number }>(wrongRows).map((row) => ({
      ...row,
      answer: JSON.parse(row.answer) as Answer,
    })),
    learners: rowsOf(learners),
  }
}

type QuestionRow = { id: string; body: string; position: number | null }

function questionsOfSet(db: Db, slug: string) {
  return statement(
    db,
    `select q.id as id, q.body as body, sq.position as position
     from questions q left join set_questions sq on sq.question_id = q.id and sq.set_slug = ?1
     where q.id in (
       select question_id from set_questions where set_slug = ?1
       union select j.value from quiz_set_versions v, json_each(v.question_ids) j where v.set_slug = ?1)
     order by sq.position is null, sq.position, q.id`,
    slug,
  )
}

function readQuestionRow(row: QuestionRow) {
  return { id: row.id, body: JSON.parse(row.body) as Question, position: row.position }
}

function passMarksOf(rows: { version: number; settings: string }[]): Map<number, number> {
  const marks = new Map<number, number>()
  for (const row of rows) {
    const settings = JSON.parse(row.settings) as Partial<SetSettings>
    if (typeof settings.passMark === 'number') marks.set(row.version, settings.passMark)
  }
  return marks
}

/** The questions and pass marks the CSV exports need to describe answers and passes. */
export async function loadExportContext(db: Db, slug: string) {
  const [questionRows, versionRows] = await db.$client.batch([
    questionsOfSet(db, slug),
    statement(db, 'select version, settings from quiz_set_versions where set_slug = ?1', slug),
  ])
  return {
    questions: rowsOf<QuestionRow>(questionRows).map(readQuestionRow),
    versionPassMarks: passMarksOf(rowsOf(versionRows)),
  }
}

export type AttemptExportRow = {
  id: string
  learnerId: string
  displayName: string | null
  /** 1 when the name came from a course site's embed snippet (not verified). */
  nameFromHost: number
  setVersion: number | null
  startedAt: number
  completedAt: number | null
  answeredCount: number
  questionCount: number
  score: number
  /** The live session the attempt was played in, or null for one taken alone. */
  liveSessionId: string | null
}

/** One page of the set's attempts ordered by id, after `afterId` (keyset paging for streaming CSV). */
export async function pageOfAttempts(
  db: Db,
  slug: string,
  afterId: string,
  limit: number,
): Promise<AttemptExportRow[]> {
  const { results } = await statement(
    db,
    `select a.id as id, a.learner_id as "learnerId", l.display_name as "displayName", l.name_from_host as "nameFromHost",
       a.set_version as "setVersion", a.started_at as "startedAt", a.completed_at as "completedAt",
       a.answered_count as "answeredCount", json_array_length(a.question_ids) as "questionCount",
       a.score as score, a.live_session_id as "liveSessionId"
     from attempts a join learners l on l.id = a.learner_id
     where a.set_slug = ?1 and a.id > ?2
     order by a.id limit ?3`,
    slug,
    afterId,
    limit,
  ).all<AttemptExportRow>()
  return results
}

/** A response row; the response columns are null for an attempt without any answer. */
export type ResponseExportRow = {
  attemptId: string
  learnerId: string
  displayName: string | null
  /** 1 when the name came from a course site's embed snippet (not verified). */
  nameFromHost: number
  questionId: string | null
  answer: string | null
  correct: number | null
  points: number | null
  answeredAt: number | null
  liveSessionId: string | null
  /** Tries the answer took and hints revealed before it (null with no answer). */
  triesUsed: number | null
  hintsUsed: number | null
}

/**
 * The responses of one page of `attemptLimit` attempts after `afterId`
 * (pages end on an attempt boundary; an attempt without answers still gives
 * one row, so the last row's attemptId is where the next page starts).
 */
export async function pageOfResponses(
  db: Db,
  slug: string,
  afterId: string,
  attemptLimit: number,
): Promise<ResponseExportRow[]> {
  const { results } = await statement(
    db,
    `select a.id as "attemptId", a.learner_id as "learnerId", l.display_name as "displayName", l.name_from_host as "nameFromHost",
       r.question_id as "questionId", r.answer as answer, r.correct as correct, r.points as points,
       r.answered_at as "answeredAt", a.live_session_id as "liveSessionId",
       r.tries_used as "triesUsed", r.hints_used as "hintsUsed"
     from (select id, learner_id, live_session_id from attempts where set_slug = ?1 and id > ?2
           order by id limit ?3) a
     left join responses r on r.attempt_id = a.id
     join learners l on l.id = a.learner_id
     order by a.id, r.answered_at, r.id`,
    slug,
    afterId,
    attemptLimit,
  ).all<ResponseExportRow>()
  return results
}
