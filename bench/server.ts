import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'

/**
 * Runs the app the way `npm start` does, but on its own port and D1 state
 * directory so the bench never touches a developer's data or server.
 */

export const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

/**
 * Runs one preparation command with stdin closed and returns its output;
 * throws with the command's output when it fails.
 * @example runStep('Seeding', ['tsx', 'scripts/seed.ts'])
 */
export function runStep(label: string, npxArgs: string[]): string {
  process.stdout.write(`> ${label} ... `)
  const started = Date.now()
  const result = spawnSync('npx', npxArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: wranglerEnv,
    encoding: 'utf8',
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0) {
    process.stdout.write('failed\n')
    throw new Error(`${label} failed (npx ${npxArgs.join(' ')}, exit ${result.status}):\n${output}`)
  }
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  return output
}

/** Builds the islands, then gives the bench a fresh, migrated and seeded D1 under `stateDir`. */
export function prepareApp(stateDir: string): void {
  runStep('Building the islands', ['tsx', 'scripts/build-client.ts'])
  // A fresh state per run: attempts created by an earlier run would otherwise pile up.
  rmSync(stateDir, { recursive: true, force: true })
  runStep('Applying migrations', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    stateDir,
  ])
  runStep('Seeding the question bank', ['tsx', 'scripts/seed.ts', '--persist-to', stateDir])
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export type Server = {
  origin: string
  /**
   * How many times wrangler dev has reloaded the Worker so far. It watches
   * src/ and public/, so an edit during the bench reloads it, and requests in
   * flight at that moment fail with 503.
   */
  reloads(): number
  /** Resolves once wrangler has finished reloading and stayed quiet for `quietMs`. */
  settle(quietMs?: number): Promise<void>
  /** Why wrangler dev ended before `stop()` was called, or null while it runs. */
  crashed(): string | null
  stop(): Promise<void>
}

/**
 * Starts `wrangler dev` in its own process group (so stopping it also stops
 * workerd), logs to `logFile`, and resolves once GET `readyPath` answers 200.
 */
export async function startServer(options: {
  port: number
  stateDir: string
  logFile: string
  /** Where V8's inspector listens (bench/inspector.ts), if anywhere. */
  inspectorPort?: number
  /** Another entry than wrangler.toml's `main`, and more `wrangler dev` arguments (bench/startup.ts). */
  entry?: string
  extraArgs?: string[]
  /** The path that answers 200 once the Worker is up; `/` by default. */
  readyPath?: string
}): Promise<Server> {
  const { port, stateDir, logFile, readyPath = '/' } = options
  if (await portIsOpen(port))
    throw new Error(`Port ${port} is already in use; stop whatever listens there and run the bench again.`)
  const origin = `http://127.0.0.1:${port}`
  const log = createWriteStream(logFile)
  const child = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      ...(options.entry ? [options.entry] : []),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      stateDir,
      '--show-interactive-dev-session=false',
      // Lets a probe request ask for its D1 counts (X-Cited-D1); other requests run as in production.
      '--var',
      'CITED_BENCH_D1_LOG:true',
      // Without a port of its own, wrangler takes 9229 or the next free one, which other servers may want.
      ...(options.inspectorPort === undefined ? [] : ['--inspector-port', String(options.inspectorPort)]),
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: wranglerEnv, detached: true },
  )
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  let reloads = 0
  let reloading = false
  let lastReloadAt = 0
  for (const stream of [child.stdout, child.stderr]) {
    let pending = ''
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (line.includes('Reloading local server')) {
          reloads++
          reloading = true
          lastReloadAt = Date.now()
        } else if (line.includes('Local server updated and ready')) reloading = false
      }
    })
  }
  const settle = async (quietMs = 2_000) => {
    const deadline = Date.now() + 60_000
    while ((reloading || Date.now() - lastReloadAt < quietMs) && Date.now() < deadline) await sleep(200)
  }
  let stopping = false
  let crash: string | null = null
  child.once('exit', (code, signal) => {
    if (!stopping) crash = `wrangler dev exited during the run (${signal ?? `code ${code}`}); see ${logFile}`
  })
  const server: Server = {
    origin,
    reloads: () => reloads,
    settle,
    crashed: () => crash,
    stop: () => {
      stopping = true
      return stopGroup(child)
    },
  }
  registerCleanup(server.stop)
  // Last resort if the bench dies without running its cleanup (exit handlers must be synchronous).
  process.once('exit', () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      signalGroup(child.pid, 'SIGKILL')
  })

  process.stdout.write(`> Starting wrangler dev on ${origin} ... `)
  const started = Date.now()
  const deadline = started + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited (code ${child.exitCode}) before answering; see ${logFile}`)
    try {
      const response = await fetch(`${origin}${readyPath}`, { signal: AbortSignal.timeout(5_000) })
      await response.arrayBuffer()
      if (response.status === 200) {
        process.stdout.write(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
        return server
      }
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  await server.stop()
  throw new Error(`wrangler dev did not answer 200 at ${readyPath} within 60 s; see ${logFile}`)
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after 5 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  signalGroup(child.pid, 'SIGTERM')
  const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])
  if (!stopped) {
    signalGroup(child.pid, 'SIGKILL')
    await exited
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is already gone
  }
}

const cleanups = new Set<() => Promise<void>>()
let handlersInstalled = false

/** Stops the server on Ctrl-C / SIGTERM too, not only at the end of a normal run. */
function registerCleanup(cleanup: () => Promise<void>): void {
  cleanups.add(cleanup)
  if (handlersInstalled) return
  handlersInstalled = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`\n${signal}: stopping wrangler dev`)
      void Promise.allSettled([...cleanups].map((run) => run())).then(() => process.exit(130))
    })
}

/** A TCP port nothing listens on right now, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
