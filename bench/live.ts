/**
 * `npm run bench:live -- --players N [--questions 5] [--url http://127.0.0.1:8787]`:
 * a live room of N simulated players (real WebSocket clients) played through
 * `--questions` questions of a bank set against a running app (`--url`) or one
 * it starts on its own port and D1 state (`--port`, 8796; .wrangler/bench-live). Prints:
 *   join p99 ms               join form post to the lobby view on the player's socket
 *   question fan-out p99 ms   the host's "next" to a player having the question (and the last player)
 *   answer ack p99 ms         an answer sent to its ack
 *   lost answers              answers sent that were never acknowledged (must be 0)
 * Node 20's WebSocket is behind --experimental-websocket, which the npm script sets.
 */
import { mkdirSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { prepareApp, type Server, startServer } from './server'

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '200' },
    questions: { type: 'string', default: '5' },
    url: { type: 'string' },
    set: { type: 'string', default: 'tokayev-at-spief' },
    concurrency: { type: 'string', default: '50' },
    port: { type: 'string', default: '8796' },
  },
})
const players = Number(values.players)
const questionCount = Number(values.questions)
const concurrency = Number(values.concurrency)
if (!Number.isInteger(players) || players < 1 || !Number.isInteger(questionCount) || questionCount < 1) {
  console.error('Usage: npm run bench:live -- --players N [--questions 5] [--url ORIGIN]')
  process.exit(2)
}

type Message = { t: string } & Record<string, unknown>
type PublicQuestion = {
  type: string
  choices?: { id: string }[]
  items?: { id: string }[]
  lefts?: { id: string }[]
  rights?: { id: string }[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN
}

/** Cookies from a response's Set-Cookie headers. */
function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const split = pair.indexOf('=')
    jar.set(pair.slice(0, split).trim(), pair.slice(split + 1).trim())
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

async function postForm(origin: string, path: string, fields: Record<string, string>, cookie = '') {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  })
}

/** An answer any question accepts (right or not does not matter here). */
function anyAnswer(question: PublicQuestion): unknown {
  const pick = <T>(list: T[] | undefined) => list?.[Math.floor(Math.random() * list.length)]
  switch (question.type) {
    case 'single':
      return { choice: pick(question.choices)?.id }
    case 'multiple':
      return { choices: [pick(question.choices)?.id] }
    case 'true_false':
      return { value: Math.random() < 0.5 }
    case 'numeric':
      return { value: 1 }
    case 'ordering':
      return { order: question.items?.map((item) => item.id) }
    case 'matching':
      return {
        matches: Object.fromEntries(
          (question.lefts ?? []).map((left, i) => [left.id, question.rights?.[i]?.id]),
        ),
      }
    default:
      return { text: 'answer' }
  }
}

/** Opens a socket and resolves once it is open. */
function openSocket(url: string, headers?: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // Node's WebSocket (undici) takes headers as an extension of the constructor's options.
    const ws = headers ? new WebSocket(url, { headers } as unknown as string[]) : new WebSocket(url)
    ws.addEventListener('open', () => resolve(ws), { once: true })
    ws.addEventListener('error', () => reject(new Error(`WebSocket to ${url} failed`)), { once: true })
  })
}

async function runPool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    }),
  )
  return results
}

let server: Server | null = null
let origin = values.url?.replace(/\/$/, '')
if (!origin) {
  mkdirSync('bench/results', { recursive: true })
  prepareApp('.wrangler/bench-live')
  server = await startServer({
    port: Number(values.port),
    stateDir: '.wrangler/bench-live',
    logFile: 'bench/results/live-dev.log',
  })
  origin = server.origin
}
const wsOrigin = origin.replace(/^http/, 'ws')

try {
  // An instructor, signed in.
  const hostJar = new Map<string, string>()
  const email = `bench-live-${Date.now()}@cited.invalid`
  const password = 'maple river lantern 42'
  await postForm(origin, '/studio/signup', { email, password, confirm: password })
  const signedIn = await postForm(origin, '/studio/signin', { email, password })
  const hostCookie = cookiesOf(signedIn, hostJar)
  const started = await postForm(origin, '/studio/live', { set: values.set ?? '', seconds: '60' }, hostCookie)
  const sessionPath = started.headers.get('location') ?? ''
  if (started.status !== 303 || !sessionPath.startsWith('/studio/live/'))
    throw new Error(`could not start a live session (${started.status} ${sessionPath})`)
  const hostPage = await (await fetch(`${origin}${sessionPath}`, { headers: { cookie: hostCookie } })).text()
  const pin = /PIN <strong>(\d{6})<\/strong>/.exec(hostPage)?.[1]
  if (!pin) throw new Error('no PIN on the host screen')
  const host = await openSocket(`${wsOrigin}${sessionPath}/ws`, { cookie: hostCookie, origin })
  const hostMessages: Message[] = []
  let hostWake: (() => void) | null = null
  host.addEventListener('message', (event) => {
    hostMessages.push(JSON.parse(String(event.data)) as Message)
    hostWake?.()
  })
  const hostWaitFor = async (match: (message: Message) => boolean, ms = 120_000) => {
    const deadline = Date.now() + ms
    for (;;) {
      const found = hostMessages.findIndex(match)
      if (found >= 0) return hostMessages.splice(0, found + 1).pop() as Message
      if (Date.now() > deadline) throw new Error('the host screen did not get the expected view')
      await new Promise<void>((resolve) => {
        hostWake = resolve
        setTimeout(resolve, 250)
      })
    }
  }

  console.log(`live room ${pin}: ${players} players joining (${concurrency} at a time)`)
  const joinMs: number[] = []
  const fanOut: number[][] = Array.from({ length: questionCount }, () => [])
  const ackMs: number[] = []
  let sent = 0
  let acked = 0
  const openedAt: number[] = []
  const sockets = await runPool(players, concurrency, async (index) => {
    const begin = performance.now()
    const jar = new Map<string, string>()
    const joined = await postForm(origin, '/live', { pin, nickname: `Player ${index + 1}` })
    cookiesOf(joined, jar)
    const seat = jar.get('cited_live') ?? ''
    if (joined.status !== 303 || !seat)
      throw new Error(`player ${index + 1} could not join (${joined.status})`)
    const token = seat.slice(seat.indexOf('.') + 1)
    const ws = await openSocket(`${wsOrigin}/live/${pin}/ws`)
    const inLobby = new Promise<void>((resolve) => {
      const pending = new Map<string, number>()
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as Message
        const now = performance.now()
        if (message.t === 'lobby') resolve()
        else if (message.t === 'question' && !message.answered) {
          const q = message.q as number
          const opened = openedAt[q]
          if (opened !== undefined && fanOut[q]) fanOut[q].push(now - opened)
          // Players answer within the first seconds, as a room does.
          setTimeout(() => {
            const id = `${index}-${q}`
            pending.set(id, performance.now())
            sent++
            ws.send(
              JSON.stringify({
                v: 1,
                t: 'answer',
                q,
                answer: anyAnswer(message.question as PublicQuestion),
                id,
              }),
            )
          }, Math.random() * 2000)
        } else if (message.t === 'ack') {
          const sentAt = pending.get(String(message.id))
          if (sentAt !== undefined) {
            pending.delete(String(message.id))
            ackMs.push(now - sentAt)
            acked++
          }
        }
      })
    })
    ws.send(JSON.stringify({ v: 1, t: 'hello', token }))
    await inLobby
    joinMs.push(performance.now() - begin)
    return ws
  })

  for (let q = 0; q < questionCount; q++) {
    openedAt[q] = performance.now()
    host.send(JSON.stringify({ v: 1, t: q === 0 ? 'start' : 'next' }))
    // Everyone answers, so the question closes by itself.
    await hostWaitFor((message) => message.t === 'reveal' && message.q === q)
    host.send(JSON.stringify({ v: 1, t: 'next' }))
    await hostWaitFor((message) => message.t === 'leaderboard')
  }
  await sleep(500)
  host.send(JSON.stringify({ v: 1, t: 'end' }))
  await hostWaitFor((message) => message.t === 'podium')

  const fanOutP99 = fanOut.map(p99)
  const fanOutLast = fanOut.map((list) => Math.max(...list))
  console.log(`players ${players}, questions ${questionCount}`)
  console.log(`join p99 ms ${p99(joinMs).toFixed(0)}`)
  console.log(
    `question fan-out p99 ms ${Math.max(...fanOutP99).toFixed(0)} (last player: ${Math.max(...fanOutLast).toFixed(0)})`,
  )
  console.log(`answer ack p99 ms ${p99(ackMs).toFixed(0)}`)
  console.log(`lost answers ${sent - acked} (of ${sent})`)
  console.log('room CPU time per question: not measurable under wrangler dev')
  for (const ws of sockets) ws.close()
  host.close()
  if (sent !== acked) process.exitCode = 1
} finally {
  await server?.stop()
}
