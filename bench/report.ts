import type { CpuReport } from './cpu'
import { d1Checks, d1Lines, renderD1Checks, renderD1Table } from './d1-report'
import type { D1Probe } from './d1-trips'
import type { DashboardReport } from './dashboard'
import type { CategoryId, LighthousePage } from './lighthouse'
import type { LoadReport } from './load'
import type { MachineLoad } from './machine'
import type { PageWeight } from './page-weight'
import type { StartupReport } from './startup'
import type { WorkerBundle } from './worker-bundle'

/** The figures Cited promises, and how each measured one compares with it. */

export type Status = 'PASS' | 'FAIL' | 'INFO'
export type Row = { section: string; metric: string; value: string; target: string; status: Status }

export const targets = {
  questionVsStaticPercent: 50,
  jsGzipBytes: 20_000,
  // Cloudflare's Workers Free plan refuses Workers over 3 MB after compression.
  workerGzipKiB: (3 * 1000 ** 2) / 1024,
  // Issue 11: the Workers Free plan allows 10 ms of CPU a request; learner routes should stay far below.
  learnerCpuP95Ms: 3,
  anyCpuMs: 10,
  // An instructor's results page should have its data within half a second at 100,000 responses.
  dashboardMs: 500,
  lighthouse: { performance: 95, accessibility: 100, 'best-practices': 95 } satisfies Record<
    CategoryId,
    number
  >,
}

export type BenchResults = {
  startedAt: string
  finishedAt: string
  node: string
  /** CPU use sampled at moments of the run (other processes skew every figure). */
  machine: Record<string, MachineLoad>
  warnings: string[]
  load: LoadReport | null
  /** D1 work of learner pages counted once each, beside the load scenarios' own. */
  d1Pages?: D1Probe[] | null
  /** CPU per request of each route, from V8's profiler (bench/cpu.ts). */
  cpu?: CpuReport | null
  /** Start-up CPU of fresh isolates (bench/startup.ts). */
  startup?: StartupReport | null
  pageWeight: PageWeight | null
  workerBundle: WorkerBundle | null
  lighthouse: LighthousePage[] | null
  /** The results-dashboard scenario; null when skipped (--skip-dashboard) or failed. */
  dashboard?: DashboardReport | null
  /** Steps that broke (a scenario with errors, a tool that failed): the run exits non-zero. */
  problems: string[]
  rows: Row[]
}

const status = (pass: boolean): Status => (pass ? 'PASS' : 'FAIL')
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

/** Builds the summary rows from whatever sections completed. */
export function summaryRows(results: Omit<BenchResults, 'rows' | 'finishedAt'>): Row[] {
  const rows: Row[] = []
  const { load, pageWeight, workerBundle, lighthouse, dashboard } = results
  for (const check of d1Checks(d1Lines(load, results.d1Pages)))
    rows.push({ section: 'D1 floor and round trips (issue 11)', ...check })
  if (load) {
    const section = `Load (${load.settings.connections} connections, ${load.settings.duration} s)`
    for (const scenario of load.scenarios) {
      const clean = !scenario.non2xx && !scenario.errors && scenario.requests > 0
      rows.push({
        section,
        metric: `${scenario.name}: ${scenario.request}`,
        value: `${scenario.rps.toFixed(0)} req/s, p50 ${scenario.p50Ms} ms, p99 ${scenario.p99Ms} ms`,
        target: 'no non-2xx or errors',
        status: clean ? 'PASS' : 'FAIL',
      })
    }
    const floor = load.scenarios.find((scenario) => scenario.name === 'Static floor')
    const page = load.scenarios.find((scenario) => scenario.name === 'Question page')
    if (floor && page && floor.rps > 0) {
      const percent = (page.rps / floor.rps) * 100
      rows.push({
        section,
        metric: 'Question page req/s as % of static floor',
        value: `${percent.toFixed(0)} %`,
        target: `≥ ${targets.questionVsStaticPercent} %`,
        status: status(percent >= targets.questionVsStaticPercent),
      })
    }
  }
  if (results.cpu) {
    const section = `CPU per request (V8 profiler, ${results.cpu.requestsPerRoute} requests a route)`
    for (const route of results.cpu.routes) {
      const target = route.learner ? targets.learnerCpuP95Ms : targets.anyCpuMs
      const odd = Object.keys(route.unexpected).length
      rows.push({
        section,
        metric: `${route.name}: ${route.request}`,
        value: `median ${route.medianMs.toFixed(2)} ms, p95 ${route.p95Ms.toFixed(2)} ms${odd ? `, unexpected statuses ${JSON.stringify(route.unexpected)}` : ''}`,
        target: `p95 ≤ ${target} ms`,
        status: status(route.p95Ms <= target && !odd),
      })
    }
  }
  if (results.startup) {
    const { startup } = results
    rows.push({
      section: `Start-up (${startup.runs.length} fresh isolates, minified, median)`,
      metric: 'Module evaluation, then the first /healthz',
      value: `${startup.evaluationMs.toFixed(1)} ms + ${startup.firstRequestMs.toFixed(1)} ms CPU (a warm /healthz: ${startup.warmRequestMs.toFixed(2)} ms)`,
      target: '-',
      status: 'INFO',
    })
  }
  if (pageWeight) {
    const section = 'Bytes for one question page (gzip -9)'
    for (const kind of ['html', 'css', 'js'] as const) {
      const total = pageWeight.totals[kind]
      const isJs = kind === 'js'
      rows.push({
        section,
        metric: `${kind.toUpperCase()} (${pageWeight.assets.filter((asset) => asset.kind === kind).length} files)`,
        value: `${kb(total.gzipBytes)} gzip (${kb(total.rawBytes)} raw)`,
        target: isJs ? `≤ ${kb(targets.jsGzipBytes)} gzip` : '-',
        status: isJs ? status(total.gzipBytes <= targets.jsGzipBytes) : 'INFO',
      })
    }
  }
  if (workerBundle)
    rows.push({
      section: 'Worker bundle (deploy --dry-run --minify)',
      metric: 'Total upload',
      value: `${workerBundle.gzipKiB.toFixed(2)} KiB gzip (${workerBundle.totalKiB.toFixed(2)} KiB raw)`,
      target: '≤ 3 MB gzip (Workers Free limit)',
      status: status(workerBundle.gzipKiB <= targets.workerGzipKiB),
    })
  if (dashboard) {
    const section = `Results dashboard (${dashboard.responses.toLocaleString('en')} responses, median of ${dashboard.runs})`
    for (const query of dashboard.queries)
      rows.push({
        section,
        metric: query.name,
        value: `${query.medianMs} ms${query.sqlMedianMs === null ? '' : ` (SQLite ${query.sqlMedianMs} ms)`}, max ${query.maxMs} ms, ${query.rows} rows`,
        target: '-',
        status: 'INFO',
      })
    rows.push({
      section,
      metric: dashboard.dashboard.name,
      value: `${dashboard.dashboard.medianMs} ms (max ${dashboard.dashboard.maxMs} ms)`,
      target: `≤ ${targets.dashboardMs} ms`,
      status: status(dashboard.dashboard.medianMs <= targets.dashboardMs),
    })
    for (const csv of dashboard.csv)
      rows.push({
        section,
        metric: `${csv.name} streamed to the end`,
        value: `${csv.medianMs} ms (${csv.rows} rows, ${kb(csv.bytes)})`,
        target: '-',
        status: 'INFO',
      })
  }
  for (const page of lighthouse ?? [])
    for (const [category, target] of Object.entries(targets.lighthouse) as [CategoryId, number][]) {
      const score = page.scores[category]
      rows.push({
        section: 'Lighthouse (mobile)',
        metric: `${page.name}: ${category}`,
        value: score === null ? 'not scored' : String(score),
        target: target === 100 ? '100' : `≥ ${target}`,
        status: status(score !== null && score >= target),
      })
    }
  return rows
}

/** Audits behind every Lighthouse score that missed its target, as indented lines. */
export function lighthouseFindings(pages: LighthousePage[]): string[] {
  const lines: string[] = []
  for (const page of pages)
    for (const [category, target] of Object.entries(targets.lighthouse) as [CategoryId, number][]) {
      const score = page.scores[category]
      if (score !== null && score >= target) continue
      lines.push(`${page.name} · ${category} ${score ?? 'not scored'} (target ${target}):`)
      if (category === 'performance')
        lines.push(
          `  metrics: ${Object.entries(page.metrics)
            .map(([name, value]) => `${name} ${value}`)
            .join(', ')}`,
        )
      for (const finding of page.findings[category]) {
        const score = finding.score === null ? 'error' : finding.score.toFixed(2)
        lines.push(
          `  - ${finding.title} [${finding.id}, score ${score}]${finding.displayValue ? `: ${finding.displayValue}` : ''}`,
        )
        for (const item of finding.items) lines.push(`      ${item}`)
      }
      if (!page.findings[category].length)
        lines.push('  (no single audit failed; the score is the weighted metrics)')
    }
  return lines
}

function table(rows: Row[], markdown: boolean): string {
  const header = ['Section', 'Metric', 'Value', 'Target', 'Status']
  const cells = rows.map((row) => [row.section, row.metric, row.value, row.target, row.status])
  if (markdown) {
    const line = (values: string[]) =>
      `| ${values.map((value) => value.replaceAll('|', '\\|')).join(' | ')} |`
    return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n')
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column]!.length)),
  )
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join('  ')
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n')
}

/** The console summary. */
export function renderText(results: BenchResults): string {
  const failed = results.rows.filter((row) => row.status === 'FAIL').length
  const targetRows = results.rows.filter((row) => row.status !== 'INFO').length
  const findings = lighthouseFindings(results.lighthouse ?? [])
  const d1 = d1Lines(results.load, results.d1Pages)
  return [
    table(results.rows, false),
    '',
    ...(d1.length
      ? [
          'D1 per request (one counted request each; rows read include a re-run of raw() selects):',
          '',
          renderD1Table(d1, false),
          '',
          ...renderD1Checks(d1Checks(d1)),
          '',
        ]
      : []),
    `${targetRows - failed} of ${targetRows} checks pass.`,
    ...(results.warnings.length
      ? ['', 'WARNINGS:', ...results.warnings.map((warning) => `  - ${warning}`)]
      : []),
    ...(findings.length ? ['', 'Lighthouse audits behind missed targets:', ...findings] : []),
    ...(results.problems.length
      ? ['', 'PROBLEMS:', ...results.problems.map((problem) => `  - ${problem}`)]
      : []),
  ].join('\n')
}

/** The Markdown report written beside the JSON. */
export function renderMarkdown(results: BenchResults): string {
  const { load, pageWeight } = results
  const sections = [
    `# Cited bench, ${results.finishedAt}`,
    `Node ${results.node}; wrangler dev on 127.0.0.1, local D1 (.wrangler/bench). Started ${results.startedAt}.`,
    `CPU: ${Object.entries(results.machine)
      .map(([moment, load]) => `${load.busyPercent} % busy ${moment}`)
      .join(', ')} (${Object.values(results.machine)[0]?.cores ?? '?'} cores).`,
    ...(results.warnings.length
      ? [results.warnings.map((warning) => `> **Warning:** ${warning}`).join('\n>\n')]
      : []),
    '## Summary',
    table(results.rows, true),
  ]
  if (load) {
    const rows = load.scenarios.map(
      (scenario) =>
        `| ${scenario.name} | \`${scenario.request}\` | ${scenario.rps.toFixed(0)} | ${scenario.p50Ms} | ${scenario.p99Ms} | ${scenario.requests} | ${scenario.non2xx} | ${scenario.errors} | ${scenario.notes.join('; ')} |`,
    )
    sections.push(
      '## Load',
      [
        '| Scenario | Request | req/s | p50 ms | p99 ms | requests | non-2xx | errors | notes |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    )
  }
  const d1 = d1Lines(load, results.d1Pages)
  if (d1.length)
    sections.push(
      '## D1 trips',
      'D1 work of one request of each scenario, counted by the Worker (CITED_BENCH_D1_LOG, X-Cited-D1); req/s as a ratio of the static floor and of `/healthz` (one trivial D1 query).',
      renderD1Table(d1, true),
      renderD1Checks(d1Checks(d1))
        .map((line) => `- ${line}`)
        .join('\n'),
    )
  if (results.cpu)
    sections.push(
      '## CPU per request',
      [
        `V8's CPU profiler attached to the Worker's isolate through wrangler dev's inspector, one profile around each request, sent one at a time after 10 unprofiled ones; sampling every ${results.cpu.samplingMicros} µs; busy samples summed (bench/inspector.ts).`,
        '',
        '| Route | Request | median ms | p95 ms | max ms | target |',
        '| --- | --- | --- | --- | --- | --- |',
        ...results.cpu.routes.map(
          (route) =>
            `| ${route.name} | \`${route.request}\` | ${route.medianMs.toFixed(2)} | ${route.p95Ms.toFixed(2)} | ${route.maxMs.toFixed(2)} | p95 ≤ ${route.learner ? targets.learnerCpuP95Ms : targets.anyCpuMs} ms |`,
        ),
      ].join('\n'),
    )
  if (results.startup)
    sections.push(
      '## Start-up',
      [
        '| Fresh isolate | module evaluation ms | first /healthz ms | warm /healthz ms |',
        '| --- | --- | --- | --- |',
        ...results.startup.runs.map(
          (run, index) =>
            `| ${index + 1} | ${run.evaluationMs} | ${run.firstRequestMs} | ${run.warmRequestMs} |`,
        ),
      ].join('\n'),
    )
  if (pageWeight) {
    const rows = pageWeight.assets.map(
      (asset) => `| ${asset.kind} | \`${asset.path}\` | ${asset.rawBytes} | ${asset.gzipBytes} |`,
    )
    sections.push(
      `## Bytes for \`${pageWeight.page}\``,
      ['| Kind | Path | raw bytes | gzip -9 bytes |', '| --- | --- | --- | --- |', ...rows].join('\n'),
    )
  }
  if (results.dashboard) {
    const { dashboard } = results
    sections.push(
      '## Results dashboard',
      [
        `${dashboard.responses.toLocaleString('en')} responses in ${dashboard.attempts.toLocaleString('en')} attempts of one set, plus ${dashboard.otherResponses.toLocaleString('en')} responses of another set in the same tables; seeded in ${dashboard.seedSeconds} s. Each figure is the median of ${dashboard.runs} runs after a warm-up, through getPlatformProxy against the bench D1.`,
        '',
        '| Step | median ms | SQLite ms (D1 meta.duration) | max ms | rows |',
        '| --- | --- | --- | --- | --- |',
        ...[...dashboard.queries, dashboard.dashboard, ...dashboard.csv].map(
          (step) =>
            `| ${step.name} | ${step.medianMs} | ${step.sqlMedianMs ?? '-'} | ${step.maxMs} | ${step.rows} |`,
        ),
      ].join('\n'),
    )
  }
  const findings = lighthouseFindings(results.lighthouse ?? [])
  if (findings.length)
    sections.push('## Lighthouse audits behind missed targets', `\`\`\`\n${findings.join('\n')}\n\`\`\``)
  for (const page of results.lighthouse ?? [])
    sections.push(
      `### Lighthouse metrics: ${page.name}`,
      Object.entries(page.metrics)
        .map(([name, value]) => `- ${name}: ${value}`)
        .join('\n'),
    )
  if (results.problems.length)
    sections.push('## Problems', results.problems.map((problem) => `- ${problem}`).join('\n'))
  return `${sections.join('\n\n')}\n`
}
