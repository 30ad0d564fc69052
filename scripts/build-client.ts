/**
 * Builds what the browser gets besides the Worker's pages, into public/
 * (served by Workers Static Assets; all generated and gitignored):
 * - build/islands.js: the islands' entry (src/client/main.ts);
 * - build/live.js: the live pages' islands (src/client/live.ts), apart so a phone loads only them;
 * - sw.js: the service worker (src/client/sw.ts), at the root so its scope is the whole site;
 * - offline.html: the page the service worker shows offline for a page not kept (src/views/offline-page.tsx);
 * - build/passkeys.js: passkey sign-in and registration on the studio's sign-in and account pages;
 * - build/embed-frame.js: runs inside embedded quizzes, posting height and events to the host page;
 * - embed.js: the script course sites add beside the iframe (src/client/embed-host.ts);
 * - build/time-zone.js: tells the server the learner's time zone (src/client/time-zone.ts).
 * `--watch` rebuilds the scripts on change (run it beside `npm start`, which builds them once).
 */

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type BuildOptions, build, context } from 'esbuild'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { OfflinePage } from '../src/views/offline-page'

const root = join(import.meta.dirname, '..')
const shared: BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
}
const scripts: BuildOptions[] = [
  {
    ...shared,
    entryPoints: [join(root, 'src/client/time-zone.ts')],
    outfile: join(root, 'public/build/time-zone.js'),
    format: 'esm',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/main.ts')],
    outfile: join(root, 'public/build/islands.js'),
    format: 'esm',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/sw.ts')],
    outfile: join(root, 'public/sw.js'),
    // A classic script: module service workers are not supported everywhere yet.
    format: 'iife',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/live.ts')],
    outfile: join(root, 'public/build/live.js'),
    format: 'esm',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/embed-frame.ts')],
    outfile: join(root, 'public/build/embed-frame.js'),
    format: 'esm',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/passkeys.ts')],
    outfile: join(root, 'public/build/passkeys.js'),
    format: 'esm',
  },
  {
    ...shared,
    entryPoints: [join(root, 'src/client/embed-host.ts')],
    outfile: join(root, 'public/embed.js'),
    // Course sites paste <script src=".../embed.js" async>: a classic script, so document.currentScript works.
    format: 'iife',
  },
]

writeFileSync(join(root, 'public/offline.html'), `<!doctype html>${renderToString(h(OfflinePage, {}))}`)

if (process.argv.includes('--watch')) {
  for (const options of scripts) await (await context(options)).watch()
} else {
  await Promise.all(scripts.map((options) => build(options)))
}
