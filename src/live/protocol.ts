import * as z from 'zod'
import type { Citation } from '../quiz/feedback'
import type { PublicQuestion } from '../quiz/public-question'

/**
 * The live protocol, version 1 (docs/live.md): small JSON messages over one
 * WebSocket per screen. Every message carries `v: 1` and a type `t`. The same
 * views reach the no-JavaScript player page, rendered as HTML.
 */
export const PROTOCOL_VERSION = 1

/** The largest message a client may send (an answer to an 8-pair matching question fits in 1 KB). */
export const MAX_CLIENT_MESSAGE_BYTES = 4096

const answerMessage = z.strictObject({
  v: z.literal(1),
  t: z.literal('answer'),
  /** The question's position (0-based), so an answer to an earlier question cannot land on this one. */
  q: z.number().int().min(0).max(1000),
  /** The answer as the quizzes' API takes it (src/quiz/answer.ts). */
  answer: z.unknown(),
  /** Chosen by the client and echoed in the ack, so a resend after a blip is recognised. */
  id: z.string().max(64).optional(),
})

/** What a player's socket may send. */
export const playerMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ v: z.literal(1), t: z.literal('hello'), token: z.string().min(16).max(100) }),
  answerMessage,
  z.strictObject({ v: z.literal(1), t: z.literal('ping') }),
])

export const hostCommands = [
  'start',
  'next',
  'skip',
  'pause',
  'resume',
  'extend',
  'end',
  'lock',
  'unlock',
] as const
export type HostCommand = (typeof hostCommands)[number]

/** What the host's socket may send: everything a player may, plus the controls. */
export const hostMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({ v: z.literal(1), t: z.enum(hostCommands) }),
  z.strictObject({ v: z.literal(1), t: z.literal('remove'), player: z.string().min(1).max(64) }),
  z.strictObject({ v: z.literal(1), t: z.literal('ping') }),
])

export type PlayerMessage = z.infer<typeof playerMessageSchema>
export type HostMessage = z.infer<typeof hostMessageSchema>

/** Host controls, by name: a player's socket sending one is refused with `host-only`. */
export const isHostCommand = (type: unknown): boolean =>
  type === 'remove' || (hostCommands as readonly string[]).includes(String(type))

export type Phase = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium' | 'ended'

export type Standing = { nickname: string; score: number; rank: number; moved: number }

/** A question's closing summary: the key, the explanation and the cited source, sent only once it closed. */
export type Reveal = {
  correctAnswer: string[]
  ordered: boolean
  explanation: string
  /** Every cited passage with its source; empty for an uncited question. */
  evidence: Citation[]
  /** One bar per option (choice questions) or per outcome (right, partly right, wrong), plus no answer. */
  distribution: { label: string; count: number; correct: boolean }[]
  skipped: boolean
}

export type QuestionView = {
  /** 0-based position. */
  q: number
  total: number
  question: PublicQuestion
  /** Time left when the view was made; the client counts down from its own clock. */
  remainingMs: number
  allowedMs: number
  paused: boolean
}

/** Where a player stands, in the views made for them. */
export type You = {
  id: string
  nickname: string
  score: number
  rank: number
  players: number
}

export type YourResult = { answered: boolean; correct: boolean; credit: number; points: number }

/** Everything a player's screen shows, one view per phase. */
export type PlayerView = { v: 1; you: You } & (
  | { t: 'lobby'; title: string }
  | ({ t: 'question'; answered: boolean } & QuestionView)
  | { t: 'reveal'; q: number; total: number; prompt: string; reveal: Reveal; result: YourResult }
  | { t: 'leaderboard'; q: number; total: number; top: Standing[] }
  | { t: 'podium'; top: Standing[] }
  | { t: 'ended' }
)

export type LobbyPlayer = { id: string; nickname: string; connected: boolean }

/** Everything the host screen shows. */
export type HostView = {
  v: 1
  title: string
  pin: string
  locked: boolean
  /** Players in the room (removed ones not counted). */
  playerCount: number
} & (
  | { t: 'lobby'; players: LobbyPlayer[] }
  | ({ t: 'question'; answered: number } & QuestionView)
  | { t: 'reveal'; q: number; total: number; prompt: string; reveal: Reveal; answered: number }
  | { t: 'leaderboard'; q: number; total: number; top: Standing[] }
  | { t: 'podium'; top: Standing[]; results: Standing[] }
  | { t: 'ended' }
)

/** Messages besides views. */
export type Notice =
  | { v: 1; t: 'ack'; q: number; id?: string; duplicate: boolean }
  | { v: 1; t: 'answered'; q: number; count: number; of: number }
  | { v: 1; t: 'error'; code: LiveErrorCode; message: string }
  | { v: 1; t: 'removed' }
  | { v: 1; t: 'pong' }

export type LiveErrorCode =
  | 'bad-message'
  | 'not-joined'
  | 'bad-token'
  | 'host-only'
  | 'late'
  | 'invalid-answer'
  | 'not-now'
