import { findAttemptByToken, setAccessTokenHash, setEmbedTheme } from '../db/attempts'
import type { Db } from '../db/client'
import { getEmbedPolicy, type QuizSetSummary } from '../db/quiz-sets'
import type { AttemptRow } from '../db/schema'
import { hashAccessToken, looksLikeAccessToken, newAccessToken } from '../embed/access-token'
import { type EmbedPolicy, isEmbeddable } from '../embed/policy'
import { DEFAULT_EMBED_THEME, type EmbedTheme } from '../embed/theme'
import { fail } from '../http/fail'
import { type LearnerAttempt, requireAttempt, startAttempt } from './attempts'

/**
 * Starts an embedded attempt: a fresh anonymous learner (the iframe may get no
 * cookies) unless the caller knows who it is (an LTI launch), and a bearer
 * token that opens this attempt and nothing else.
 */
export async function startEmbeddedAttempt(
  db: Db,
  set: QuizSetSummary,
  {
    learnerId = crypto.randomUUID(),
    theme = DEFAULT_EMBED_THEME,
  }: { learnerId?: string; theme?: EmbedTheme } = {},
): Promise<{ attempt: AttemptRow; token: string }> {
  const { token, hash } = await newAccessToken()
  const attempt = await startAttempt(db, learnerId, set, hash)
  // Kept with the attempt, so every page inside the frame keeps the course site's scheme.
  if (theme !== 'light') {
    await setEmbedTheme(db, attempt.id, theme)
    attempt.embedTheme = theme
  }
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
export async function requireAttemptByToken(db: Db, token: string): Promise<LearnerAttempt> {
  const found = looksLikeAccessToken(token)
    ? await findAttemptByToken(db, await hashAccessToken(token))
    : null
  return requireAttempt(db, found?.id ?? '', found?.learnerId ?? null)
}

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
