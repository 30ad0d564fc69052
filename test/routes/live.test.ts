import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { LiveRoom } from '../../src/rooms/live-room'
import { Browser, correctAnswer, expectPage, keysIn, setOf, wrongAnswer } from '../support/helpers'
import {
  hostSocket,
  joinAs,
  type Message,
  playerSocket,
  RoomSocket,
  startSession,
} from '../support/live-helpers'

const SLUG = 'tokayev-at-spief'
const questions = setOf(SLUG).questions
const savedAttempts = async (id: string) =>
  (
    await env.DB.prepare('select count(*) as n from attempts where live_session_id = ?')
      .bind(id)
      .first<{ n: number }>()
  )?.n ?? 0

async function eventually(check: () => Promise<boolean>, ms = 3000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const roomStub = (id: string) => env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(id))

/** Keys a question view may carry before the question closes: no key, explanation or evidence. */
const QUESTION_KEYS = new Set([
  'v',
  't',
  'you',
  'id',
  'nickname',
  'score',
  'rank',
  'players',
  'answered',
  'q',
  'total',
  'question',
  'prompt',
  'type',
  'choices',
  'text',
  'items',
  'lefts',
  'rights',
  'unit',
  'remainingMs',
  'allowedMs',
  'paused',
  'title',
  'pin',
  'locked',
  'playerCount',
])

describe('joining a live session', () => {
  it('seats a player with a nickname and refuses the same nickname however it is written', async () => {
    const { pin } = await startSession(SLUG)
    const { response } = await joinAs(pin, 'Ana')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/live/${pin}`)
    const taken = await joinAs(pin, '  ÁNA ')
    const html = await expectPage(taken.response, 409)
    expect(html).toContain('already called')
    // What the player typed comes back with the error.
    expect(html).toContain('value="  ÁNA "')
  })

  it('refuses a blocked, empty or too long nickname, and a wrong PIN', async () => {
    const { pin } = await startSession(SLUG)
    expect((await joinAs(pin, 'ShitHead')).response.status).toBe(400)
    expect((await joinAs(pin, '   ')).response.status).toBe(400)
    expect((await joinAs(pin, 'x'.repeat(21))).response.status).toBe(400)
    const wrong = pin === '999999' ? '999998' : '999999'
    expect((await joinAs(wrong, 'Bo')).response.status).toBe(404)
  })

  it('blocks an address after too many wrong PINs', async () => {
    const phone = new Browser()
    let last = 0
    for (let i = 0; i < 31; i++) {
      const response = await phone.postForm(
        '/live',
        { pin: '000000', nickname: 'Bo' },
        { 'cf-connecting-ip': '203.0.113.9' },
      )
      last = response.status
      if (i === 30) expect(await response.text()).toContain('Too many wrong PINs')
    }
    expect(last).toBe(404)
  })

  it('lets the host lock the room and remove a player', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Cara')
    const player = await playerSocket(phone, pin)
    const welcome = await player.nextOf('lobby')
    const hostWs = await hostSocket(host, id)
    await hostWs.nextOf('lobby')
    hostWs.send({ v: 1, t: 'lock' })
    await hostWs.next((message) => message.t === 'lobby' && message.locked === true)
    const refused = await joinAs(pin, 'Dev')
    expect(await expectPage(refused.response, 403)).toContain('locked')
    hostWs.send({ v: 1, t: 'remove', player: (welcome.you as { id: string }).id })
    await player.nextOf('removed')
    expect((await player.waitClosed()).code).toBe(4001)
    const page = await phone.get(`/live/${pin}`)
    expect(await expectPage(page, 200)).toContain('removed you')
  })
})

describe('playing', () => {
  it('takes one answer per question: a resend gets the same ack and scores once', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Eve')
    const { phone: other } = await joinAs(pin, 'Finn')
    const player = await playerSocket(phone, pin)
    await player.nextOf('lobby')
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const view = await player.nextOf('question')
    const question = view.question as { id: string }
    const answer = correctAnswer(questions[0] as (typeof questions)[number], question.id)
    player.send({ v: 1, t: 'answer', q: 0, answer, id: 'm1' })
    const firstAck = await player.nextOf('ack')
    // The same message again (a resend after a blip), then a different answer: both get the first one's ack.
    player.send({ v: 1, t: 'answer', q: 0, answer, id: 'm1' })
    player.send({
      v: 1,
      t: 'answer',
      q: 0,
      answer: wrongAnswer(questions[0] as (typeof questions)[number], question.id),
      id: 'm2',
    })
    const acks = [firstAck, await player.nextOf('ack'), await player.nextOf('ack')]
    expect(acks.map((ack) => ack.duplicate)).toEqual([false, true, true])
    expect(acks.map((ack) => ack.id)).toEqual(['m1', 'm1', 'm1'])
    expect((await hostWs.nextOf('answered')).count).toBe(1)
    hostWs.send({ v: 1, t: 'next' })
    const reveal = await player.nextOf('reveal')
    const result = reveal.result as { correct: boolean; points: number }
    expect(result.correct).toBe(true)
    expect(result.points).toBeGreaterThan(500)
    expect(result.points).toBeLessThanOrEqual(1000)
    expect((reveal.you as { score: number }).score).toBe(result.points)
    // The other player never answered: no points, and the page without JavaScript says so.
    expect(await expectPage(await other.get(`/live/${pin}`), 200)).toContain('No answer this time')
  })

  it('refuses an answer once the question has closed', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Gus')
    const player = await playerSocket(phone, pin)
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const view = await player.nextOf('question')
    hostWs.send({ v: 1, t: 'next' })
    await player.nextOf('reveal')
    const question = view.question as { id: string }
    player.send({
      v: 1,
      t: 'answer',
      q: 0,
      answer: correctAnswer(questions[0] as (typeof questions)[number], question.id),
    })
    const refused = await player.nextOf('error')
    expect(refused.code).toBe('late')
  })

  it('never sends the key, explanation or source before the question closes', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Hana')
    const player = await playerSocket(phone, pin)
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const seen: Message[] = [await player.nextOf('question'), await hostWs.nextOf('question')]
    const page = await expectPage(await phone.get(`/live/${pin}`), 200)
    const first = questions[0] as (typeof questions)[number]
    for (const message of seen) {
      expect([...keysIn(message)].filter((key) => !QUESTION_KEYS.has(key))).toEqual([])
      const text = JSON.stringify(message)
      expect(text).not.toContain(first.explanation.slice(0, 40))
      expect(text).not.toContain((first.evidence[0]?.quote ?? '').slice(0, 30))
      expect(text).not.toContain(`"${first.id}"`)
    }
    expect(page).not.toContain(first.explanation.slice(0, 40))
    expect(page).not.toContain((first.evidence[0]?.quote ?? '').slice(0, 30).replace(/"/g, '&quot;'))
    hostWs.send({ v: 1, t: 'next' })
    const reveal = await player.nextOf('reveal')
    expect(JSON.stringify(reveal)).toContain(first.explanation.slice(0, 40))
  })

  it('refuses host controls from a player socket, even one claiming to be the host', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Ivo')
    const player = await playerSocket(phone, pin)
    await player.nextOf('lobby')
    for (const t of ['start', 'next', 'end', 'lock']) {
      player.send({ v: 1, t })
      expect((await player.nextOf('error')).code).toBe('host-only')
    }
    player.send({ v: 1, t: 'remove', player: 'x' })
    expect((await player.nextOf('error')).code).toBe('host-only')
    // A player's upgrade cannot promote itself with the header the studio route sets.
    const forged = await RoomSocket.open(phone, `/live/${pin}/ws`, { 'x-live-role': 'host' })
    forged.send({ v: 1, t: 'start' })
    expect((await forged.nextOf('error')).code).toBe('host-only')
    // And the host socket needs the owner's session.
    const stranger = await new Browser().fetch(`/studio/live/${id}/ws`, { headers: { upgrade: 'websocket' } })
    expect(stranger.status).not.toBe(101)
    const hostWs = await hostSocket(host, id)
    expect((await hostWs.nextOf('lobby')).t).toBe('lobby')
  })

  it('gives a player who dropped off the same seat, nickname and points on rejoining', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Jo')
    // A second player who does not answer keeps the question open until the host moves on.
    await joinAs(pin, 'Quiet')
    const first = await playerSocket(phone, pin)
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const view = await first.nextOf('question')
    const question = view.question as { id: string }
    first.send({
      v: 1,
      t: 'answer',
      q: 0,
      answer: correctAnswer(questions[0] as (typeof questions)[number], question.id),
      id: 'a',
    })
    await first.nextOf('ack')
    first.close()
    hostWs.send({ v: 1, t: 'next' })
    await hostWs.nextOf('reveal')
    const again = await playerSocket(phone, pin)
    const back = await again.nextOf('reveal')
    const you = back.you as { nickname: string; score: number }
    expect(you.nickname).toBe('Jo')
    expect(you.score).toBeGreaterThan(0)
    // Typing the PIN again on the same device leads back to the same seat, not a new one.
    const rejoin = await joinAs(pin, 'Someone Else', phone)
    expect(rejoin.response.headers.get('location')).toBe(`/live/${pin}`)
    const count = await runInDurableObject(
      roomStub(id),
      (_room: LiveRoom, state) =>
        state.storage.sql.exec<{ n: number }>('select count(*) as n from players').one().n,
    )
    expect(count).toBe(2)
  })

  it('plays without JavaScript: the page reloads itself and answers go by form post', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Kai')
    const lobby = await expectPage(await phone.get(`/live/${pin}`), 200)
    expect(lobby).toMatch(/<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/)
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    await hostWs.nextOf('question')
    const page = await expectPage(await phone.get(`/live/${pin}`), 200)
    expect(page).toContain(`action="/live/${pin}/answer"`)
    const first = questions[0] as (typeof questions)[number]
    expect(first.type).toBe('multiple')
    const props = JSON.parse(
      (/data-props="([^"]*)"/.exec(page)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    ) as { view: { question: { id: string } } }
    const answer = correctAnswer(first, props.view.question.id) as { choices: string[] }
    const posted = await phone.postForm(`/live/${pin}/answer`, { q: '0', choice: answer.choices })
    expect(posted.headers.get('location')).toBe(`/live/${pin}?answer=received`)
    // The only player has answered: the question closes by itself.
    await hostWs.nextOf('reveal')
    const reveal = await expectPage(await phone.get(`/live/${pin}`), 200)
    expect(reveal).toContain('Right!')
    const late = await phone.postForm(`/live/${pin}/answer`, { q: '0', choice: answer.choices })
    expect(late.headers.get('location')).toBe(`/live/${pin}?answer=late`)
  })
})

describe('after the session', () => {
  it('stores the results as live attempts and responses in D1', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Lu')
    const player = await playerSocket(phone, pin)
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const view = await player.nextOf('question')
    const question = view.question as { id: string }
    player.send({
      v: 1,
      t: 'answer',
      q: 0,
      answer: correctAnswer(questions[0] as (typeof questions)[number], question.id),
    })
    await player.nextOf('reveal')
    hostWs.send({ v: 1, t: 'end' })
    await player.nextOf('podium')
    // The room saves from its alarm, due now: run it, or wait for the run already under way.
    await runDurableObjectAlarm(roomStub(id))
    await eventually(async () => (await savedAttempts(id)) > 0)
    const attempt = await env.DB.prepare(
      'select a.id, a.score, a.answered_count, a.completed_at, l.display_name from attempts a join learners l on l.id = a.learner_id where a.live_session_id = ?',
    )
      .bind(id)
      .first<{
        id: string
        score: number
        answered_count: number
        completed_at: number
        display_name: string
      }>()
    expect(attempt).toMatchObject({ score: 1, answered_count: 1, display_name: 'Lu' })
    expect(attempt?.completed_at).toBeGreaterThan(0)
    const responses = await env.DB.prepare('select question_id, correct from responses where attempt_id = ?')
      .bind(attempt?.id ?? '')
      .all<{ question_id: string; correct: number }>()
    expect(responses.results).toEqual([
      { question_id: (questions[0] as (typeof questions)[number]).id, correct: 1 },
    ])
  })

  it('expires: screens are told and closed, results saved, the PIN opens nothing', async () => {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Mo')
    const player = await playerSocket(phone, pin)
    await player.nextOf('lobby')
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    await player.nextOf('question')
    await runInDurableObject(roomStub(id), (room: LiveRoom) => {
      ;(room as unknown as { meta: { expiresAt: number } }).meta.expiresAt = Date.now() - 1
    })
    await env.DB.prepare('update live_sessions set expires_at = ? where id = ?')
      .bind(Date.now() - 1, id)
      .run()
    await runDurableObjectAlarm(roomStub(id))
    expect((await player.waitClosed()).code).toBe(4000)
    await eventually(async () => (await savedAttempts(id)) === 1)
    expect((await joinAs(pin, 'Nia')).response.status).toBe(404)
    expect((await roomStub(id).join('Nia')).ok).toBe(false)
  })
})

describe('the studio', () => {
  it('links to live sessions from the dashboard and lists bank sets to start', async () => {
    const { host } = await startSession(SLUG)
    expect(await expectPage(await host.get('/studio'), 200)).toContain('href="/studio/live"')
    const page = await expectPage(await host.get('/studio/live'), 200)
    expect(page).toContain(`value="${SLUG}"`)
  })

  it('leaves passage (cloze) questions out of the room, and says why on the start page', async () => {
    expect(questions.some((question) => question.type === 'cloze')).toBe(true)
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Gia')
    const player = await playerSocket(phone, pin)
    await player.nextOf('lobby')
    const hostWs = await hostSocket(host, id)
    hostWs.send({ v: 1, t: 'start' })
    const view = await player.nextOf('question')
    expect(view.total).toBe(questions.filter((question) => question.type !== 'cloze').length)
    const page = await expectPage(await host.get('/studio/live'), 200)
    expect(page).toContain('Passage questions (gaps to fill in) are left out of live sessions')
  })

  it('refuses to start a set that is neither the instructor’s published set nor a bank set', async () => {
    const { host } = await startSession(SLUG)
    const response = await host.postForm('/studio/live', { set: 'no-such-set', seconds: '20' })
    expect(response.status).toBe(404)
    const tooShort = await host.postForm('/studio/live', { set: SLUG, seconds: '1' })
    expect(tooShort.status).toBe(400)
  })
})

describe('first answer wins under a burst', () => {
  const first = questions[0] as (typeof questions)[number]

  /** A room with two players (so one answer does not close the question) and its first question open. */
  async function openQuestion() {
    const { host, id, pin } = await startSession(SLUG)
    const { phone } = await joinAs(pin, 'Racer')
    await joinAs(pin, 'Idle')
    const hostWs = await hostSocket(host, id)
    await hostWs.nextOf('lobby')
    hostWs.send({ v: 1, t: 'start' })
    await hostWs.nextOf('question')
    const html = await expectPage(await phone.get(`/live/${pin}`), 200)
    const props = JSON.parse(
      (/data-props="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    ) as { view: { question: { id: string } } }
    const publicId = props.view.question.id
    return {
      id,
      pin,
      phone,
      hostWs,
      right: correctAnswer(first, publicId),
      wrong: wrongAnswer(first, publicId),
    }
  }

  const storedAnswer = (id: string) =>
    runInDurableObject(roomStub(id), (_room: LiveRoom, state) =>
      state.storage.sql
        .exec<{ correct: number; message_id: string | null }>('select correct, message_id from answers')
        .toArray(),
    )

  it('keeps the first of two different answers sent back to back, resends in parallel included', async () => {
    const { id, pin, phone, right, wrong } = await openQuestion()
    // As the player page does: hello, the welcome, then the answers at once, no ack awaited in between.
    const player = await playerSocket(phone, pin)
    await player.nextOf('question')
    player.send({ v: 1, t: 'answer', q: 0, answer: right, id: 'first' })
    player.send({ v: 1, t: 'answer', q: 0, answer: wrong, id: 'second' })
    for (let i = 0; i < 5; i++) player.send({ v: 1, t: 'answer', q: 0, answer: right, id: 'first' })
    const acks: Message[] = []
    for (let i = 0; i < 7; i++) acks.push(await player.nextOf('ack'))
    expect(player.messages.filter((message) => message.t === 'error')).toEqual([])
    expect(acks.map((ack) => ack.id)).toEqual(Array(7).fill('first'))
    expect(acks.map((ack) => ack.duplicate)).toEqual([false, ...Array(6).fill(true)])
    const rows = await storedAnswer(id)
    expect(rows).toEqual([{ correct: 1, message_id: 'first' }])
  })

  it('keeps the first answer when two sockets of the same seat send different answers at once', async () => {
    const { id, pin, phone, hostWs, right, wrong } = await openQuestion()
    expect(right).not.toEqual(wrong)
    const a = await playerSocket(phone, pin)
    await a.nextOf('question')
    // A second socket of the same seat (a second tab, or a reconnect while the old socket lingers).
    const b = await playerSocket(phone, pin)
    await b.nextOf('question')
    a.send({ v: 1, t: 'answer', q: 0, answer: right, id: 'a1' })
    b.send({ v: 1, t: 'answer', q: 0, answer: wrong, id: 'b1' })
    a.send({ v: 1, t: 'answer', q: 0, answer: wrong, id: 'a2' })
    for (let i = 0; i < 3; i++) {
      a.send({ v: 1, t: 'answer', q: 0, answer: right, id: 'a1' })
      b.send({ v: 1, t: 'answer', q: 0, answer: wrong, id: 'b1' })
    }
    const acksA: Message[] = []
    const acksB: Message[] = []
    for (let i = 0; i < 5; i++) acksA.push(await a.nextOf('ack'))
    for (let i = 0; i < 4; i++) acksB.push(await b.nextOf('ack'))
    expect([...a.messages, ...b.messages].filter((message) => message.t === 'error')).toEqual([])
    // Two connections have no order between them: whichever answer reached the room first (a1 or
    // b1; a2 follows a1 on its socket) is the one stored, and every ack on both sockets names it.
    const [stored] = await storedAnswer(id)
    expect(['a1', 'b1']).toContain(stored?.message_id)
    expect(await storedAnswer(id)).toHaveLength(1)
    expect([...acksA, ...acksB].map((ack) => ack.id)).toEqual(Array(9).fill(stored?.message_id))
    expect([...acksA, ...acksB].filter((ack) => ack.duplicate === false)).toHaveLength(1)
    expect((await hostWs.nextOf('answered')).count).toBe(1)
    hostWs.send({ v: 1, t: 'next' })
    const result = (await a.nextOf('reveal')).result as { correct: boolean }
    expect(result.correct).toBe(stored?.message_id === 'a1')
  })
})
