#!/usr/bin/env node
// `npm start`: build the islands, apply migrations to the local D1, seed the
// bank, then serve on http://127.0.0.1:8787 with `wrangler dev`.
// Plain .mjs so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process'

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}
const port = process.env.PORT ?? '8787'

function run(label, command, args) {
  console.log(`\n> ${label}`)
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env })
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status}).`)
    process.exit(result.status ?? 1)
  }
}

run('Building the islands', 'npx', ['tsx', 'scripts/build-client.ts'])
run('Applying migrations to the local D1', 'npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'])
run('Seeding the question bank', 'npx', ['tsx', 'scripts/seed.ts'])

console.log(`\n> Serving Cited on http://127.0.0.1:${port}\n`)
const server = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, '--show-interactive-dev-session=false'],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
