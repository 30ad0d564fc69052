import { clientAddress } from '../auth/rate-limit'
import type { Db } from '../db/client'
import {
  findLiveSessionByPin,
  getOwnLiveSession,
  insertLiveSession,
  listQuestionsByIds,
} from '../db/live-sessions'
import { getOwnedSet } from '../db/owned-sets'
import type { LiveSessionRow } from '../db/schema'
import { listSetVersions } from '../db/set-versions'
import { getSourcesByIds } from '../db/sources'
import { fail } from '../http/fail'
import { type LiveItem, playsLive } from '../live/grading'
import { LIVE_PIN_LIMIT, LIVE_PIN_WINDOW_MS, ROOM_LIFETIME_MS, randomPin, wrongPinBucket } from '../live/pin'
import { citationsOf } from '../quiz/feedback'
import { learnerQuestionId } from '../quiz/learner-question-id'
import { toPublicQuestion } from '../quiz/public-question'
import type { Question } from '../quiz/question'
import type { RoomSetup } from '../rooms/live-room'
import { appKey } from './app-secret'
import { bankSetQuestions, findQuizSet } from './quiz-sets'
import { currentBlock, reserve } from './rate-limits'

/** Seconds per question when the host does not choose (the default). */
export const DEFAULT_SECONDS_PER_QUESTION = 20

/** The room of a live session. */
export function roomOf(env: Env, sessionId: string) {
  return env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(sessionId))
}

/** The questions a live session of `slug` plays: a bank set's, or the instructor's own published version. */
async function questionsToPlay(
  db: Db,
  instructorId: string,
  slug: string,
): Promise<{ title: string; version: number | null; shuffleChoices: boolean; questions: Question[] } | null> {
  const bank = bankSetQuestions(slug)
  if (bank) {
    const set = await findQuizSet(db, slug)
    return set ? { title: set.title, version: null, shuffleChoices: true, questions: bank } : null
  }
  const own = await getOwnedSet(db, instructorId, slug)
  if (!own || own.publishedVersion === null || own.archivedAt) return null
  const version = (await listSetVersions(db, slug)).find((row) => row.version === own.publishedVersion)
  if (!version) return null
  return {
    title: version.title,
    version: version.version,
    shuffleChoices: version.settings.shuffleChoices,
    questions: await listQuestionsByIds(db, version.questionIds),
  }
}

/**
 * Starts a live session of one of the instructor's published sets or a bank
 * set: a PIN, a D1 row mapping it to the room, and the room set up with the
 * questions as players will get them (learner ids, shuffled options) and
 * their keys, which stay in the room.
 */
export async function startLiveSession(
  db: Db,
  env: Env,
  { instructorId, slug, seconds, now }: { instructorId: string; slug: string; seconds: number; now: number },
): Promise<LiveSessionRow> {
  const plan = await questionsToPlay(db, instructorId, slug)
  if (!plan || plan.questions.length === 0)
    fail(404, 'not_found', 'Pick one of your published sets or a bank set with questions.')
  const key = await appKey(db)
  const seed = crypto.randomUUID()
  const sources = new Map(
    (
      await getSourcesByIds(db, [
        ...new Set(
          plan.questions.flatMap((question) => question.evidence.map((evidence) => evidence.source)),
        ),
      ])
    ).map((source) => [source.id, source]),
  )
  const items: LiveItem[] = []
  for (const question of plan.questions) {
    if (!playsLive(question)) continue
    const citations = citationsOf(question, (id) => sources.get(id))
    if (!citations) continue
    const publicId = await learnerQuestionId(key, question.id)
    items.push({
      question,
      citations,
      publicQuestion: toPublicQuestion(question, { publicId, seed, shuffleChoices: plan.shuffleChoices }),
    })
  }
  if (items.length === 0)
    fail(409, 'conflict', 'This set holds only passage questions, which live sessions do not play.')
  const sessionId = crypto.randomUUID()
  let row: LiveSessionRow | null = null
  // A clash with a live PIN is rare (at most a few hundred rooms among 900,000 PINs): try a few.
  for (let tries = 0; tries < 8 && !row; tries++) {
    const candidate: LiveSessionRow = {
      id: sessionId,
      pin: randomPin(),
      instructorId,
      setSlug: slug,
      setVersion: plan.version,
      title: plan.title,
      createdAt: now,
      expiresAt: now + ROOM_LIFETIME_MS,
    }
    if (await insertLiveSession(db, candidate)) row = candidate
  }
  if (!row) fail(503, 'unavailable', 'No free PIN right now: try again in a moment.')
  const setup: RoomSetup = {
    sessionId,
    pin: row.pin,
    title: row.title,
    setSlug: slug,
    setVersion: plan.version,
    items,
    allowedMs: seconds * 1000,
    createdAt: now,
    expiresAt: row.expiresAt,
  }
  await roomOf(env, sessionId).setUp(setup)
  return row
}

export type PinLookup = { ok: true; session: LiveSessionRow } | { ok: false; message: string }

/**
 * The live session a typed PIN opens. A wrong PIN counts against the
 * address (LIVE_PIN_LIMIT per window); a blocked address is refused before
 * the look-up, so PINs cannot be walked.
 */
export async function findSessionByPin(
  db: Db,
  { pin, ipHeader, now }: { pin: string; ipHeader: string | undefined; now: number },
): Promise<PinLookup> {
  const ip = clientAddress(ipHeader)
  const limits = ip
    ? [
        {
          kind: 'ip' as const,
          bucket: wrongPinBucket(ip),
          limit: LIVE_PIN_LIMIT,
          windowMs: LIVE_PIN_WINDOW_MS,
        },
      ]
    : []
  if (limits.length && (await currentBlock(db, limits, now)))
    return {
      ok: false,
      message: 'Too many wrong PINs from your network: wait a few minutes, then try again.',
    }
  const session = await findLiveSessionByPin(db, pin, now)
  if (session) return { ok: true, session }
  if (limits.length) await reserve(db, limits, now)
  return { ok: false, message: 'No live session has that PIN. Check the PIN on the screen.' }
}

/** One of the instructor's live sessions, or a 404. */
export async function requireOwnLiveSession(
  db: Db,
  instructorId: string,
  id: string,
): Promise<LiveSessionRow> {
  const session = await getOwnLiveSession(db, instructorId, id)
  if (!session) fail(404, 'not_found', 'No such live session.')
  return session
}

/**
 * Opens a WebSocket to the room as `role`. The room's 101 response has
 * immutable headers; the app's middleware adds its headers to every
 * response, so the socket is handed on in a fresh one.
 */
export async function connectToRoom(env: Env, sessionId: string, role: 'host' | 'player', url: string) {
  const headers = new Headers({ upgrade: 'websocket', 'x-live-role': role })
  const response = await roomOf(env, sessionId).fetch(new Request(url, { headers }))
  if (!response.webSocket) return new Response(response.body, { status: response.status })
  return new Response(null, { status: 101, webSocket: response.webSocket })
}
