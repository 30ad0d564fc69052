import { round2 } from './cpu'
import { Inspector } from './inspector'
import { freePort, startServer } from './server'

/**
 * The Worker's start-up CPU in workerd, measured with the profiler: a fresh
 * `wrangler dev --minify` (a new isolate) runs bench/startup-entry.ts, whose
 * first request to /__bench/load evaluates every module of the app and
 * nothing else. Then the first real request on that isolate (`/healthz`,
 * with cold JIT and empty per-isolate caches) and warm ones for comparison.
 * V8's parse of the script when the isolate is created happens before the
 * inspector can attach and is not counted.
 */

export type StartupRun = { evaluationMs: number; firstRequestMs: number; warmRequestMs: number }

export type StartupReport = {
  runs: StartupRun[]
  /** Medians over the runs. */
  evaluationMs: number
  firstRequestMs: number
  warmRequestMs: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Starts `runs` fresh servers on `port`, one after another, and profiles each one's start. */
export async function measureStartup(options: {
  port: number
  stateDir: string
  logFile: string
  runs: number
}): Promise<StartupReport> {
  const runs: StartupRun[] = []
  for (let run = 0; run < options.runs; run++) {
    const inspectorPort = await freePort()
    const server = await startServer({
      port: options.port,
      stateDir: options.stateDir,
      logFile: options.logFile,
      inspectorPort,
      entry: 'bench/startup-entry.ts',
      extraArgs: ['--minify'],
      readyPath: '/__bench/ready',
    })
    try {
      const inspector = await Inspector.connect(inspectorPort, 'cited')
      try {
        await inspector.enableProfiler(50)
        const get = async (path: string) => {
          const response = await fetch(`${server.origin}${path}`)
          await response.arrayBuffer()
          if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`)
        }
        const evaluation = await inspector.profile(() => get('/__bench/load'))
        const first = await inspector.profile(() => get('/healthz'))
        const warm: number[] = []
        for (let index = 0; index < 30; index++)
          warm.push((await inspector.profile(() => get('/healthz'))).cpuMs)
        const result = {
          evaluationMs: round2(evaluation.cpuMs),
          firstRequestMs: round2(first.cpuMs),
          warmRequestMs: round2(median(warm.slice(10))),
        }
        runs.push(result)
        console.log(
          `  fresh isolate ${run + 1}: modules evaluated in ${result.evaluationMs} ms of CPU, first /healthz ${result.firstRequestMs} ms, warm ${result.warmRequestMs} ms`,
        )
      } finally {
        inspector.close()
      }
    } finally {
      await server.stop()
    }
  }
  return {
    runs,
    evaluationMs: round2(median(runs.map((run) => run.evaluationMs))),
    firstRequestMs: round2(median(runs.map((run) => run.firstRequestMs))),
    warmRequestMs: round2(median(runs.map((run) => run.warmRequestMs))),
  }
}
