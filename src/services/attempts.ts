import {
  type AttemptState,
  findAttemptByToken,
  findOpenAttempt,
  insertAttempt,
  loadAttemptState,
  recordResponse,
  setAccessTokenHash,
} from '../db/attempts'
import type { Db } from '../db/client'
import { cardStateOf } from '../db/learning'
import type { AttemptRow } from '../db/schema'
import { hashAccessToken, looksLikeAccessToken, newAccessToken } from '../embed/access-token'
import { fail } from '../http/errors'
import { ratingFor, reviewCard } from '../learning/schedule'
import { buildFeedback, type Feedback } from '../quiz/feedback'
import { gradeAnswer, readAnswer } from '../quiz/grade'
import { type PublicQuestion, toPublicQuestion } from '../quiz/public-question'
import type { Question } from '../quiz/question'
import { type Score, summariseScore } from '../quiz/score'
import type { SourceSummary } from '../quiz/source'

/**
 * The attempt flow shared by the HTML pages and the JSON API: both start,
 * show and answer attempts exactly the same way.
 */

export type AttemptItem = { position: number; question: PublicQuestion; feedback: Feedback | null }

export type AttemptView = {
  id: string
  quiz: string
  startedAt: string
  completedAt: string | null
  total: number
  answered: number
  score: Score
  displayName: string | null
  items: AttemptItem[]
}

/** Starts a fresh attempt over `questionIds` (a whole set, or the ones missed last time). */
export async function startAttempt(
  db: Db,
  learnerId: string,
  setSlug: string,
  questionIds: string[],
  accessTokenHash?: string,
): Promise<AttemptRow> {
  if (!questionIds.length) fail(400, 'bad_request', 'There are no questions to practise.')
  return insertAttempt(
    db,
    { id: crypto.randomUUID(), setSlug, learnerId, questionIds, seed: crypto.randomUUID(), accessTokenHash },
    new Date(),
  )
}

/**
 * Starts an embedded attempt: a fresh anonymous learner (the iframe may get no
 * cookies) unless the caller knows who it is (an LTI launch), and a bearer
 * token that opens this attempt and nothing else.
 */
export async function startEmbeddedAttempt(
  db: Db,
  setSlug: string,
  questionIds: string[],
  learnerId: string = crypto.randomUUID(),
): Promise<{ attempt: AttemptRow; token: string }> {
  const { token, hash } = await newAccessToken()
  const attempt = await startAttempt(db, learnerId, setSlug, questionIds, hash)
  return { attempt, token }
}

/**
 * A new bearer token for an existing embedded attempt (an LTI relaunch resumes
 * it); only the hash is kept, so the old token stops working.
 */
export async function reissueAttemptToken(db: Db, attemptId: string): Promise<string> {
  const { token, hash } = await newAccessToken()
  await setAccessTokenHash(db, attemptId, hash)
  return token
}

/** Loads the attempt an embed token opens; an unknown token is the same 404 as a missing attempt. */
export async function requireAttemptByToken(db: Db, token: string): Promise<AttemptState> {
  const found = looksLikeAccessToken(token)
    ? await findAttemptByToken(db, await hashAccessToken(token))
    : null
  return requireAttempt(db, found?.id ?? '', found?.learnerId ?? null)
}

/** The learner's unfinished attempt at a set, or a new one over the whole set. */
export async function resumeOrStartAttempt(
  db: Db,
  learnerId: string,
  setSlug: string,
  questionIds: string[],
): Promise<AttemptRow> {
  return (await findOpenAttempt(db, learnerId, setSlug)) ?? startAttempt(db, learnerId, setSlug, questionIds)
}

/** Loads an attempt for its owner; anyone else gets the same 404 as for a missing attempt. */
export async function requireAttempt(
  db: Db,
  attemptId: string,
  learnerId: string | null,
): Promise<AttemptState> {
  const state = learnerId ? await loadAttemptState(db, attemptId, learnerId) : null
  if (!state)
    fail(404, 'not_found', 'This attempt does not exist, or it was started on another device or browser.')
  return state
}

function sourceOf(state: AttemptState, question: Question): SourceSummary {
  const source = state.sources.find((candidate) => candidate.id === question.evidence.source)
  if (!source) throw new Error(`question ${question.id} cites unknown source ${question.evidence.source}`)
  return source
}

/** What a learner may see of an attempt: questions without keys, feedback only where answered. */
export function describeAttempt(state: AttemptState): AttemptView {
  const { attempt } = state
  const byQuestion = new Map(state.responses.map((response) => [response.questionId, response]))
  const items = state.questions.map((question, index) => {
    const response = byQuestion.get(question.id)
    return {
      position: index + 1,
      question: toPublicQuestion(question, attempt.seed),
      feedback: response
        ? buildFeedback(
            question,
            response.answer,
            { correct: response.correct, points: response.points },
            sourceOf(state, question),
          )
        : null,
    }
  })
  return {
    id: attempt.id,
    quiz: attempt.setSlug,
    startedAt: attempt.startedAt.toISOString(),
    completedAt: attempt.completedAt?.toISOString() ?? null,
    total: items.length,
    answered: state.responses.length,
    score: summariseScore(
      state.responses.map((response) => response.points),
      items.length,
    ),
    displayName: state.displayName,
    items,
  }
}

export type AnswerOutcome = { feedback: Feedback; attempt: AttemptRow; duplicate: boolean }

/**
 * Grades one answer on the server and stores it. The answer is validated
 * against the question (a 400 with a readable message when it does not fit);
 * a repeated answer returns the feedback of the first one.
 */
export async function answerQuestion(
  db: Db,
  state: AttemptState,
  questionId: string,
  raw: unknown,
): Promise<AnswerOutcome> {
  const question = state.questions.find((candidate) => candidate.id === questionId)
  if (!question) fail(404, 'not_found', `Question "${questionId}" is not part of this attempt.`)
  const existing = state.responses.find((response) => response.questionId === questionId)
  if (existing)
    return {
      feedback: buildFeedback(question, existing.answer, existing, sourceOf(state, question)),
      attempt: state.attempt,
      duplicate: true,
    }
  const reading = readAnswer(question, raw)
  if (!reading.ok) fail(400, 'invalid_answer', reading.message)
  const grade = gradeAnswer(question, reading.answer)
  const now = new Date()
  // Attempts do not time each question, so a right answer rates Good, never Easy.
  const rating = ratingFor(grade, null)
  const card = cardStateOf(state.cards.find((row) => row.questionId === question.id) ?? null)
  const recorded = await recordResponse(db, state.attempt.id, question.id, reading.answer, grade, now, {
    learnerId: state.attempt.learnerId,
    card: reviewCard(card, rating, now),
    rating,
  })
  const { response } = recorded
  return {
    feedback: buildFeedback(question, response.answer, response, sourceOf(state, question)),
    attempt: recorded.attempt,
    duplicate: recorded.duplicate,
  }
}

/**
 * Where "next" leads from question `position`: the next unanswered question, or
 * the results. `base` is the attempt's path: `/attempts/:id`, or `/embed/a/:token` inside an iframe.
 */
export function nextStep(
  view: AttemptView,
  position: number,
  base = `/attempts/${view.id}`,
): { href: string; label: string } {
  const pending = view.items.filter((item) => !item.feedback && item.position !== position)
  const next = pending.find((item) => item.position > position) ?? pending[0]
  return next
    ? { href: `${base}/q/${next.position}`, label: 'Next question' }
    : { href: `${base}/results`, label: 'See your results' }
}

/** The item at a 1-based position from the URL, or a 404 that says how many questions there are. */
export function itemAt(view: AttemptView, positionParam: string): AttemptItem {
  const position = Number(positionParam)
  const item = Number.isInteger(position) ? view.items[position - 1] : undefined
  if (!item)
    fail(404, 'not_found', `This quiz has ${view.total} questions; there is no question ${positionParam}.`)
  return item
}
