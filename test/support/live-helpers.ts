import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { Browser } from './helpers'
import { freshEmail, InstructorBrowser } from './studio-helpers'

/** A message from the room, as JSON. */
export type Message = { v: number; t: string } & Record<string, unknown>

/** A WebSocket to the room, opened through the Worker as a browser would, with its messages kept in order. */
export class RoomSocket {
  readonly messages: Message[] = []
  closed: { code: number; reason: string } | null = null
  private cursor = 0
  private wake: (() => void) | null = null

  private constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      this.messages.push(JSON.parse(String(event.data)) as Message)
      this.wake?.()
    })
    ws.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason }
      this.wake?.()
    })
  }

  static async open(
    browser: Browser,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<RoomSocket> {
    const response = await browser.fetch(path, { headers: { upgrade: 'websocket', ...headers } })
    expect(response.status).toBe(101)
    const ws = response.webSocket
    if (!ws) throw new Error('no WebSocket in the response')
    ws.accept()
    return new RoomSocket(ws)
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message))
  }

  /** The next message (after those already taken) that matches, waiting up to `ms`. */
  async next(match: (message: Message) => boolean = () => true, ms = 3000): Promise<Message> {
    const deadline = Date.now() + ms
    for (;;) {
      while (this.cursor < this.messages.length) {
        const message = this.messages[this.cursor++] as Message
        if (match(message)) return message
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the message came`)
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`no matching message in ${ms} ms; got ${JSON.stringify(this.messages.slice(-3))}`)
      await new Promise<void>((resolve) => {
        this.wake = resolve
        setTimeout(resolve, left)
      })
      this.wake = null
    }
  }

  /** The next message of type `t`. */
  nextOf(t: string, ms?: number): Promise<Message> {
    return this.next((message) => message.t === t, ms)
  }

  async waitClosed(ms = 3000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + ms
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    if (!this.closed) throw new Error('socket still open')
    return this.closed
  }

  close() {
    try {
      this.ws.close(1000, 'done')
    } catch {
      // already closed
    }
  }
}

/** A signed-in instructor who starts a live session of `slug`; returns the session id and PIN. */
export async function startSession(slug: string, seconds = 20, host = new InstructorBrowser()) {
  if (!host.sessionToken) await host.signUp(freshEmail('live'))
  const response = await host.postForm('/studio/live', { set: slug, seconds: String(seconds) })
  expect(response.status).toBe(303)
  const id = /^\/studio\/live\/([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1]
  if (!id) throw new Error(`start did not go to the host screen: ${response.headers.get('location')}`)
  const row = await env.DB.prepare('select pin from live_sessions where id = ?')
    .bind(id)
    .first<{ pin: string }>()
  if (!row) throw new Error('no live_sessions row')
  return { host, id, pin: row.pin }
}

/** A phone joining with a nickname through the join form; returns its browser and the response. */
export async function joinAs(pin: string, nickname: string, phone = new Browser()) {
  const response = await phone.postForm('/live', { pin, nickname })
  return { phone, response }
}

/** A joined player's socket, said hello with the seat token from the cookie. */
export async function playerSocket(phone: Browser, pin: string): Promise<RoomSocket> {
  const seat = phone.cookies.get('cited_live') ?? ''
  const token = seat.slice(seat.indexOf('.') + 1)
  const socket = await RoomSocket.open(phone, `/live/${pin}/ws`)
  socket.send({ v: 1, t: 'hello', token })
  return socket
}

export const hostSocket = (host: Browser, id: string) => RoomSocket.open(host, `/studio/live/${id}/ws`)
