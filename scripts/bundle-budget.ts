/**
 * The rules `npm run bundle:check` (scripts/bundle-check.ts) applies to the
 * built Worker, apart from the build so that unit tests can run them.
 */

/**
 * At most this many gzip bytes: Workers' free plan allows 3 MiB, but start-up
 * time grows with size. About 188 KiB once zod's locales were out
 * (docs/benchmarks.md), plus about 85 KiB that @simplewebauthn/server always
 * brings (its attestation formats' X.509 and ASN.1 parsers, even for "none"
 * attestation; loaded with import() so only passkey requests evaluate it).
 * Live rooms, the source library and drafts brought it to 333 KiB (2 December
 * 2026); images (with fflate's zip, stored entries only), passage questions,
 * tries and hints, dates and accommodations, regrades and problem reports to
 * 372 KiB the same day (issue 14). The rest is room for features, not for dead code.
 */
export const gzipBudgetBytes = 380 * 1024

/** Source paths that must never reach the Worker, with what to do instead. */
const buildTimeOnly: { pattern: RegExp; why: string }[] = [
  { pattern: /node_modules\/yaml\//, why: 'the yaml library (build-time only)' },
  { pattern: /src\/bank\/(bank|yaml-file)\.ts$/, why: 'the bank loader (build-time only)' },
]

/**
 * zod's 64 locales (366 KiB) come in whole with `import { z } from 'zod'`,
 * which hands esbuild the namespace as one value; `import * as z from 'zod'`
 * lets it keep only the schemas used and English, the one locale zod sets up.
 */
const zodLocale = /node_modules\/zod\/(v4\/)?locales\/(?!en\.js$)[^/]+$/

export type Bundle = { rawBytes: number; gzipBytes: number; sources: string[] }

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

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
  const locales = bundle.sources.filter((source) => zodLocale.test(source))
  if (locales.length)
    problems.push(
      `the Worker bundle contains ${locales.length} of zod's locales (${locales[0]?.replace(/^.*node_modules\//, '')}, ...): ` +
        "a module imports zod as `import { z } from 'zod'`; write `import * as z from 'zod'` so unused code stays out",
    )
  return problems
}
