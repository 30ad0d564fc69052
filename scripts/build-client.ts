/**
 * Bundles the islands' browser entry into public/build/islands.js (served by
 * Workers Static Assets). `--watch` rebuilds on change during `npm start`.
 */

import { join } from 'node:path'
import { type BuildOptions, build, context } from 'esbuild'

const root = join(import.meta.dirname, '..')
const options: BuildOptions = {
  entryPoints: [join(root, 'src/client/main.ts')],
  outfile: join(root, 'public/build/islands.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
}

if (process.argv.includes('--watch')) {
  const watcher = await context(options)
  await watcher.watch()
} else {
  await build(options)
}
