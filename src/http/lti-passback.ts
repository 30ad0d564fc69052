import type { Context } from 'hono'
import type { AppEnv } from '../env'
import type { AnswerOutcome } from '../services/attempts'
import { sendScore } from '../services/lti-scores'

/**
 * Call after storing an answer to an embedded attempt: the answer that
 * completes an attempt launched from an LMS sends its score back to the
 * gradebook, after the response (`waitUntil`), so the learner never waits on
 * the LMS. Attempts not launched from an LMS cost one D1 look-up, once.
 */
export function passBackWhenComplete(c: Context<AppEnv>, outcome: AnswerOutcome): void {
  if (outcome.duplicate || outcome.attempt.completedAt === null) return
  const work = sendScore(c.get('db'), { attemptId: outcome.attempt.id }).catch((error: unknown) => {
    // sendScore records its own failures; this only catches D1 itself failing.
    console.error('LTI score passback could not be recorded', error instanceof Error ? error.message : error)
  })
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // No execution context (app.request in a unit test): the promise still runs on its own.
  }
}
