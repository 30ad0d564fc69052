import { DurableObject } from 'cloudflare:workers'
import { createDb } from '../db/client'
import { type LivePlayerResult, saveLiveResults } from '../db/live-sessions'
import {
  deadlineOf,
  EXTEND_MS,
  elapsedMs,
  extendClock,
  openClock,
  pauseClock,
  type QuestionClock,
  remainingMs,
  resumeClock,
} from '../live/clock'
import { type GradedAnswer, gradeLive, type LiveItem, revealOf } from '../live/grading'
import { checkNickname } from '../live/nickname'
import {
  type HostMessage,
  type HostView,
  hostMessageSchema,
  isHostCommand,
  type LiveErrorCode,
  MAX_CLIENT_MESSAGE_BYTES,
  type Notice,
  type Phase,
  type PlayerView,
  playerMessageSchema,
  type QuestionView,
  type Reveal,
  type Standing,
  type You,
} from '../live/protocol'
import { rankPlayers, TOP } from '../live/standings'
import type { Answer } from '../quiz/answer'

/** What the Worker hands a new room (services/live-sessions.ts). */
export type RoomSetup = {
  sessionId: string
  pin: string
  title: string
  setSlug: string
  setVersion: number | null
  items: LiveItem[]
  allowedMs: number
  createdAt: number
  expiresAt: number
}

/** The room's own state besides players and answers, kept as one JSON row. */
type RoomMeta = Omit<RoomSetup, 'items'> & {
  phase: Phase
  /** The question shown or last shown (0-based); -1 in the lobby. */
  index: number
  clock: QuestionClock | null
  locked: boolean
  /** The current question's closing summary, once it closed. */
  reveal: Reveal | null
  /** Questions skipped (no points, left out of the stored results). */
  skipped: number[]
  saveDue: boolean
  saved: boolean
  expired: boolean
}

type Player = {
  id: string
  tokenHash: string
  nickname: string
  key: string
  score: number
  previousRank: number | null
  removed: boolean
  joinedAt: number
}

/** Players in leaderboard order, and each one's row by id. */
type Ranking = { rows: (Standing & { id: string })[]; byId: Map<string, Standing & { id: string }> }

type StoredAnswer = GradedAnswer & {
  playerId: string
  q: number
  points: number
  at: number
  messageId: string | null
}

/** Who a socket belongs to, kept with the socket across hibernation. */
type Seat = { role: 'host' } | { role: 'player'; playerId: string | null }

export type JoinResult =
  | { ok: true; playerId: string; token: string }
  | { ok: false; code: 'nickname' | 'taken' | 'locked' | 'closed'; message: string }

export type FormAnswerResult =
  | { ok: true; duplicate: boolean }
  | { ok: false; code: LiveErrorCode; message: string }

/** How often at most the host's lobby list is resent while players pour in. */
const HOST_LOBBY_THROTTLE_MS = 250

const encoder = new TextEncoder()

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/**
 * One live session: a Durable Object holding the questions (keys included),
 * the players and their answers in its SQLite storage, every screen on a
 * hibernatable WebSocket, and one alarm for the question timer, saving the
 * results and the room's expiry. The Worker reaches it by the session id
 * (`LIVE_ROOM.idFromName(id)`) after checking who is calling: a host socket
 * arrives with `x-live-role: host` set by the studio route, never by a player.
 */
export class LiveRoom extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private meta: RoomMeta | null = null
  private items: LiveItem[] = []
  private readonly players = new Map<string, Player>()
  private readonly playerByKey = new Map<string, string>()
  private readonly playerByToken = new Map<string, string>()
  /** Answers to the current question, by player. */
  private answers = new Map<string, StoredAnswer>()
  private hostLobbyTimer: ReturnType<typeof setTimeout> | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`create table if not exists meta (k text primary key, v text not null);
      create table if not exists items (q integer primary key, body text not null);
      create table if not exists players (id text primary key, token_hash text not null unique,
        nickname text not null, nickname_key text not null unique, score integer not null default 0,
        previous_rank integer, removed integer not null default 0, joined_at integer not null);
      create table if not exists answers (player_id text not null, q integer not null, answer text not null,
        credit real not null, correct integer not null, points integer not null, at integer not null,
        message_id text, primary key (player_id, q));`)
    this.load()
  }

  /** Rebuilds the in-memory state from storage: after hibernation the object is constructed afresh. */
  private load() {
    const [metaRow] = this.sql.exec<{ v: string }>(`select v from meta where k = 'room'`).toArray()
    if (!metaRow) return
    this.meta = JSON.parse(metaRow.v) as RoomMeta
    this.items = this.sql
      .exec<{ body: string }>('select body from items order by q')
      .toArray()
      .map((row) => JSON.parse(row.body) as LiveItem)
    for (const row of this.sql.exec<{
      id: string
      token_hash: string
      nickname: string
      nickname_key: string
      score: number
      previous_rank: number | null
      removed: number
      joined_at: number
    }>('select * from players')) {
      this.remember({
        id: row.id,
        tokenHash: row.token_hash,
        nickname: row.nickname,
        key: row.nickname_key,
        score: row.score,
        previousRank: row.previous_rank,
        removed: row.removed === 1,
        joinedAt: row.joined_at,
      })
    }
    this.answers = new Map(this.answersTo(this.meta.index).map((answer) => [answer.playerId, answer]))
  }

  private remember(player: Player) {
    this.players.set(player.id, player)
    this.playerByKey.set(player.key, player.id)
    this.playerByToken.set(player.tokenHash, player.id)
  }

  private answersTo(q: number): StoredAnswer[] {
    return this.sql
      .exec<{
        player_id: string
        q: number
        answer: string
        credit: number
        correct: number
        points: number
        at: number
        message_id: string | null
      }>('select * from answers where q = ?', q)
      .toArray()
      .map((row) => ({
        playerId: row.player_id,
        q: row.q,
        answer: JSON.parse(row.answer) as Answer,
        credit: row.credit,
        correct: row.correct === 1,
        points: row.points,
        at: row.at,
        messageId: row.message_id,
      }))
  }

  private saveMeta() {
    if (this.meta)
      this.sql.exec(`insert or replace into meta (k, v) values ('room', ?)`, JSON.stringify(this.meta))
  }

  /** The room's one alarm: the open question's deadline, a pending save, or the room's expiry. */
  private async scheduleAlarm() {
    const meta = this.meta
    if (!meta) return
    const times = [meta.expiresAt]
    if (meta.saveDue) times.push(Date.now())
    if (meta.phase === 'question' && meta.clock) {
      const deadline = deadlineOf(meta.clock)
      if (deadline !== null) times.push(deadline)
    }
    await this.ctx.storage.setAlarm(Math.min(...times))
  }

  // ---- RPC from the Worker ----

  /** Sets the room up once; later calls (a retried start) change nothing. */
  async setUp(setup: RoomSetup): Promise<void> {
    if (this.meta) return
    const { items, ...rest } = setup
    this.meta = {
      ...rest,
      phase: 'lobby',
      index: -1,
      clock: null,
      locked: false,
      reveal: null,
      skipped: [],
      saveDue: false,
      saved: false,
      expired: false,
    }
    this.items = items
    this.ctx.storage.transactionSync(() => {
      items.forEach((item, q) => {
        this.sql.exec('insert into items (q, body) values (?, ?)', q, JSON.stringify(item))
      })
      this.saveMeta()
    })
    await this.scheduleAlarm()
  }

  /** A new player takes a seat: a unique nickname, unless the room is locked or over. */
  async join(typed: string): Promise<JoinResult> {
    const meta = this.meta
    if (!meta || meta.expired || meta.phase === 'ended' || meta.phase === 'podium')
      return { ok: false, code: 'closed', message: 'This live session has ended.' }
    if (meta.locked)
      return { ok: false, code: 'locked', message: 'The host has locked this room: no new players.' }
    const checked = checkNickname(typed)
    if (!checked.ok) return { ok: false, code: 'nickname', message: checked.message }
    if (this.playerByKey.has(checked.key))
      return {
        ok: false,
        code: 'taken',
        message: `Someone in this room is already called ${checked.nickname}.`,
      }
    const token = randomToken()
    const player: Player = {
      id: crypto.randomUUID().slice(0, 12),
      tokenHash: await sha256(token),
      nickname: checked.nickname,
      key: checked.key,
      score: 0,
      previousRank: null,
      removed: false,
      joinedAt: Date.now(),
    }
    // The await above may have let another join take the name meanwhile.
    if (this.playerByKey.has(checked.key))
      return {
        ok: false,
        code: 'taken',
        message: `Someone in this room is already called ${checked.nickname}.`,
      }
    this.sql.exec(
      'insert into players (id, token_hash, nickname, nickname_key, joined_at) values (?, ?, ?, ?, ?)',
      player.id,
      player.tokenHash,
      player.nickname,
      player.key,
      player.joinedAt,
    )
    this.remember(player)
    this.refreshHostLobby()
    return { ok: true, playerId: player.id, token }
  }

  /**
   * The player a token names (removed players included), or null. Hashing is
   * a WebCrypto promise, which the object's input gate does not cover: the
   * room holds its other events back meanwhile, so a message sent straight
   * after a hello (the player page resends its pending answer so) is handled
   * after it, with its seat known, never before it or between its steps.
   */
  private playerOf(token: string): Promise<Player | null> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const id = this.playerByToken.get(await sha256(token))
      return (id && this.players.get(id)) || null
    })
  }

  /** What a player's screen shows now (the no-JavaScript page renders it); null for an unknown token. */
  async viewFor(token: string): Promise<PlayerView | { v: 1; t: 'removed' } | null> {
    const player = await this.playerOf(token)
    if (!player) return null
    if (player.removed) return { v: 1, t: 'removed' }
    return this.playerView(player, this.ranking())
  }

  /** An answer from the no-JavaScript page's form. */
  async answerFromForm(token: string, q: number, raw: unknown): Promise<FormAnswerResult> {
    const player = await this.playerOf(token)
    if (!player || player.removed)
      return { ok: false, code: 'bad-token', message: 'You are not in this room.' }
    const notice = this.submitAnswer(player, q, raw, null)
    return notice.t === 'ack'
      ? { ok: true, duplicate: notice.duplicate }
      : { ok: false, code: notice.code, message: notice.message }
  }

  /** The host screen's first view, rendered on the server. */
  async hostSnapshot(): Promise<HostView | null> {
    return this.meta ? this.hostView() : null
  }

  /** WebSocket upgrades; the Worker has checked who the caller is and says so in `x-live-role`. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return new Response('Expected a WebSocket upgrade', { status: 426 })
    if (!this.meta || this.meta.expired) return new Response('This live session has ended', { status: 410 })
    const role = request.headers.get('x-live-role') === 'host' ? 'host' : 'player'
    const pair = new WebSocketPair()
    const [client, server] = [pair[0], pair[1]]
    this.ctx.acceptWebSocket(server, [role])
    const seat: Seat = role === 'host' ? { role } : { role, playerId: null }
    server.serializeAttachment(seat)
    if (role === 'host') server.send(JSON.stringify(this.hostView()))
    return new Response(null, { status: 101, webSocket: client })
  }

  // ---- WebSocket Hibernation API ----

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const seat = ws.deserializeAttachment() as Seat | null
    if (!seat) return
    const text = typeof message === 'string' ? message : new TextDecoder().decode(message)
    let data: unknown
    try {
      data = text.length > MAX_CLIENT_MESSAGE_BYTES ? null : JSON.parse(text)
    } catch {
      data = null
    }
    if (seat.role === 'host') return this.onHostMessage(ws, data)
    const type = typeof data === 'object' && data !== null && 't' in data ? data.t : null
    if (isHostCommand(type)) return send(ws, error('host-only', 'Only the host can do that.'))
    const parsed = playerMessageSchema.safeParse(data)
    if (!parsed.success)
      return send(ws, error('bad-message', 'That message is not part of protocol version 1.'))
    const body = parsed.data
    if (body.t === 'ping') return send(ws, { v: 1, t: 'pong' })
    if (body.t === 'hello') {
      const player = await this.playerOf(body.token)
      if (!player) return send(ws, error('bad-token', 'That seat is not in this room: join again.'))
      if (player.removed) {
        send(ws, { v: 1, t: 'removed' })
        return ws.close(4001, 'removed')
      }
      ws.serializeAttachment({ role: 'player', playerId: player.id } satisfies Seat)
      send(ws, this.playerView(player, this.ranking()))
      this.refreshHostLobby()
      return
    }
    const player = seat.playerId ? this.players.get(seat.playerId) : undefined
    if (!player || player.removed) return send(ws, error('not-joined', 'Say hello with your token first.'))
    send(ws, this.submitAnswer(player, body.q, body.answer, body.id ?? null))
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason)
    } catch {
      // Already closed.
    }
    const seat = ws.deserializeAttachment() as Seat | null
    if (seat?.role === 'player') this.refreshHostLobby()
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, 1011, 'error')
  }

  override async alarm(): Promise<void> {
    const meta = this.meta
    if (!meta) return
    const now = Date.now()
    if (!meta.expired && now >= meta.expiresAt) this.expire()
    else if (meta.phase === 'question' && meta.clock) {
      const deadline = deadlineOf(meta.clock)
      if (deadline !== null && now >= deadline) this.closeQuestion(false)
    }
    if (this.meta?.saveDue) await this.saveResults()
    if (this.meta?.expired && this.meta.saved) {
      // Nothing left to serve: free the storage.
      await this.ctx.storage.deleteAlarm()
      await this.ctx.storage.deleteAll()
      this.meta = null
      return
    }
    await this.scheduleAlarm()
  }

  // ---- the game ----

  private onHostMessage(ws: WebSocket, data: unknown) {
    const parsed = hostMessageSchema.safeParse(data)
    if (!parsed.success)
      return send(ws, error('bad-message', 'That message is not part of protocol version 1.'))
    const problem = this.hostCommand(parsed.data)
    if (problem) send(ws, error('not-now', problem))
  }

  /** Runs a host control; returns why it cannot run now, or null. */
  private hostCommand(message: HostMessage): string | null {
    const meta = this.meta
    if (!meta || meta.expired) return 'This live session has ended.'
    const now = Date.now()
    switch (message.t) {
      case 'ping':
        this.sendHosts({ v: 1, t: 'pong' })
        return null
      case 'lock':
      case 'unlock':
        meta.locked = message.t === 'lock'
        this.saveMeta()
        this.broadcastHost()
        return null
      case 'remove': {
        const player = this.players.get(message.player)
        if (!player || player.removed) return 'No such player.'
        player.removed = true
        this.sql.exec('update players set removed = 1 where id = ?', player.id)
        for (const socket of this.playerSockets(player.id)) {
          send(socket, { v: 1, t: 'removed' })
          socket.close(4001, 'removed')
        }
        this.broadcastHost()
        this.closeIfAllAnswered()
        return null
      }
      case 'start':
        if (meta.phase !== 'lobby') return 'The session has already started.'
        this.openQuestion(0, now)
        return null
      case 'next':
        return this.next(now)
      case 'skip':
        if (meta.phase !== 'question') return 'There is no open question to skip.'
        this.closeQuestion(true)
        return null
      case 'pause':
      case 'resume':
      case 'extend': {
        if (meta.phase !== 'question' || !meta.clock) return 'There is no open question.'
        meta.clock =
          message.t === 'pause'
            ? pauseClock(meta.clock, now)
            : message.t === 'resume'
              ? resumeClock(meta.clock, now)
              : extendClock(meta.clock, EXTEND_MS)
        this.saveMeta()
        this.announceChange()
        return null
      }
      case 'end':
        if (meta.phase === 'ended') return 'The session has already ended.'
        if (meta.phase === 'question') this.closeQuestion(false)
        this.toPodiumOrEnd()
        return null
    }
  }

  /** "Next": the step after the current one (the space bar on the host screen). */
  private next(now: number): string | null {
    const meta = this.meta
    if (!meta) return 'No session.'
    switch (meta.phase) {
      case 'lobby':
        this.openQuestion(0, now)
        return null
      case 'question':
        this.closeQuestion(false)
        return null
      case 'reveal':
        meta.phase = 'leaderboard'
        this.saveMeta()
        this.broadcastViews()
        return null
      case 'leaderboard':
        if (meta.index + 1 < this.items.length) this.openQuestion(meta.index + 1, now)
        else this.toPodiumOrEnd()
        return null
      case 'podium':
        this.toPodiumOrEnd()
        return null
      case 'ended':
        return 'The session has ended.'
    }
  }

  private openQuestion(index: number, now: number) {
    const meta = this.meta
    if (!meta || !this.items[index]) return
    meta.phase = 'question'
    meta.index = index
    meta.clock = openClock(now, meta.allowedMs)
    meta.reveal = null
    this.answers = new Map()
    this.saveMeta()
    this.announceChange()
  }

  /** After the room's state changed: every screen sees it, and the alarm follows the new phase. */
  private announceChange() {
    this.broadcastViews()
    this.ctx.waitUntil(this.scheduleAlarm())
  }

  /** Podium from a game in progress (results saved); ended from the podium. */
  private toPodiumOrEnd() {
    const meta = this.meta
    if (!meta) return
    meta.phase = meta.phase === 'podium' ? 'ended' : 'podium'
    meta.clock = null
    if (!meta.saved) meta.saveDue = true
    this.saveMeta()
    this.announceChange()
  }

  /**
   * Grades and records a player's answer to question `q`, once: a resend of
   * the same answer (a blip) or a second, different answer gets the first
   * one's ack and changes nothing; an answer to a question that is not open
   * is late. Everything from "has this player answered?" to the write is one
   * synchronous step on the room's SQLite storage (no await in between, so no
   * other message can interleave), and the write itself keeps the first row
   * (`on conflict do nothing`): the stored answer is the one acknowledged.
   */
  private submitAnswer(player: Player, q: number, raw: unknown, messageId: string | null): AnswerNotice {
    const meta = this.meta
    if (!meta) return error('late', 'This live session has ended.')
    const previous = this.storedAnswer(player.id, q)
    if (previous) return duplicateAck(q, previous.message_id)
    const item = this.items[q]
    const now = Date.now()
    if (
      meta.phase !== 'question' ||
      meta.index !== q ||
      !meta.clock ||
      !item ||
      remainingMs(meta.clock, now) <= 0
    )
      return error('late', 'Too late: that question has closed.')
    const graded = gradeLive(item, raw, elapsedMs(meta.clock, now), meta.clock.allowedMs)
    if (!graded.ok) return error('invalid-answer', graded.message)
    const answer: StoredAnswer = {
      playerId: player.id,
      q,
      answer: graded.answer,
      credit: graded.credit,
      correct: graded.correct,
      points: graded.points,
      at: now,
      messageId,
    }
    const inserted = this.sql
      .exec(
        `insert into answers (player_id, q, answer, credit, correct, points, at, message_id)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (player_id, q) do nothing returning q`,
        player.id,
        q,
        JSON.stringify(answer.answer),
        answer.credit,
        answer.correct ? 1 : 0,
        answer.points,
        now,
        messageId,
      )
      .toArray()
    if (inserted.length === 0) return duplicateAck(q, this.storedAnswer(player.id, q)?.message_id ?? null)
    this.answers.set(player.id, answer)
    this.sendHosts({ v: 1, t: 'answered', q, count: this.answers.size, of: this.activeCount() })
    // After this message's ack has been sent (the caller sends it), close if everyone is in.
    queueMicrotask(() => this.closeIfAllAnswered())
    return { v: 1, t: 'ack', q, duplicate: false, ...(messageId ? { id: messageId } : {}) }
  }

  /** The answer already stored for a player and question (the storage, not memory, is the record). */
  private storedAnswer(playerId: string, q: number): { message_id: string | null } | undefined {
    return this.sql
      .exec<{ message_id: string | null }>(
        'select message_id from answers where player_id = ? and q = ?',
        playerId,
        q,
      )
      .toArray()[0]
  }

  private closeIfAllAnswered() {
    const meta = this.meta
    if (meta?.phase !== 'question') return
    // Cheap test first: most answers arrive while others are still missing.
    if (this.answers.size < this.activeCount()) return
    const active = this.activePlayers()
    if (active.length > 0 && active.every((player) => this.answers.has(player.id))) this.closeQuestion(false)
  }

  /** Closes the open question: points added (none when skipped), the key revealed to every screen. */
  private closeQuestion(skipped: boolean) {
    const meta = this.meta
    const item = meta ? this.items[meta.index] : undefined
    if (meta?.phase !== 'question' || !item) return
    const active = this.activePlayers()
    const before = this.ranking().rows
    const answers = [...this.answers.values()].filter((answer) => !this.players.get(answer.playerId)?.removed)
    this.ctx.storage.transactionSync(() => {
      for (const standing of before) {
        const player = this.players.get(standing.id)
        if (!player) continue
        player.previousRank = standing.rank
        const gained = skipped ? 0 : (this.answers.get(player.id)?.points ?? 0)
        player.score += gained
        this.sql.exec(
          'update players set score = ?, previous_rank = ? where id = ?',
          player.score,
          standing.rank,
          player.id,
        )
      }
      if (skipped) meta.skipped.push(meta.index)
      meta.reveal = revealOf(item, answers, active.length, skipped)
      meta.phase = 'reveal'
      meta.clock = meta.clock && pauseClock(meta.clock, Date.now())
      this.saveMeta()
    })
    this.announceChange()
  }

  /** The room has lived its lifetime: every screen is told, the sockets closed, the results saved. */
  private expire() {
    const meta = this.meta
    if (!meta) return
    if (meta.phase === 'question') this.closeQuestion(false)
    meta.expired = true
    meta.phase = 'ended'
    meta.saveDue = !meta.saved && meta.index >= 0
    if (!meta.saveDue) meta.saved = true
    this.saveMeta()
    this.broadcastViews()
    for (const socket of this.ctx.getWebSockets()) socket.close(4000, 'expired')
  }

  /** Hands the results to D1 (db/live-sessions.ts), off the room's hot path: from the alarm. */
  private async saveResults() {
    const meta = this.meta
    if (!meta || meta.saved) return
    const played = this.items
      .map((item, q) => ({ item, q }))
      .filter(({ q }) => q <= meta.index && !meta.skipped.includes(q))
    const playedSet = new Set(played.map(({ q }) => q))
    const byPlayer = new Map<string, LivePlayerResult['answers']>()
    for (const row of this.sql.exec<{
      player_id: string
      q: number
      answer: string
      correct: number
      credit: number
      at: number
    }>('select player_id, q, answer, correct, credit, at from answers')) {
      const item = this.items[row.q]
      if (!item || !playedSet.has(row.q)) continue
      const list = byPlayer.get(row.player_id) ?? []
      list.push({
        questionId: item.question.id,
        answer: JSON.parse(row.answer) as Answer,
        correct: row.correct === 1,
        credit: row.credit,
        answeredAt: row.at,
      })
      byPlayer.set(row.player_id, list)
    }
    await saveLiveResults(createDb(this.env.DB), {
      sessionId: meta.sessionId,
      setSlug: meta.setSlug,
      setVersion: meta.setVersion,
      questionIds: played.map(({ item }) => item.question.id),
      completedAt: Date.now(),
      players: this.activePlayers().map((player) => ({
        nickname: player.nickname,
        joinedAt: player.joinedAt,
        answers: byPlayer.get(player.id) ?? [],
      })),
    })
    meta.saveDue = false
    meta.saved = true
    this.saveMeta()
  }

  // ---- views ----

  private activePlayers(): Player[] {
    return [...this.players.values()].filter((player) => !player.removed)
  }

  /** Players not removed, counted without building a list (it runs on every answer). */
  private activeCount(): number {
    let removed = 0
    for (const player of this.players.values()) if (player.removed) removed++
    return this.players.size - removed
  }

  private ranking(): Ranking {
    const rows = rankPlayers(this.activePlayers())
    return { rows, byId: new Map(rows.map((row) => [row.id, row])) }
  }

  private questionView(meta: RoomMeta, now: number): QuestionView | null {
    const item = this.items[meta.index]
    if (!item || !meta.clock) return null
    return {
      q: meta.index,
      total: this.items.length,
      question: item.publicQuestion,
      remainingMs: remainingMs(meta.clock, now),
      allowedMs: meta.clock.allowedMs,
      paused: meta.clock.pausedAt !== null,
    }
  }

  private playerView(player: Player, ranking: Ranking): PlayerView {
    const meta = this.meta
    const standing = ranking.byId.get(player.id)
    const you: You = {
      id: player.id,
      nickname: player.nickname,
      score: player.score,
      rank: standing?.rank ?? ranking.rows.length,
      players: ranking.rows.length,
    }
    const base = { v: 1 as const, you }
    if (!meta || meta.phase === 'ended') return { ...base, t: 'ended' }
    const item = this.items[meta.index]
    const top = ranking.rows.slice(0, meta.phase === 'podium' ? 3 : TOP).map(({ id: _id, ...row }) => row)
    switch (meta.phase) {
      case 'lobby':
        return { ...base, t: 'lobby', title: meta.title }
      case 'question': {
        const view = this.questionView(meta, Date.now())
        if (!view) return { ...base, t: 'lobby', title: meta.title }
        return { ...base, t: 'question', answered: this.answers.has(player.id), ...view }
      }
      case 'reveal': {
        if (!item || !meta.reveal) return { ...base, t: 'lobby', title: meta.title }
        const answer = this.answers.get(player.id)
        return {
          ...base,
          t: 'reveal',
          q: meta.index,
          total: this.items.length,
          prompt: item.publicQuestion.prompt,
          reveal: meta.reveal,
          result: {
            answered: Boolean(answer),
            correct: answer?.correct ?? false,
            credit: answer?.credit ?? 0,
            points: meta.reveal.skipped ? 0 : (answer?.points ?? 0),
          },
        }
      }
      case 'leaderboard':
        return { ...base, t: 'leaderboard', q: meta.index, total: this.items.length, top }
      case 'podium':
        return { ...base, t: 'podium', top }
    }
  }

  private hostView(): HostView {
    const meta = this.meta
    const ranking = this.ranking().rows
    const base = {
      v: 1 as const,
      title: meta?.title ?? '',
      pin: meta?.pin ?? '',
      locked: meta?.locked ?? false,
      playerCount: ranking.length,
    }
    if (!meta || meta.phase === 'ended') return { ...base, t: 'ended' }
    const item = this.items[meta.index]
    const strip = ({ id: _id, ...row }: Standing & { id: string }) => row
    switch (meta.phase) {
      case 'lobby': {
        const connected = new Set(
          this.ctx.getWebSockets('player').map((ws) => ws.deserializeAttachment() as Seat | null),
        )
        const seated = new Set(
          [...connected].flatMap((seat) => (seat?.role === 'player' && seat.playerId ? [seat.playerId] : [])),
        )
        return {
          ...base,
          t: 'lobby',
          players: this.activePlayers()
            .sort((a, b) => a.joinedAt - b.joinedAt)
            .map((player) => ({
              id: player.id,
              nickname: player.nickname,
              connected: seated.has(player.id),
            })),
        }
      }
      case 'question': {
        const view = this.questionView(meta, Date.now())
        if (!view) return { ...base, t: 'ended' }
        return { ...base, t: 'question', answered: this.answers.size, ...view }
      }
      case 'reveal':
        if (!item || !meta.reveal) return { ...base, t: 'ended' }
        return {
          ...base,
          t: 'reveal',
          q: meta.index,
          total: this.items.length,
          prompt: item.publicQuestion.prompt,
          reveal: meta.reveal,
          answered: this.answers.size,
        }
      case 'leaderboard':
        return {
          ...base,
          t: 'leaderboard',
          q: meta.index,
          total: this.items.length,
          top: ranking.slice(0, TOP).map(strip),
        }
      case 'podium':
        return { ...base, t: 'podium', top: ranking.slice(0, 3).map(strip), results: ranking.map(strip) }
    }
  }

  private playerSockets(playerId?: string): WebSocket[] {
    return this.ctx.getWebSockets('player').filter((ws) => {
      const seat = ws.deserializeAttachment() as Seat | null
      return (
        seat?.role === 'player' &&
        seat.playerId !== null &&
        (playerId === undefined || seat.playerId === playerId)
      )
    })
  }

  private sendHosts(message: HostView | Notice) {
    const text = JSON.stringify(message)
    for (const ws of this.ctx.getWebSockets('host')) sendText(ws, text)
  }

  private broadcastHost() {
    this.sendHosts(this.hostView())
  }

  /** The host's lobby list, at most every 250 ms while players pour in. */
  private refreshHostLobby() {
    if (this.meta?.phase !== 'lobby' || this.hostLobbyTimer) return
    this.hostLobbyTimer = setTimeout(() => {
      this.hostLobbyTimer = null
      if (this.meta?.phase === 'lobby') this.broadcastHost()
    }, HOST_LOBBY_THROTTLE_MS)
  }

  /** Every screen gets its view of the new state: the host's, then each player's own. */
  private broadcastViews() {
    this.broadcastHost()
    const ranking = this.ranking()
    for (const ws of this.playerSockets()) {
      const seat = ws.deserializeAttachment() as Seat
      const player = seat.role === 'player' && seat.playerId ? this.players.get(seat.playerId) : undefined
      if (player && !player.removed) sendText(ws, JSON.stringify(this.playerView(player, ranking)))
    }
  }
}

type AnswerNotice = Extract<Notice, { t: 'ack' | 'error' }>

/** The ack of an answer already taken: it names the first message, whatever this one said. */
const duplicateAck = (q: number, messageId: string | null): AnswerNotice => ({
  v: 1,
  t: 'ack',
  q,
  duplicate: true,
  ...(messageId ? { id: messageId } : {}),
})

const error = (code: LiveErrorCode, message: string): Extract<Notice, { t: 'error' }> => ({
  v: 1,
  t: 'error',
  code,
  message,
})

function send(ws: WebSocket, message: PlayerView | HostView | Notice) {
  sendText(ws, JSON.stringify(message))
}

function sendText(ws: WebSocket, text: string) {
  try {
    ws.send(text)
  } catch {
    // A socket closing meanwhile: its player gets the state on reconnecting.
  }
}
