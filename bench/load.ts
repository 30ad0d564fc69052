import autocannon, { type Options, type RequestSpec, type Result } from 'autocannon'
import { D1_COUNT_HEADER, type D1Counts, parseD1Counts } from '../src/db/d1-counter'
import type { PublicQuestion } from '../src/quiz/public-question'
import { describeD1, type ProbeRequest, probeD1 } from './d1-trips'
import { answerBody, createAttempts, type Learner } from './learner'
import type { Server } from './server'

/**
 * Throughput and latency of the learner's hot paths under autocannon, beside
 * the static floor: the same wrangler dev serving /app.css from its assets.
 */

export type LoadSettings = { connections: number; duration: number }

export type ScenarioResult = {
  name: string
  request: string
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  notes: string[]
  /** D1 work of one request of the scenario (null for the static floor, which never runs the Worker). */
  d1: D1Counts | null
}

export type LoadReport = {
  settings: LoadSettings
  scenarios: ScenarioResult[]
  problems: string[]
  warnings: string[]
}

type Scenario = {
  name: string
  request: string
  options: Omit<Options, 'connections' | 'duration'>
  /** The same request once, to count its D1 work; absent for the static floor. */
  probe?: ProbeRequest
}

async function runAutocannon(options: Options): Promise<Result> {
  return await autocannon({ timeout: 10, ...options })
}

function summarise(
  scenario: Scenario,
  result: Result,
  d1: D1Counts | null,
  notes: string[] = [],
): ScenarioResult {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  )
  return {
    name: scenario.name,
    request: scenario.request,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    notes,
    d1,
  }
}

/** "3 non-2xx (404 x3)" style text for a scenario that did not answer cleanly, or null. */
function describeProblem(result: ScenarioResult): string | null {
  if (!result.non2xx && !result.errors && !result.timeouts && result.requests > 0) return null
  const statuses = Object.entries(result.statusCodes)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, count]) => `${status} x${count}`)
  const parts = [
    result.requests === 0 ? 'no completed requests' : null,
    result.non2xx ? `${result.non2xx} non-2xx (${statuses.join(', ')})` : null,
    result.errors ? `${result.errors} connection errors (${result.timeouts} timeouts)` : null,
  ].filter((part) => part !== null)
  return `${result.name}: ${parts.join('; ')}`
}

export type LoadTargets = {
  server: Server
  learner: Learner
  slug: string
  /** A question page of an attempt the learner started. */
  questionPath: string
  /** The attempt's first question and the API path that answers it. */
  answerPath: string
  question: PublicQuestion
}

/**
 * Runs every scenario in turn with `settings`, printing each as it finishes.
 * Problems (non-2xx, connection errors) are collected, never hidden.
 */
export async function runLoad(targets: LoadTargets, settings: LoadSettings): Promise<LoadReport> {
  const { server, learner } = targets
  const { origin } = server
  const json = { Cookie: learner.cookie, 'Content-Type': 'application/json' }
  // The question page runs right after the static floor: the ratio of the two is the target, and
  // measuring them back to back keeps drifting background load from skewing it.
  // The D1 floor (/healthz: one trivial query) follows: the question page's target is a ratio to it.
  const scenarios: Scenario[] = [
    { name: 'Static floor', request: 'GET /app.css', options: { url: `${origin}/app.css` } },
    {
      name: 'D1 floor',
      request: 'GET /healthz',
      options: { url: `${origin}/healthz` },
      probe: { path: '/healthz' },
    },
    {
      name: 'Question page',
      request: 'GET /attempts/:id/q/1',
      options: { url: `${origin}${targets.questionPath}`, headers: { Cookie: learner.cookie } },
      probe: { path: targets.questionPath, headers: { Cookie: learner.cookie } },
    },
    { name: 'Quiz list', request: 'GET /', options: { url: `${origin}/` }, probe: { path: '/' } },
    {
      name: 'Answer (duplicate)',
      request: 'POST /api/attempts/:id/answers, same question again',
      options: {
        url: `${origin}${targets.answerPath}`,
        method: 'POST',
        headers: json,
        body: answerBody(targets.question),
      },
      probe: { path: targets.answerPath, method: 'POST', headers: json, body: answerBody(targets.question) },
    },
  ]

  const results: ScenarioResult[] = []
  const problems: string[] = []
  const record = (result: ScenarioResult) => {
    results.push(result)
    const problem = describeProblem(result)
    if (problem) {
      problems.push(problem)
      console.error(`\n!!! ${problem}\n`)
    }
    console.log(
      `  ${result.name.padEnd(20)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  (${result.requests} requests)`,
    )
    if (result.d1) console.log(`  ${''.padEnd(20)} D1: ${describeD1(result.d1)}`)
  }

  // The answer path's steady state is the duplicate branch: answer once so every later send repeats it.
  // That first answer is also the one whose D1 work the first-answer scenario reports.
  const first = await fetch(`${origin}${targets.answerPath}`, {
    method: 'POST',
    headers: { ...json, [D1_COUNT_HEADER]: 'count' },
    body: answerBody(targets.question),
  })
  if (first.status !== 200)
    throw new Error(`The first answer answered ${first.status}: ${await first.text()}`)
  await first.arrayBuffer()
  const firstAnswerD1 = parseD1Counts(first.headers.get(D1_COUNT_HEADER))

  const warnings: string[] = []
  /**
   * Runs `measure` once more when wrangler reloaded the Worker during it (a
   * file under src/ or public/ changed): a reload fails the requests in flight
   * and swaps the code being measured.
   */
  const withoutReloads = async (name: string, measure: () => Promise<ScenarioResult>) => {
    for (let round = 1; ; round++) {
      await server.settle()
      const before = server.reloads()
      const result = await measure()
      const reloaded = server.reloads() - before
      if (!reloaded) return result
      const message = `${name}: wrangler dev reloaded ${reloaded}x during the run (a source file changed)`
      if (round === 2) {
        warnings.push(`${message}; its figures include the reload`)
        return { ...result, notes: [...result.notes, `${message}; measured again, reloaded again`] }
      }
      console.warn(`  ${message}; measuring it again`)
    }
  }

  for (const scenario of scenarios) {
    const result = await withoutReloads(scenario.name, async () => {
      // A short warm-up so wrangler's first compile and cold caches stay out of the figures.
      await runAutocannon({ ...scenario.options, connections: settings.connections, duration: 1 })
      // Counted after the warm-up, so the figures are the steady state's (caches filled).
      const probe = scenario.probe ? await probeD1(origin, scenario.probe) : null
      if (probe && probe.status >= 300)
        problems.push(`${scenario.name}: the D1 probe answered ${probe.status}`)
      return summarise(scenario, await runAutocannon({ ...scenario.options, ...settings }), probe?.d1 ?? null)
    })
    record(result)
  }

  const duplicate = results.find((result) => result.name === 'Answer (duplicate)')
  try {
    record(
      await withoutReloads('Answer (first)', () =>
        runFirstAnswers(targets, settings, duplicate?.rps ?? 200, firstAnswerD1),
      ),
    )
  } catch (error) {
    // Keep the scenarios already measured; the broken setup is reported like any other problem.
    const problem = `Answer (first): ${error instanceof Error ? error.message : String(error)}`
    problems.push(problem)
    console.error(`\n!!! ${problem}\n`)
  }
  return { settings, scenarios: results, problems, warnings }
}

/**
 * First answers: enough attempts are started up front that every request in
 * the run can answer a question not yet answered, cycling over (attempt,
 * question) pairs with `setupRequest`. Responses say whether they were
 * duplicates, so running out of fresh pairs shows in the notes.
 */
async function runFirstAnswers(
  targets: LoadTargets,
  settings: LoadSettings,
  expectedRps: number,
  d1: D1Counts | null,
): Promise<ScenarioResult> {
  const { learner, slug } = targets
  const { origin } = targets.server
  const probe = await createAttempts(learner, slug, 1)
  const perAttempt = probe[0]!.items.length
  // Writes are slower than the duplicate path; twice its rate leaves a margin.
  const needed = Math.ceil((expectedRps * 2 * settings.duration) / perAttempt)
  process.stdout.write(`  (starting ${needed} attempts of ${perAttempt} questions for the first-answer run) `)
  const started = Date.now()
  const attempts = [...probe, ...(await createAttempts(learner, slug, needed))]
  process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`)

  // Question-major order spreads consecutive writes over different attempts.
  const pairs = attempts[0]!.items.flatMap((_, index) =>
    attempts.map((attempt) => {
      const question = attempt.items[index]!.question
      return { path: `/api/attempts/${attempt.id}/answers`, body: answerBody(question) }
    }),
  )
  let next = 0
  let fresh = 0
  let repeated = 0
  const request: RequestSpec = {
    method: 'POST',
    headers: { Cookie: learner.cookie, 'Content-Type': 'application/json' },
    setupRequest: (spec) => {
      const pair = pairs[next++ % pairs.length]!
      return { ...spec, path: pair.path, body: pair.body }
    },
    onResponse: (status, body) => {
      if (status !== 200) return
      if (body.includes('"duplicate":false')) fresh++
      else repeated++
    },
  }
  const scenario: Scenario = {
    name: 'Answer (first)',
    request: 'POST /api/attempts/:id/answers, unanswered question',
    options: { url: origin, requests: [request] },
  }
  const result = await runAutocannon({ ...scenario.options, ...settings })
  const notes = [`${fresh} first answers over ${attempts.length} attempts`]
  if (repeated)
    notes.push(`${repeated} responses were duplicates: the run used up its ${pairs.length} fresh pairs`)
  return summarise(scenario, result, d1, notes)
}
