import { runStep } from './server'

export type WorkerBundle = { totalKiB: number; gzipKiB: number }

/**
 * Reads wrangler's own figure from a minified dry-run deploy.
 * @example parseTotalUpload('Total Upload: 618.42 KiB / gzip: 147.83 KiB') // { totalKiB: 618.42, gzipKiB: 147.83 }
 */
export function parseTotalUpload(output: string): WorkerBundle | null {
  const match = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output)
  return match ? { totalKiB: Number(match[1]), gzipKiB: Number(match[2]) } : null
}

/** Bundles the Worker as `npm run deploy` would (minified), without uploading it. */
export function measureWorkerBundle(outdir: string): WorkerBundle {
  const output = runStep('Bundling the Worker (deploy --dry-run)', [
    'wrangler',
    'deploy',
    '--dry-run',
    '--outdir',
    outdir,
    '--minify',
  ])
  const bundle = parseTotalUpload(output)
  if (!bundle) throw new Error(`wrangler deploy --dry-run printed no "Total Upload" line:\n${output}`)
  return bundle
}
