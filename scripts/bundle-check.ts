/**
 * Part of `npm run check`: builds the Worker as `npm run deploy` ships it
 * (`wrangler deploy --dry-run --minify`), prints its size and fails (exit 1)
 * when it is over the budget or carries build-time-only code. Build-time code
 * (the YAML bank loader) belongs in scripts/; a runtime module that imports it,
 * even for one small function, drags the whole parser into every request's isolate.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** At most this many gzip bytes: Workers' free plan allows 3 MiB, but start-up time grows with size. */
export const gzipBudgetBytes = 300 * 1024

/** Source paths that must never reach the Worker, with what to do instead. */
const buildTimeOnly: { pattern: RegExp; why: string }[] = [
  { pattern: /node_modules\/yaml\//, why: 'the yaml library (build-time only)' },
  { pattern: /src\/bank\/(bank|yaml-file)\.ts$/, why: 'the bank loader (build-time only)' },
]

export type Bundle = { rawBytes: number; gzipBytes: number; sources: string[] }

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** What is wrong with the bundle, as sentences; empty when it is within budget and runtime-only. */
export function bundleProblems(bundle: Bundle): string[] {
  const problems: string[] = []
  if (!bundle.sources.length) problems.push('the source map lists no modules, so nothing can be checked')
  if (bundle.gzipBytes > gzipBudgetBytes)
    problems.push(
      `the Worker bundle is ${kib(bundle.gzipBytes)} gzip, over the budget of ${kib(gzipBudgetBytes)}: ` +
        'find what grew (the source map lists every module) before raising the budget',
    )
  for (const { pattern, why } of buildTimeOnly) {
    const found = bundle.sources.filter((source) => pattern.test(source))
    if (found.length)
      problems.push(
        `the Worker bundle contains ${why}, from ${found[0]?.replace(/^.*?(node_modules|src)\//, '$1/')}${found.length > 1 ? ` and ${found.length - 1} more` : ''}: ` +
          'a module under src/ imports src/bank/bank.ts or src/bank/yaml-file.ts as a value; ' +
          'import types only, and move runtime rules into modules of their own (as src/bank/answer-named-by-id.ts)',
      )
  }
  return problems
}

/** Builds the Worker into a temporary folder and measures it. */
function buildBundle(): Bundle {
  const outdir = mkdtempSync(join(tmpdir(), 'cited-bundle-'))
  try {
    const build = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--minify', '--outdir', outdir], {
      encoding: 'utf8',
    })
    if (build.status !== 0)
      throw new Error(`wrangler deploy --dry-run failed:\n${build.stdout}${build.stderr}`)
    const code = readFileSync(join(outdir, 'index.js'))
    const map: unknown = JSON.parse(readFileSync(join(outdir, 'index.js.map'), 'utf8'))
    const sources =
      typeof map === 'object' && map !== null && 'sources' in map && Array.isArray(map.sources)
        ? map.sources.filter((source): source is string => typeof source === 'string')
        : []
    return { rawBytes: code.byteLength, gzipBytes: gzipSync(code).byteLength, sources }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = buildBundle()
  console.log(
    `Worker bundle: ${kib(bundle.rawBytes)} minified, ${kib(bundle.gzipBytes)} gzip ` +
      `(budget ${kib(gzipBudgetBytes)} gzip), ${bundle.sources.length} modules`,
  )
  const problems = bundleProblems(bundle)
  for (const problem of problems) console.error(`bundle:check: ${problem}`)
  if (problems.length) process.exit(1)
}
