import type { Db } from '../db/client'
import {
  applyRegradeChunk,
  changedResponsesOf,
  finishRegrade,
  getRegradableQuestion,
  getRegrade,
  pendingRegradeTargets,
  type RegradeTarget,
  runningRegradeOf,
  sentAttemptsChangedBy,
  startRegrade,
} from '../db/regrades'
import type { QuizSetRow, RegradeRow } from '../db/schema'
import { fail } from '../http/fail'
import type { Question } from '../quiz/question'
import {
  type AttemptRegrade,
  applyRegradeChange,
  type RegradeAttempt,
  type RegradeChange,
  type RegradeSummary,
  regradeResponses,
  summariseRegrade,
} from '../quiz/regrade'
import { learnerLabel } from '../stats/learners'
import { learnerPseudonyms } from './learner-pseudonym'

/**
 * Regrading a question of a published set (docs/studio.md#regrade): preview
 * what changes, then apply it in D1 batches. Each batch is one transaction
 * (responses, their log rows, the attempts' scores); a regrade interrupted
 * between batches stays `running` and the next POST (the same form again, or
 * "Continue" on its page) carries on with the responses not yet logged, so a
 * regrade is never half-applied for good and never applied twice.
 */

/** Responses per D1 batch: about 115 statements (an update per changed response, inserts of 12 rows, scores). */
export const REGRADE_CHUNK = 100
/** Batches per request: up to 2,000 responses a POST; a bigger regrade asks for "Continue". */
export const MAX_CHUNKS_PER_REQUEST = 20

export type RegradeLimits = { chunk: number; maxChunks: number }
const DEFAULT_LIMITS: RegradeLimits = { chunk: REGRADE_CHUNK, maxChunks: MAX_CHUNKS_PER_REQUEST }

/** A changed attempt as the preview lists it. */
export type PreviewRow = AttemptRegrade & { learner: string; startedAt: Date }

export type RegradePreview = {
  before: Question
  after: Question
  summary: RegradeSummary
  rows: PreviewRow[]
  /** Fingerprint of the question as previewed: the confirm is refused if it changed since. */
  basis: string
  /** The id the confirmed regrade will have: a second POST of the same form finds it. */
  regradeId: string
}

/**
 * A short fingerprint of a question's stored form.
 * @example await questionFingerprint(question) // '3f9a0c...' (16 hex digits)
 */
export async function questionFingerprint(question: Question): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(question)))
  return [...new Uint8Array(digest)]
    .slice(0, 8)
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
}

/** The owner's question in this set, or the 404 every other case gets. */
export async function requireRegradableQuestion(
  db: Db,
  ownerId: string,
  set: QuizSetRow,
  questionId: string,
): Promise<Question> {
  const question = await getRegradableQuestion(db, ownerId, set.slug, questionId)
  if (!question) fail(404, 'not_found', 'There is no question of yours to regrade at this address.')
  return question
}

const attemptsOf = (targets: readonly RegradeTarget[]): RegradeAttempt[] =>
  targets.map((target) => ({ id: target.attemptId, ...target.attempt }))

/**
 * What the regrade would do, without writing anything: the changed attempts,
 * named as the results page names learners. Returns the reason a change
 * cannot apply (the same key, a mode the type lacks) as an error.
 */
export async function previewRegrade(
  db: Db,
  set: QuizSetRow,
  question: Question,
  change: RegradeChange,
): Promise<{ ok: true; preview: RegradePreview } | { ok: false; error: string }> {
  const applied = applyRegradeChange(question, change)
  if (!applied.ok) return applied
  const targets = await pendingRegradeTargets(db, question.id, null)
  const summary = summariseRegrade(attemptsOf(targets), regradeResponses(applied.question, targets))
  const pseudonymOf = await learnerPseudonyms(db, set.slug)
  const byAttempt = new Map(targets.map((target) => [target.attemptId, target.attempt]))
  const rows = await Promise.all(
    summary.attempts.map(async (row) => {
      const attempt = byAttempt.get(row.attemptId)
      const learner = attempt
        ? learnerLabel(await pseudonymOf(attempt.learnerId), attempt.displayName, attempt.nameFromHost)
        : ''
      return { ...row, learner, startedAt: attempt?.startedAt ?? new Date(0) }
    }),
  )
  return {
    ok: true,
    preview: {
      before: question,
      after: applied.question,
      summary,
      rows,
      basis: await questionFingerprint(question),
      regradeId: crypto.randomUUID(),
    },
  }
}

export type RegradeOutcome = {
  regrade: RegradeRow
  /** True while responses remain (a regrade over the per-request limit): the page offers "Continue". */
  running: boolean
  /** Attempts whose new score must go to the LMS gradebook again (only for the request that finished it). */
  resend: string[]
}

export type ConfirmRegrade = {
  set: QuizSetRow
  ownerId: string
  questionId: string
  regradeId: string
  basis: string
  change: RegradeChange
  reason: string
}

/**
 * Applies a previewed regrade. The same form posted again (a double click, a
 * retry after a time-out) finds its regrade by id and only carries on what is
 * left; a question changed since the preview is a 409, as is a second regrade
 * of a question while one is still running.
 */
export async function confirmRegrade(
  db: Db,
  input: ConfirmRegrade,
  now = new Date(),
  limits: RegradeLimits = DEFAULT_LIMITS,
): Promise<RegradeOutcome> {
  const existing = await getRegrade(db, input.regradeId)
  if (existing) {
    if (existing.setSlug !== input.set.slug || existing.questionId !== input.questionId)
      fail(409, 'conflict', 'This regrade belongs to another question.')
    return continueRegrade(db, existing, limits)
  }
  const question = await requireRegradableQuestion(db, input.ownerId, input.set, input.questionId)
  const running = await runningRegradeOf(db, question.id)
  if (running) fail(409, 'conflict', 'A regrade of this question is still running: continue it first.')
  if ((await questionFingerprint(question)) !== input.basis)
    fail(409, 'conflict', 'The question changed since this preview. Preview the regrade again.')
  const applied = applyRegradeChange(question, input.change)
  if (!applied.ok) fail(400, 'bad_request', applied.error)
  const targets = await pendingRegradeTargets(db, question.id, null)
  const summary = summariseRegrade(attemptsOf(targets), regradeResponses(applied.question, targets))
  const row = {
    id: input.regradeId,
    setSlug: input.set.slug,
    questionId: question.id,
    mode: input.change.mode,
    oldBody: question,
    newBody: applied.question,
    reason: input.reason,
    instructorId: input.ownerId,
    createdAt: now.getTime(),
    responsesChanged: summary.responsesChanged,
    attemptsChanged: summary.attemptsChanged,
    nowPassing: summary.nowPassing,
    nowFailing: summary.nowFailing,
  }
  await startRegrade(db, row)
  return continueRegrade(db, { ...row, status: 'running', finishedAt: null }, limits)
}

/**
 * Recomputes the responses a running regrade has not logged yet, from its
 * stored new question, `limits.maxChunks` batches at most; marks it done when
 * none are left. Runs of the same regrade at once write the same values.
 */
export async function continueRegrade(
  db: Db,
  regrade: RegradeRow,
  limits: RegradeLimits = DEFAULT_LIMITS,
): Promise<RegradeOutcome> {
  if (regrade.status === 'done') return { regrade, running: false, resend: [] }
  const pending = await pendingRegradeTargets(db, regrade.questionId, regrade.id)
  const changes = regradeResponses(regrade.newBody, pending)
  const budget = limits.chunk * limits.maxChunks
  for (let start = 0; start < Math.min(changes.length, budget); start += limits.chunk)
    await applyRegradeChunk(db, regrade.id, changes.slice(start, start + limits.chunk))
  if (changes.length > budget) return { regrade, running: true, resend: [] }
  const finishedAt = Date.now()
  const finished = await finishRegrade(db, regrade.id, finishedAt)
  return {
    regrade: { ...regrade, status: 'done', finishedAt },
    running: false,
    resend: finished ? await sentAttemptsChangedBy(db, regrade.id) : [],
  }
}

/** An answer a regrade changed, named as the results page names its learner. */
export type ChangedResponse = {
  attemptId: string
  learner: string
  startedAt: Date
  pointsBefore: number
  pointsAfter: number
}

/** The answers a regrade changed, oldest attempt first. */
export async function listChangedResponses(
  db: Db,
  set: QuizSetRow,
  regradeId: string,
): Promise<ChangedResponse[]> {
  const [rows, pseudonymOf] = await Promise.all([
    changedResponsesOf(db, regradeId),
    learnerPseudonyms(db, set.slug),
  ])
  return Promise.all(
    rows.map(async ({ learnerId, displayName, nameFromHost, ...row }) => ({
      ...row,
      learner: learnerLabel(await pseudonymOf(learnerId), displayName, nameFromHost),
    })),
  )
}

/** A regrade of this set, or null (also for another set's: ids are not secret, sets are). */
export async function findRegrade(db: Db, set: QuizSetRow, regradeId: string): Promise<RegradeRow | null> {
  const regrade = await getRegrade(db, regradeId)
  return regrade && regrade.setSlug === set.slug ? regrade : null
}

/** A regrade of this set, or 404. */
export async function requireRegrade(db: Db, set: QuizSetRow, regradeId: string): Promise<RegradeRow> {
  const regrade = await findRegrade(db, set, regradeId)
  if (!regrade) fail(404, 'not_found', 'There is no regrade at this address in this set.')
  return regrade
}
