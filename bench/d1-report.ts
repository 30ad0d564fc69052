import type { D1Counts } from '../src/db/d1-counter'
import type { D1Probe } from './d1-trips'
import type { LoadReport } from './load'

/**
 * The issue's D1 targets (issue 11, "D1 floor and round trips, measured") and
 * the table of D1 work per request with each scenario's throughput as a ratio
 * of the static floor (/app.css) and of the D1 floor (/healthz).
 */

export const d1Targets = {
  /** The quiz list shows the same public data to everyone: close to serving a file. */
  quizListVsStatic: 0.8,
  /** A question page should cost little more than one trivial D1 query. */
  questionPageVsHealthz: 0.8,
  /** An answer's writes: one batch (one D1 transaction). */
  answerWrites: 1,
  /** One trip that finds the attempt, then at most one more. */
  attemptPageTrips: 2,
}

type D1Status = 'PASS' | 'FAIL'
export type D1Check = { metric: string; value: string; target: string; status: D1Status }

/** A row of the D1 table: a load scenario (with req/s) or a page probed once (without). */
export type D1Line = {
  name: string
  request: string
  rps: number | null
  status: number | null
  d1: D1Counts | null
}

/** Pages and API routes that work on one attempt: the "after the attempt is known" rule applies. */
const ATTEMPT_REQUEST = /(^|\s)(GET|POST) \/(api\/)?attempts\/:id/

export function d1Lines(load: LoadReport | null, pages: D1Probe[] | null | undefined): D1Line[] {
  return [
    ...(load?.scenarios ?? []).map(({ name, request, rps, d1 }) => ({
      name,
      request,
      rps,
      status: null,
      d1,
    })),
    ...(pages ?? []).map(({ name, request, status, d1 }) => ({ name, request, rps: null, status, d1 })),
  ]
}

const ratio = (rps: number | null, floor: number | undefined) =>
  rps !== null && floor ? `${(rps / floor).toFixed(2)}x` : '-'

/** The four targets, each met (PASS) or not (FAIL); a target without its figures is left out. */
export function d1Checks(lines: D1Line[]): D1Check[] {
  const rpsOf = (name: string) => lines.find((line) => line.name === name)?.rps ?? null
  const checks: D1Check[] = []
  const staticRps = rpsOf('Static floor')
  const healthzRps = rpsOf('D1 floor')
  const quizList = rpsOf('Quiz list')
  const question = rpsOf('Question page')
  if (staticRps && quizList !== null)
    checks.push({
      metric: 'Quiz list req/s vs static floor',
      value: ratio(quizList, staticRps),
      target: `≥ ${d1Targets.quizListVsStatic}x`,
      status: quizList / staticRps >= d1Targets.quizListVsStatic ? 'PASS' : 'FAIL',
    })
  if (healthzRps && question !== null)
    checks.push({
      metric: 'Question page req/s vs /healthz',
      value: ratio(question, healthzRps),
      target: `≥ ${d1Targets.questionPageVsHealthz}x`,
      status: question / healthzRps >= d1Targets.questionPageVsHealthz ? 'PASS' : 'FAIL',
    })
  for (const line of lines.filter((candidate) => candidate.name.startsWith('Answer') && candidate.d1))
    checks.push({
      metric: `${line.name}: D1 calls that write`,
      value: `${line.d1?.writes} (${line.d1?.trips} trips in all)`,
      target: `≤ ${d1Targets.answerWrites} batch`,
      status: (line.d1?.writes ?? 0) <= d1Targets.answerWrites ? 'PASS' : 'FAIL',
    })
  const attemptLines = lines.filter((line) => ATTEMPT_REQUEST.test(line.request) && line.d1)
  if (attemptLines.length) {
    const worst = attemptLines.reduce((a, b) => ((b.d1?.trips ?? 0) > (a.d1?.trips ?? 0) ? b : a))
    checks.push({
      metric: `Learner requests on an attempt (${attemptLines.length}): most sequential D1 trips`,
      value: `${worst.d1?.trips} (${worst.name})`,
      target: `≤ ${d1Targets.attemptPageTrips} (the attempt + 1)`,
      status: (worst.d1?.trips ?? 0) <= d1Targets.attemptPageTrips ? 'PASS' : 'FAIL',
    })
  }
  return checks
}

/** The D1 table: one row per scenario or probed page, as Markdown or aligned text. */
export function renderD1Table(lines: D1Line[], markdown: boolean): string {
  const staticRps = lines.find((line) => line.name === 'Static floor')?.rps ?? undefined
  const healthzRps = lines.find((line) => line.name === 'D1 floor')?.rps ?? undefined
  const header = [
    'Scenario',
    'Request',
    'req/s',
    'x static',
    'x /healthz',
    'queries',
    'trips',
    'writes',
    'rows read',
    'rows written',
  ]
  const cells = lines.map((line) => {
    const { d1 } = line
    const count = (value: number | undefined) => (value === undefined ? '-' : String(value))
    const rowsRead = d1 ? `${d1.rowsRead}${d1.unmetered ? ` (+${d1.unmetered} unmetered)` : ''}` : '-'
    return [
      line.name,
      line.status !== null && line.status !== 200 ? `${line.request} (${line.status})` : line.request,
      line.rps === null ? '-' : line.rps.toFixed(0),
      ratio(line.rps, staticRps),
      ratio(line.rps, healthzRps),
      count(d1?.queries),
      count(d1?.trips),
      count(d1?.writes),
      rowsRead,
      count(d1?.rowsWritten),
    ]
  })
  if (markdown) {
    const row = (values: string[]) => `| ${values.map((value) => value.replaceAll('|', '\\|')).join(' | ')} |`
    return [row(header), row(header.map(() => '---')), ...cells.map(row)].join('\n')
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column]!.length)),
  )
  const row = (values: string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join('  ')
  return [row(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(row)].join('\n')
}

/** One line per target: met or not met, for the console and the Markdown report. */
export function renderD1Checks(checks: D1Check[]): string[] {
  return checks.map(
    (check) =>
      `${check.status === 'PASS' ? 'met    ' : 'NOT met'}  ${check.metric}: ${check.value} (target ${check.target})`,
  )
}
