/**
 * Starts a real `wrangler dev` for the browser tests, on its own port and its
 * own local state (.wrangler/e2e, wiped first), so it never touches the
 * developer's `npm start` data or port 8787. Tests read the address with
 * `inject('baseUrl')`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the e2e server answers, without a trailing slash. */
    baseUrl: string
    /** The e2e server's local state (D1 included), relative to the project root. */
    persistTo: string
  }
}

const root = join(import.meta.dirname, '..', '..')
const persistTo = '.wrangler/e2e'
// CITED_E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.CITED_E2E_PORT ?? 8799)
const baseUrl = `http://127.0.0.1:${port}`
const startTimeoutMs = 60_000

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

function run(label: string, args: string[]) {
  const result = spawnSync('npx', args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status !== 0)
    throw new Error(`e2e setup: ${label} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await response.body?.cancel()
    return response.status === 200
  } catch {
    return false
  }
}

function signalGroup(server: ChildProcess, signal: NodeJS.Signals) {
  if (server.pid === undefined) return
  try {
    process.kill(-server.pid, signal)
  } catch {
    // The group is already gone.
  }
}

/** Stops wrangler and the workerd it started: they share the process group of `npx`. */
async function stop(server: ChildProcess) {
  const exited = new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve()
    else server.once('exit', () => resolve())
  })
  signalGroup(server, 'SIGTERM')
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000)),
  ])
  // workerd may outlive npx; make sure nothing of the group is left listening.
  signalGroup(server, timedOut ? 'SIGKILL' : 'SIGTERM')
}

export default async function setup(project: TestProject) {
  rmSync(join(root, persistTo), { recursive: true, force: true })
  run('building the islands', ['tsx', 'scripts/build-client.ts'])
  run('applying migrations', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    persistTo,
  ])
  run('seeding the bank', ['tsx', 'scripts/seed.ts', '--persist-to', persistTo])

  if (await answers(`${baseUrl}/`))
    throw new Error(`e2e setup: something already answers on ${baseUrl}; stop it first.`)

  const server = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
    ],
    // Its own process group, so teardown can stop npx, wrangler and workerd together.
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  let output = ''
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk.toString('utf8')}`.slice(-20_000)
  }
  server.stdout?.on('data', collect)
  server.stderr?.on('data', collect)

  const deadline = Date.now() + startTimeoutMs
  while (!(await answers(`${baseUrl}/`))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop(server)
      const why = server.exitCode !== null ? `exited with ${server.exitCode}` : `did not answer within 60 s`
      throw new Error(`e2e setup: wrangler dev on ${baseUrl} ${why}. Its output:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  project.provide('baseUrl', baseUrl)
  project.provide('persistTo', persistTo)
  return () => stop(server)
}
