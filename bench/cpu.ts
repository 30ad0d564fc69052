import { Inspector } from './inspector'
import { answerBody, createAttempts, type Learner } from './learner'

/**
 * CPU per request of the learner routes, the way issue 11 measured it: V8's
 * CPU profiler attached to the Worker's isolate through the inspector port of
 * `wrangler dev`, one profile around each request, sent one at a time, and
 * the busy samples of each profile summed (bench/inspector.ts). The Workers
 * Free plan allows 10 ms of CPU per request.
 */

export type CpuRoute = {
  name: string
  request: string
  /** Whether the route is one a learner uses (target: p95 ≤ 3 ms) or not (target: ≤ 10 ms). */
  learner: boolean
  requests: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** Statuses other than the expected one, e.g. { "500": 2 }. */
  unexpected: Record<string, number>
}

export type CpuReport = { samplingMicros: number; requestsPerRoute: number; routes: CpuRoute[] }

/** The `q`-th quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const round2 = (value: number) => Math.round(value * 100) / 100

type Send = { path: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }

type Route = {
  name: string
  request: string
  learner: boolean
  status: number
  /** The request to send the `index`-th time (0-based). */
  send: (index: number) => Send
}

const SAMPLING_MICROS = 50

/**
 * Profiles `requests` requests of each learner route (after 10 unprofiled
 * ones, so JIT warm-up and per-isolate caches are not counted). Needs a
 * learner with a cookie and a quiz slug; starts the attempts it answers.
 */
export async function measureCpu(options: {
  origin: string
  inspectorPort: number
  learner: Learner & { questionPath: string }
  slug: string
  requests: number
}): Promise<CpuReport> {
  const { origin, learner, slug, requests } = options
  const warmUp = 10
  const cookie = { Cookie: learner.cookie }
  const json = { ...cookie, 'Content-Type': 'application/json' }
  // One attempt per first answer would be many; each attempt offers every question of the set once.
  const perAttempt = (await createAttempts(learner, slug, 1))[0]!.items.length
  const attempts = await createAttempts(learner, slug, Math.ceil((requests + warmUp) / perAttempt) + 1)
  const firstAnswers = attempts.flatMap((attempt) =>
    attempt.items.map((item) => ({
      path: `/api/attempts/${attempt.id}/answers`,
      body: answerBody(item.question),
    })),
  )
  // Answers of the last attempt complete it, so it has a results page (and the learner cards to practise).
  const completed = attempts.at(-1)!
  for (const item of completed.items)
    await sendRequest(origin, {
      path: `/api/attempts/${completed.id}/answers`,
      method: 'POST',
      headers: json,
      body: answerBody(item.question),
    })
  const duplicate = firstAnswers.at(-1)!
  const form = { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }
  const routes: Route[] = [
    {
      name: 'D1 floor',
      request: 'GET /healthz',
      learner: false,
      status: 200,
      send: () => ({ path: '/healthz' }),
    },
    { name: 'Quiz list', request: 'GET /', learner: true, status: 200, send: () => ({ path: '/' }) },
    {
      name: 'Set page',
      request: 'GET /quiz/:slug',
      learner: true,
      status: 200,
      send: () => ({ path: `/quiz/${slug}` }),
    },
    {
      name: 'Start an attempt',
      request: 'POST /quiz/:slug/start',
      learner: true,
      status: 303,
      // A new anonymous learner each time, as a first visit: no attempt limit is reached.
      send: () => ({ path: `/quiz/${slug}/start`, method: 'POST', headers: form, body: '' }),
    },
    {
      name: 'Question page',
      request: 'GET /attempts/:id/q/1',
      learner: true,
      status: 200,
      send: () => ({ path: learner.questionPath, headers: cookie }),
    },
    {
      name: 'Answer (first)',
      request: 'POST /api/attempts/:id/answers',
      learner: true,
      status: 200,
      send: (index) => ({ ...firstAnswers[index % firstAnswers.length]!, method: 'POST', headers: json }),
    },
    {
      name: 'Answer (duplicate)',
      request: 'POST /api/attempts/:id/answers',
      learner: true,
      status: 200,
      send: () => ({ ...duplicate, method: 'POST', headers: json }),
    },
    {
      name: 'Results page',
      request: 'GET /attempts/:id/results',
      learner: true,
      status: 200,
      send: () => ({ path: `/attempts/${completed.id}/results`, headers: cookie }),
    },
    {
      name: 'Practice',
      request: 'GET /practice',
      learner: true,
      status: 200,
      send: () => ({ path: '/practice', headers: cookie }),
    },
    {
      name: 'Progress',
      request: 'GET /progress',
      learner: true,
      status: 200,
      send: () => ({ path: '/progress', headers: cookie }),
    },
  ]

  const inspector = await Inspector.connect(options.inspectorPort, 'cited')
  try {
    await inspector.enableProfiler(SAMPLING_MICROS)
    const measured: CpuRoute[] = []
    for (const route of routes) {
      const times: number[] = []
      const unexpected: Record<string, number> = {}
      for (let index = 0; index < warmUp + requests; index++) {
        const { result: status, cpuMs } = await inspector.profile(() =>
          sendRequest(origin, route.send(index)),
        )
        if (status !== route.status) unexpected[status] = (unexpected[status] ?? 0) + 1
        if (index >= warmUp) times.push(cpuMs)
      }
      times.sort((a, b) => a - b)
      const result: CpuRoute = {
        name: route.name,
        request: route.request,
        learner: route.learner,
        requests,
        medianMs: round2(quantile(times, 0.5)),
        p95Ms: round2(quantile(times, 0.95)),
        maxMs: round2(times.at(-1) ?? Number.NaN),
        unexpected,
      }
      measured.push(result)
      const odd = Object.keys(unexpected).length ? `  unexpected statuses ${JSON.stringify(unexpected)}` : ''
      console.log(
        `  ${route.name.padEnd(20)} median ${result.medianMs.toFixed(2)} ms  p95 ${result.p95Ms.toFixed(2)} ms  max ${result.maxMs.toFixed(2)} ms${odd}`,
      )
    }
    return { samplingMicros: SAMPLING_MICROS, requestsPerRoute: requests, routes: measured }
  } finally {
    inspector.close()
  }
}

async function sendRequest(origin: string, request: Send): Promise<number> {
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
  })
  await response.arrayBuffer()
  return response.status
}
