/**
 * The results-dashboard scenario: seeds an instructor's set with 5,000
 * completed attempts × 20 answers (100,000 responses) plus in-progress
 * attempts and a second set as noise, straight into the bench's local D1
 * (`wrangler d1 execute --file` with multi-row INSERTs), then times every
 * dashboard query, the whole dashboard and both CSV exports through
 * getPlatformProxy against that D1 — the same workerd + SQLite as wrangler dev.
 *
 * Run alone with `npm run bench:dashboard`; `npm run bench -- --skip-dashboard` leaves it out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getPlatformProxy } from 'wrangler'
import { loadBank } from '../scripts/load-bank'
import { createDb } from '../src/db/client'
import { getOwnedSet } from '../src/db/owned-sets'
import { loadResults, resultsQueries } from '../src/db/results'
import type { Answer } from '../src/quiz/answer'
import { gapKind } from '../src/quiz/cloze'
import { optionId } from '../src/quiz/option-id'
import type { Question } from '../src/quiz/question'
import { buildResultsView, LEARNERS_PER_PAGE } from '../src/services/results'
import { attemptsCsv, responsesCsv } from '../src/services/results-csv'
import { runStep } from './server'

export const DASHBOARD_SLUG = 'bench-dashboard'
const OTHER_SLUG = 'bench-other'
const INSTRUCTOR = 'bench-instructor'
const RUNS = 5
/** The CSVs read everything; fewer runs keep the bench short. */
const CSV_RUNS = 3

export type DashboardTiming = {
  name: string
  /** Wall time in Node, through the platform proxy. */
  medianMs: number
  maxMs: number
  /** Time SQLite spent inside D1 (`meta.duration`), without the proxy's round trip; null when not one statement. */
  sqlMedianMs: number | null
  rows: number
}

export type DashboardReport = {
  attempts: number
  responses: number
  /** Rows of another set in the same tables, which the queries must not read. */
  otherResponses: number
  seedSeconds: number
  runs: number
  queries: DashboardTiming[]
  /** The whole page's data: one D1 batch plus the statistics in JS. */
  dashboard: DashboardTiming
  csv: (DashboardTiming & { bytes: number })[]
}

/** A small deterministic generator, so every bench run seeds the same data. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const quote = (value: string | number | null) =>
  value === null ? 'null' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`

/** An answer as the browser sends it: right, or one plausible wrong answer of a few. */
function answerFor(question: Question, right: boolean, roll: number): Answer {
  const id = (kind: 'choice' | 'item' | 'left' | 'right', text: string) => optionId(question.id, kind, text)
  switch (question.type) {
    case 'single': {
      const wrong = question.choices.filter((choice) => choice !== question.answer)
      return {
        choice: id('choice', right ? question.answer : (wrong[Math.floor(roll * wrong.length)] ?? '')),
      }
    }
    case 'multiple':
      return {
        choices: right
          ? question.answer.map((text) => id('choice', text))
          : question.choices.slice(0, 1 + Math.floor(roll * 2)).map((text) => id('choice', text)),
      }
    case 'true_false':
      return { value: right ? question.answer : !question.answer }
    case 'numeric':
      return {
        value: right ? question.answer : question.answer + question.tolerance + 1 + Math.floor(roll * 3),
      }
    case 'ordering':
      return {
        order: (right ? question.items : [...question.items].reverse()).map((text) => id('item', text)),
      }
    case 'matching': {
      const rights = question.pairs.map((pair) => pair.right)
      const shift = right ? 0 : 1
      return {
        matches: Object.fromEntries(
          question.pairs.map((pair, index) => [
            id('left', pair.left),
            id('right', rights[(index + shift) % rights.length] ?? ''),
          ]),
        ),
      }
    }
    case 'text':
      return {
        text: right
          ? question.answer
          : (['Moscow', 'moscow', 'Astana', 'I do not know'][Math.floor(roll * 4)] ?? ''),
      }
    case 'cloze':
      return {
        gaps: question.gaps.map((gap, index) =>
          gap.type === 'choice'
            ? optionId(
                question.id,
                gapKind(index + 1),
                right ? gap.answer : (gap.choices[roll < 0.5 ? 0 : 1] ?? ''),
              )
            : right || roll < 0.5
              ? gap.answer
              : 'no idea',
        ),
      }
  }
}

/** Multi-row INSERTs of `rows` (already quoted tuples), each statement under D1's 100 KB limit. */
function inserts(table: string, columns: string, rows: string[]): string {
  const statements: string[] = []
  let batch: string[] = []
  let size = 0
  const flush = () => {
    if (batch.length) statements.push(`insert into ${table} (${columns}) values\n${batch.join(',\n')};`)
    batch = []
    size = 0
  }
  for (const row of rows) {
    if (size + row.length > 90_000) flush()
    batch.push(row)
    size += row.length + 2
  }
  flush()
  return statements.join('\n')
}

/** The seed SQL: an instructor, two of their sets, learners, attempts and responses. */
function seedSql(
  questions: Question[],
  attempts: number,
): { sql: string; responses: number; otherResponses: number } {
  const next = random(20260301)
  const now = Date.parse('2026-03-31T18:00:00Z')
  const ids = questions.map((question) => question.id)
  const difficulty = questions.map(() => 0.15 + next() * 0.5)
  const lines: string[] = [
    `insert into instructors (id, email, password_hash, salt, iterations) values ('${INSTRUCTOR}', 'bench@cited.invalid', 'x', 'x', 100000);`,
  ]
  const learnerRows: string[] = []
  const attemptRows: string[] = []
  const responseRows: string[] = []
  let responses = 0
  let otherResponses = 0
  const settings = JSON.stringify({ passMark: 60 })
  for (const slug of [DASHBOARD_SLUG, OTHER_SLUG]) {
    lines.push(
      `insert into quiz_sets (slug, title, description, owner_id, visibility, settings, published_version) values (${quote(slug)}, ${quote(`Bench ${slug}`)}, '', '${INSTRUCTOR}', 'public', ${quote(settings)}, 1);`,
      inserts(
        'set_questions',
        'set_slug, question_id, position',
        ids.map((id, index) => `(${quote(slug)}, ${quote(id)}, ${index + 1})`),
      ),
      `insert into quiz_set_versions (set_slug, version, title, description, settings, question_ids, published_at) values (${quote(slug)}, 1, 'Bench', '', ${quote(settings)}, ${quote(JSON.stringify(ids))}, ${now - 40 * 86_400_000});`,
    )
  }
  const plan = [
    { slug: DASHBOARD_SLUG, completed: attempts, inProgress: Math.round(attempts / 20) },
    { slug: OTHER_SLUG, completed: Math.round(attempts / 5), inProgress: 0 },
  ]
  let learnerCount = 0
  for (const { slug, completed, inProgress } of plan)
    for (let index = 0; index < completed + inProgress; index++) {
      // Two attempts per learner.
      if (index % 2 === 0) {
        learnerCount++
        const name =
          learnerCount % 3 === 0
            ? null
            : learnerCount % 101 === 0
              ? '=HYPERLINK("x")'
              : `Learner ${learnerCount}`
        learnerRows.push(`(${quote(`bench-learner-${learnerCount}`)}, ${quote(name)})`)
      }
      const learner = `bench-learner-${learnerCount}`
      const attemptId = `bench-${slug}-${String(index).padStart(6, '0')}`
      const done = index < completed
      const ability = next()
      const startedAt = now - Math.floor(next() * 30 * 86_400_000)
      const answered = done ? questions.length : Math.floor(next() * questions.length)
      let score = 0
      for (let position = 0; position < answered; position++) {
        const question = questions[position]
        if (!question) continue
        const right = next() < Math.min(0.97, ability + 1 - (difficulty[position] ?? 0.5) - 0.2)
        if (right) score++
        const answer = answerFor(question, right, next())
        responseRows.push(
          `(${quote(attemptId)}, ${quote(question.id)}, ${quote(JSON.stringify(answer))}, ${right ? 1 : 0}, ${right ? 1 : 0}, ${startedAt + (position + 1) * 20_000})`,
        )
        if (slug === DASHBOARD_SLUG) responses++
        else otherResponses++
      }
      const completedAt = done ? startedAt + 180_000 + Math.floor(next() * 1_200_000) : null
      attemptRows.push(
        `(${quote(attemptId)}, ${quote(slug)}, ${quote(learner)}, ${quote(JSON.stringify(ids))}, 'bench', ${startedAt}, ${completedAt ?? 'null'}, ${answered}, ${score}, 1)`,
      )
    }
  lines.push(
    inserts('learners', 'id, display_name', learnerRows),
    inserts(
      'attempts',
      'id, set_slug, learner_id, question_ids, seed, started_at, completed_at, answered_count, score, set_version',
      attemptRows,
    ),
    inserts('responses', 'attempt_id, question_id, answer, correct, points, answered_at', responseRows),
  )
  return { sql: `${lines.join('\n')}\n`, responses, otherResponses }
}

/** Runs `measure` once to warm up, then `runs` times; the median and slowest run. */
async function time(
  name: string,
  measure: () => Promise<{ rows: number; sqlMs?: number }>,
  runs = RUNS,
): Promise<DashboardTiming> {
  let { rows } = await measure()
  const times: number[] = []
  const sqlTimes: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const result = await measure()
    times.push(performance.now() - started)
    rows = result.rows
    if (result.sqlMs !== undefined) sqlTimes.push(result.sqlMs)
  }
  const round = (ms: number) => Math.round(ms * 10) / 10
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  const timing = {
    name,
    medianMs: round(middle(times)),
    maxMs: round(Math.max(...times)),
    sqlMedianMs: sqlTimes.length ? round(middle(sqlTimes)) : null,
    rows,
  }
  const sql = timing.sqlMedianMs === null ? '' : `, SQLite ${timing.sqlMedianMs} ms`
  console.log(`  ${name}: median ${timing.medianMs} ms${sql}, max ${timing.maxMs} ms (${rows} rows)`)
  return timing
}

/** Reads a CSV stream to the end; its byte count and number of lines. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; lines: number }> {
  let bytes = 0
  let lines = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { bytes, lines }
    bytes += value.byteLength
    for (const byte of value) if (byte === 0x0a) lines++
  }
}

/**
 * Seeds the scenario into the migrated, bank-seeded D1 under `stateDir` and
 * times the dashboard. wrangler dev must not be running on that state.
 */
export async function runDashboardBench(stateDir: string, attempts = 5_000): Promise<DashboardReport> {
  const { bank, errors } = loadBank()
  if (errors.length) throw new Error('The question bank is invalid; run npm run questions:check')
  const questions = bank.sets.flatMap((set) => set.questions).slice(0, 20)
  if (questions.length < 20)
    throw new Error(`The bank has only ${questions.length} questions; the scenario needs 20.`)
  const seed = seedSql(questions, attempts)
  const dir = mkdtempSync(join(tmpdir(), 'cited-bench-'))
  const file = join(dir, 'dashboard-seed.sql')
  writeFileSync(file, seed.sql)
  const started = Date.now()
  try {
    runStep(
      `Seeding ${seed.responses.toLocaleString('en')} responses (${(seed.sql.length / 1e6).toFixed(1)} MB of SQL)`,
      ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--file', file],
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const seedSeconds = Math.round((Date.now() - started) / 100) / 10

  const proxy = await getPlatformProxy<Env>({ persist: { path: `${stateDir}/v3` } })
  try {
    const db = createDb(proxy.env.DB)
    const set = await getOwnedSet(db, INSTRUCTOR, DASHBOARD_SLUG)
    if (!set) throw new Error('The seeded set is missing.')
    const page = { learnerLimit: LEARNERS_PER_PAGE, learnerOffset: 0 }
    const queries: DashboardTiming[] = []
    for (const name of Object.keys(resultsQueries(db, DASHBOARD_SLUG, page)) as (keyof ReturnType<
      typeof resultsQueries
    >)[])
      queries.push(
        await time(`query ${name}`, async () => {
          const { results, meta } = await resultsQueries(db, DASHBOARD_SLUG, page)[name].all()
          return { rows: results.length, sqlMs: meta.duration }
        }),
      )
    const batch = await time('one batch of all queries (loadResults)', async () => {
      const data = await loadResults(db, DASHBOARD_SLUG, page)
      return { rows: data.completed.length }
    })
    const dashboard = await time('whole dashboard: batch + statistics (buildResultsView)', async () => {
      const view = await buildResultsView(db, set, 1)
      return { rows: view.items.length }
    })
    const csv: DashboardReport['csv'] = []
    for (const [name, stream] of [
      ['attempts.csv', () => attemptsCsv(db, set)],
      ['responses.csv', () => responsesCsv(db, set)],
    ] as const) {
      let bytes = 0
      const timing = await time(
        name,
        async () => {
          const read = await drain(stream())
          bytes = read.bytes
          return { rows: read.lines - 1 }
        },
        CSV_RUNS,
      )
      csv.push({ ...timing, bytes })
    }
    return {
      attempts: attempts + Math.round(attempts / 20),
      responses: seed.responses,
      otherResponses: seed.otherResponses,
      seedSeconds,
      runs: RUNS,
      queries: [...queries, batch],
      dashboard,
      csv,
    }
  } finally {
    await proxy.dispose()
  }
}
