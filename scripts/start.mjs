#!/usr/bin/env node
// `npm start [-- --verbose]`: build the built-in bank and the islands, apply migrations to the local
// D1, seed the bank, then serve on http://127.0.0.1:$PORT (8787 by default)
// with `wrangler dev`.
//
// Each step prints one line. Their full output (wrangler prints its migration
// table again after every migration it applies) and wrangler's log of every
// request are shown only with --verbose; a failing step always shows its output.
// Plain .mjs so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const usage = 'Usage: [PORT=8787] npm start [-- --verbose]'
let verbose = false
try {
  verbose = parseArgs({ options: { verbose: { type: 'boolean', default: false } } }).values.verbose
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${usage}`)
  process.exit(2)
}

const port = process.env.PORT || '8787'
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`PORT must be a port number (1-65535), not "${port}".\n${usage}`)
  process.exit(2)
}

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

/**
 * Runs one step to completion. Quiet unless --verbose: its output is kept and
 * shown only if it fails; on success `summarise(output)` is the step's line.
 */
function step(label, command, args, summarise) {
  if (verbose) console.log(`\n> ${label}`)
  const result = spawnSync(command, args, {
    stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'],
    env,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
  if (verbose) return
  const summary = summarise(result.stdout ?? '')
  console.log(summary ? `${label}: ${summary}` : label)
}

/** wrangler's "About to apply N migration(s)" or "No migrations to apply!", as a few words. */
function describeMigrations(output) {
  if (/No migrations to apply/.test(output)) return 'up to date'
  const count = /About to apply (\d+) migration/.exec(output)?.[1]
  return count ? `${count} applied` : ''
}

/** The last line the seed script printed ("Seeded 4 quiz sets with 57 questions..."). */
function lastLine(output) {
  return output.trim().split('\n').at(-1) ?? ''
}

step('Built-in bank', 'npx', ['tsx', 'scripts/build-bank.ts'], () => 'src/bank/built-in.generated.ts')
step('Islands', 'npx', ['tsx', 'scripts/build-client.ts'], () => 'built into public/')
step(
  'Migrations (local D1)',
  'npx',
  ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'],
  describeMigrations,
)
step('Question bank', 'npx', ['tsx', 'scripts/seed.ts'], lastLine)

const url = `http://127.0.0.1:${port}`
console.log(`Starting wrangler dev on ${url}...`)
const server = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    port,
    '--show-interactive-dev-session=false',
    // warn keeps the Worker's console.warn/console.error and wrangler's own
    // problems, and drops its banner and one line per request.
    ...(verbose ? [] : ['--log-level', 'warn']),
  ],
  { stdio: ['ignore', 'inherit', 'inherit'], env },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))

// With wrangler's "Ready on" line hidden, say when the server answers.
const giveUpAt = Date.now() + 120_000
while (!verbose && Date.now() < giveUpAt) {
  const answered = await fetch(url, { method: 'HEAD' }).then(
    () => true,
    () => false,
  )
  if (answered) {
    console.log(`Cited is ready on ${url} (Ctrl-C stops it; npm start -- --verbose logs every request).`)
    break
  }
  await new Promise((resolve) => setTimeout(resolve, 500))
}
