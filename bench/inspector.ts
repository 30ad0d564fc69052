import WebSocket from 'ws'

/**
 * A minimal Chrome DevTools Protocol client for the Worker's isolate, reached
 * through the inspector port `wrangler dev --inspector-port` opens (miniflare's
 * inspector proxy lists the user Worker at /json/list), and V8's CPU profiler
 * driven through it: one profile per request, summed into CPU milliseconds.
 */

/** What `Profiler.stop` returns (the parts read here). */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string } }[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

/** No sample stands for more CPU than this (µs): see `cpuMsOf`. */
const SAMPLE_CAP_MICROS = 1_000

/**
 * CPU time of a profile in milliseconds: the time of every sample taken while
 * the isolate was not idle. workerd's isolate takes no samples while it waits
 * outside JavaScript (on D1, for the next request), so the gap before or after
 * a stretch of samples is waiting, not work: a sample stands for the shorter of
 * the time since the previous sample and the time to the next one, and at most
 * 1 ms. Samples of the `(idle)` node are left out.
 * @example cpuMsOf({ nodes: [{ id: 1, callFrame: { functionName: 'f' } }], startTime: 0, endTime: 300, samples: [1, 1], timeDeltas: [100, 100] }) // 0.2
 */
export function cpuMsOf(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  )
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let busyMicros = 0
  for (let index = 0; index < samples.length; index++) {
    if (idle.has(samples[index]!)) continue
    const sincePrevious = deltas[index] ?? SAMPLE_CAP_MICROS
    const toNext = deltas[index + 1] ?? SAMPLE_CAP_MICROS
    busyMicros += Math.max(0, Math.min(sincePrevious, toNext, SAMPLE_CAP_MICROS))
  }
  return busyMicros / 1000
}

export class Inspector {
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number
        result?: unknown
        error?: { message: string }
      }
      if (message.id === undefined) return
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      this.pending.delete(message.id)
      if (message.error) waiting.reject(new Error(`inspector: ${message.error.message}`))
      else waiting.resolve(message.result)
    })
    socket.on('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error('inspector: connection closed'))
      this.pending.clear()
    })
  }

  /** Connects to the Worker named `workerName` (wrangler.toml's `name`) behind the inspector `port`. */
  static async connect(port: number, workerName: string): Promise<Inspector> {
    const deadline = Date.now() + 30_000
    let url: string | undefined
    while (!url) {
      try {
        // Seen after the load scenarios: the port accepts and never answers. A try that hangs has failed.
        const listed = await fetch(`http://127.0.0.1:${port}/json/list`, {
          signal: AbortSignal.timeout(5_000),
        })
        const targets = (await listed.json()) as {
          webSocketDebuggerUrl: string
        }[]
        // wrangler dev's own proxy lists the one Worker at /ws; miniflare's lists each by name.
        const target =
          targets.find((candidate) => candidate.webSocketDebuggerUrl.endsWith(`/${workerName}`)) ??
          (targets.length === 1 ? targets[0] : undefined)
        url = target?.webSocketDebuggerUrl
      } catch {
        // the inspector is not listening yet
      }
      if (!url) {
        if (Date.now() > deadline) throw new Error(`No inspector target for "${workerName}" on port ${port}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
    const socket = new WebSocket(url, { handshakeTimeout: 10_000 })
    await new Promise<void>((resolve, reject) => {
      socket.on('open', resolve)
      socket.on('error', reject)
    })
    return new Inspector(socket)
  }

  /** Sends one command; rejects if the isolate has not answered within 30 s (it hung, or went away). */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`inspector: no answer to ${method} within 30 s`))
      }, 30_000)
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.socket.send(JSON.stringify({ id, method, params }))
    })
  }

  /** Turns the profiler on with a sampling interval of `intervalMicros` (V8's default is 1,000). */
  async enableProfiler(intervalMicros: number): Promise<void> {
    await this.send('Profiler.enable')
    await this.send('Profiler.setSamplingInterval', { interval: intervalMicros })
  }

  /** Runs `work` inside one profile and returns its result with the isolate's CPU milliseconds. */
  async profile<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number; profile: CpuProfile }> {
    await this.send('Profiler.start')
    try {
      const result = await work()
      const { profile } = await this.send<{ profile: CpuProfile }>('Profiler.stop')
      return { result, cpuMs: cpuMsOf(profile), profile }
    } catch (error) {
      await this.send('Profiler.stop').catch(() => undefined)
      throw error
    }
  }

  close(): void {
    this.socket.close()
  }
}
