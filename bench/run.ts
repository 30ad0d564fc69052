/**
 * `npm run bench [-- --duration 10 --connections 50]`: starts Cited on its own
 * port (8798, or --port) and D1 state (.wrangler/bench), then measures
 *   1. req/s and p50/p99 latency under autocannon for the quiz list, a question
 *      page, answer submission (duplicate and first answers), the static floor
 *      and the D1 floor (/healthz), with the D1 queries, round trips and rows of
 *      one request of each and of the other learner pages (bench/d1-trips.ts);
 *   2. the CPU per request of each learner route, with V8's profiler through
 *      wrangler dev's inspector (bench/cpu.ts, `--cpu-requests` each), and the
 *      start-up CPU of a fresh isolate (bench/startup.ts, `--startup-runs`);
 *   3. the gzip bytes of HTML, CSS and JS behind one question page;
 *   4. the minified Worker bundle (wrangler deploy --dry-run);
 *   5. Lighthouse (mobile) scores for the quiz list and a question page;
 *   6. the results dashboard's queries and CSV exports over 100,000 seeded
 *      responses (bench/dashboard.ts; `--skip-dashboard` leaves it out);
 * prints each figure beside its target and writes bench/results/latest.{json,md}.
 *
 * Exits 1 when a step broke (a scenario answered non-2xx, a tool failed);
 * a figure that misses its target shows FAIL in the table but is not an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { type CpuReport, measureCpu } from './cpu'
import { type D1Probe, describeD1, probeD1 } from './d1-trips'
import { runDashboardBench } from './dashboard'
import { createAttempt, findQuizSlug, startLearner } from './learner'
import { type LighthousePage, runLighthouse } from './lighthouse'
import { type LoadReport, runLoad } from './load'
import { describeBusyMachine, type MachineLoad, sampleMachineLoad } from './machine'
import { measurePageWeight, type PageWeight } from './page-weight'
import { type BenchResults, renderMarkdown, renderText, summaryRows } from './report'
import { freePort, prepareApp, startServer } from './server'
import { measureStartup, type StartupReport } from './startup'
import { measureWorkerBundle, type WorkerBundle } from './worker-bundle'

const STATE_DIR = '.wrangler/bench'
const RESULTS_DIR = 'bench/results'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'skip-dashboard': { type: 'boolean', default: false },
    'cpu-requests': { type: 'string', default: '120' },
    'startup-runs': { type: 'string', default: '3' },
    port: { type: 'string', default: '8798' },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)
const cpuRequests = Number(values['cpu-requests'])
const startupRuns = Number(values['startup-runs'])
const PORT = Number(values.port)
if (
  !(duration > 0) ||
  ![connections, cpuRequests, startupRuns, PORT].every((value) => Number.isInteger(value) && value >= 1)
) {
  console.error(
    'Usage: npm run bench -- [--duration SECONDS] [--connections N] [--cpu-requests N] [--startup-runs N] [--port PORT] [--skip-dashboard]',
  )
  process.exit(2)
}

const startedAt = new Date().toISOString()
const problems: string[] = []
let load: LoadReport | null = null
let d1Pages: D1Probe[] | null = null
let cpu: CpuReport | null = null
let startup: StartupReport | null = null
let pageWeight: PageWeight | null = null
let workerBundle: WorkerBundle | null = null
let lighthouse: LighthousePage[] | null = null
const machine: Record<string, MachineLoad> = {}
const warnings: string[] = []

/** Records how busy the CPU is at `moment`, warning when something else is using it. */
async function checkMachine(moment: string): Promise<void> {
  const load = await sampleMachineLoad()
  machine[moment] = load
  const warning = describeBusyMachine(load, moment)
  console.log(
    `  CPU ${load.busyPercent} % busy ${moment} (1-min load ${load.loadAverage1m}, ${load.cores} cores)`,
  )
  if (warning) {
    warnings.push(warning)
    console.warn(`  warning: ${warning}`)
  }
}

/** Runs one section; a failure is recorded and the remaining sections still run. */
async function section<T>(title: string, measure: () => T | Promise<T>): Promise<T | null> {
  console.log(`\n== ${title}`)
  try {
    return await measure()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    problems.push(`${title}: ${message}`)
    console.error(`\n!!! ${title} failed: ${message}\n`)
    return null
  }
}

mkdirSync(RESULTS_DIR, { recursive: true })
console.log('== Machine')
await checkMachine('before the run')
console.log('\n== Preparing the app')
prepareApp(STATE_DIR)
workerBundle = await section('Worker bundle', () => measureWorkerBundle('dist/bench'))

const inspectorPort = await freePort()
const server = await startServer({
  port: PORT,
  stateDir: STATE_DIR,
  logFile: `${RESULTS_DIR}/wrangler-dev.log`,
  inspectorPort,
})
try {
  const { origin } = server
  const slug = await findQuizSlug(origin)
  const learner = await startLearner(origin, slug)
  // Its own attempt, so answering it leaves the measured question page unanswered.
  const answered = await createAttempt(learner, slug)
  console.log(`  quiz "${slug}", question page ${learner.questionPath}`)

  // Before the load: after tens of thousands of requests, wrangler's inspector port accepts a
  // connection and never completes its handshake (seen 2026-12-02, docs/benchmarks.md), and the
  // profiles measure one request at a time on a quiet server anyway.
  cpu = await section(`CPU per request: V8 profiler, ${cpuRequests} requests a route`, async () => {
    await server.settle()
    await checkMachine('before the CPU profiles')
    return measureCpu({ origin, inspectorPort, learner, slug, requests: cpuRequests })
  })
  await checkMachine('before the load scenarios')
  load = await section(`Load: autocannon, ${connections} connections, ${duration} s a scenario`, async () => {
    const report = await runLoad(
      {
        server,
        learner,
        slug,
        questionPath: learner.questionPath,
        answerPath: `/api/attempts/${answered.id}/answers`,
        question: answered.items[0]!.question,
      },
      { connections, duration },
    )
    problems.push(...report.problems)
    warnings.push(...report.warnings)
    return report
  })
  d1Pages = await section('D1 work of the other learner pages (one request each)', async () => {
    await server.settle()
    const cookie = { Cookie: learner.cookie }
    const attempt = `/attempts/${answered.id}`
    const pages = [
      { name: 'Set page', request: 'GET /quiz/:slug', path: `/quiz/${slug}` },
      { name: 'Set (API)', request: 'GET /api/quizzes/:slug', path: `/api/quizzes/${slug}` },
      { name: 'Attempt overview', request: 'GET /attempts/:id', path: attempt, headers: cookie },
      { name: 'Attempt (API)', request: 'GET /api/attempts/:id', path: `/api${attempt}`, headers: cookie },
      {
        name: 'Results page',
        request: 'GET /attempts/:id/results',
        path: `${attempt}/results`,
        headers: cookie,
      },
      { name: 'Practice', request: 'GET /practice', path: '/practice', headers: cookie },
      { name: 'Progress', request: 'GET /progress', path: '/progress', headers: cookie },
    ]
    const probes: D1Probe[] = []
    for (const page of pages) {
      const { status, d1 } = await probeD1(server.origin, page)
      probes.push({ name: page.name, request: page.request, status, d1 })
      console.log(`  ${page.name.padEnd(20)} ${status}  D1: ${describeD1(d1)}`)
    }
    return probes
  })
  pageWeight = await section('Bytes of one question page', async () => {
    await server.settle()
    return measurePageWeight(origin, learner.questionPath, learner.cookie)
  })
  lighthouse = await section('Lighthouse', async () => {
    await server.settle()
    await checkMachine('before Lighthouse')
    const reloadsBefore = server.reloads()
    const pages = await runLighthouse(
      [
        { name: 'Quiz list', url: `${origin}/` },
        { name: 'Question page', url: `${origin}${learner.questionPath}` },
      ],
      learner.cookie,
    )
    if (server.reloads() !== reloadsBefore)
      warnings.push('Lighthouse: wrangler dev reloaded during the audits (a source file changed)')
    return pages
  })
} catch (error) {
  problems.push(`Setting up a learner: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  const crash = server.crashed()
  if (crash) problems.push(crash)
  await server.stop()
}

startup = await section(`Start-up: ${startupRuns} fresh isolates`, () =>
  measureStartup({
    port: PORT,
    stateDir: STATE_DIR,
    logFile: `${RESULTS_DIR}/wrangler-dev-startup.log`,
    runs: startupRuns,
  }),
)

// After wrangler dev has stopped: the scenario seeds and reads the same D1 state directly.
const dashboard = values['skip-dashboard']
  ? null
  : await section('Results dashboard: 100,000 responses', () => runDashboardBench(STATE_DIR))

const measured = {
  startedAt,
  node: process.version,
  machine,
  warnings,
  load,
  d1Pages,
  cpu,
  startup,
  pageWeight,
  workerBundle,
  lighthouse,
  dashboard,
  problems,
}
const results: BenchResults = {
  ...measured,
  finishedAt: new Date().toISOString(),
  rows: summaryRows(measured),
}
const stamp = results.finishedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')
for (const name of [stamp, 'latest']) {
  writeFileSync(`${RESULTS_DIR}/${name}.json`, `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(`${RESULTS_DIR}/${name}.md`, renderMarkdown(results))
}

console.log(`\n== Summary\n\n${renderText(results)}\n`)
console.log(`Written to ${RESULTS_DIR}/latest.json and ${RESULTS_DIR}/latest.md (and ${stamp}.*).`)
process.exit(problems.length ? 1 : 0)
