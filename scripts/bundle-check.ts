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
import { type Bundle, bundleProblems, gzipBudgetBytes, kib } from './bundle-budget'

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
