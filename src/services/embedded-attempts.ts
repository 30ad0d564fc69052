import type { Db } from '../db/client'
import { getEmbedPolicy } from '../db/quiz-sets'
import { type EmbedPolicy, isEmbeddable } from '../embed/policy'
import { fail } from '../http/fail'
import { type LearnerAttempt, requireAttemptByToken } from './attempts'

/**
 * The one rule for an embedded (or LTI-launched) attempt, shared by its pages
 * and its answer API so the two can never disagree:
 * - an attempt already started may be finished even if its set has since gone
 *   private or been archived (the README's "Which sets learners see"): only
 *   new starts are refused;
 * - once the set allows embedding nowhere, the attempt is closed to both (404),
 *   as the set's embed pages are.
 * Returns the attempt and the set's current policy (who may frame its pages).
 */
export async function requireEmbeddedAttempt(
  db: Db,
  token: string,
): Promise<{ state: LearnerAttempt; policy: EmbedPolicy }> {
  const state = await requireAttemptByToken(db, token)
  const policy = await getEmbedPolicy(db, state.attempt.setSlug)
  if (!policy || !isEmbeddable(policy)) fail(404, 'not_found', 'There is no quiz to embed at this address.')
  return { state, policy }
}
