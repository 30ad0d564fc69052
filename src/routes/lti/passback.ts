import type { Context } from 'hono'
import type { Db } from '../../db/client'
import type { AttemptRow } from '../../db/schema'
import type { AppEnv } from '../../env'
import { outboundPolicy } from '../../lti/outbound'
import type { AnswerOutcome } from '../../services/attempts'
import { sendScore, sendStarted } from '../../services/lti-scores'

/**
 * Score updates to an LMS run after the response (`waitUntil`), so the
 * learner never waits on the LMS. Attempts not launched from an LMS cost one
 * D1 look-up, once.
 */
function afterResponse(c: Pick<Context, 'executionCtx'>, work: Promise<unknown>): void {
  const logged = work.catch((error: unknown) => {
    // The senders record their own failures; this only catches D1 itself failing.
    console.error('LTI score passback could not be recorded', error instanceof Error ? error.message : error)
  })
  try {
    c.executionCtx.waitUntil(logged)
  } catch {
    // No execution context (app.request in a unit test): the promise still runs on its own.
  }
}

/** Call after storing an answer to an embedded attempt: the answer that completes it sends the score. */
export function passBackWhenComplete(c: Context<AppEnv>, outcome: AnswerOutcome): void {
  if (outcome.duplicate || outcome.attempt.completedAt === null) return
  afterResponse(
    c,
    sendScore(c.get('db'), { attemptId: outcome.attempt.id }, { policy: outboundPolicy(c.env) }),
  )
}

/** Call when an LTI launch started a new attempt: the gradebook hears "Started". */
export function passBackStarted(c: Context<AppEnv>, attemptId: string): void {
  afterResponse(
    c,
    sendStarted(c.get('db'), attemptId, { policy: outboundPolicy(c.env) }).then((result) => {
      if (result?.status === 'failed') console.warn('LTI Started score not sent:', result.error)
    }),
  )
}

/**
 * Call whenever an embedded attempt is read: an attempt is closed by its time
 * limit lazily, on the first request after its deadline (services/attempts.ts
 * `requireAttempt`), and that is when its score goes back, once. Only an
 * attempt that ended exactly at its deadline can need it, so others cost nothing.
 */
export function passBackWhenTimedOut(c: Context<AppEnv>, attempt: AttemptRow): void {
  const { completedAt, deadline } = attempt
  if (completedAt === null || deadline === null || completedAt.getTime() !== deadline) return
  afterResponse(
    c,
    sendScore(c.get('db'), { attemptId: attempt.id }, { policy: outboundPolicy(c.env), onlyFirst: true }),
  )
}

/**
 * Call when a regrade changed the scores of attempts whose earlier score had
 * gone to an LMS: each is sent again (the platform keeps the latest), one
 * after another so a big class does not open dozens of connections at once.
 */
export function passBackRegraded(
  c: Pick<Context<AppEnv>, 'executionCtx' | 'env'>,
  db: Db,
  attemptIds: readonly string[],
): void {
  if (attemptIds.length === 0) return
  const policy = outboundPolicy(c.env)
  afterResponse(
    c,
    (async () => {
      for (const attemptId of attemptIds) await sendScore(db, { attemptId }, { policy })
    })(),
  )
}
