import { findAttemptByToken, setAccessTokenHash, setEmbedTheme } from '../db/attempts'
import type { Db } from '../db/client'
import {
  findLearnerByEmbedTokenHash,
  hasEmbedToken,
  setEmbedTokenHash,
  setNameFromHost,
} from '../db/learners'
import { getEmbedPolicy, type QuizSetSummary } from '../db/quiz-sets'
import type { AttemptRow } from '../db/schema'
import { hashAccessToken, looksLikeAccessToken, newAccessToken } from '../embed/access-token'
import { learnerTokenFor, looksLikeLearnerToken } from '../embed/learner-token'
import { type EmbedPolicy, isEmbeddable } from '../embed/policy'
import { DEFAULT_EMBED_THEME, type EmbedTheme } from '../embed/theme'
import { fail } from '../http/fail'
import { appKey } from './app-secret'
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
 * Starts an attempt from a course page's embed (not LTI): the learner the
 * kept learner token names, when it is genuine and for this quiz, so the
 * attempts allowed count across reloads; otherwise a new anonymous learner
 * with a new token. A forged token, or one from another quiz, is not honoured
 * (a new learner starts, and the host page replaces what it kept). A name
 * the host passed is stored as the host's word, not verified.
 * Returns the attempt's bearer token and the learner token to hand back.
 */
export async function startHostedEmbedAttempt(
  db: Db,
  set: QuizSetSummary,
  { theme, learnerToken, hostName }: { theme: EmbedTheme; learnerToken?: string; hostName?: string },
): Promise<{ token: string; learnerToken: string }> {
  const key = await appKey(db)
  let known: string | null = null
  if (learnerToken && looksLikeLearnerToken(learnerToken)) {
    const found = await findLearnerByEmbedTokenHash(db, await hashAccessToken(learnerToken))
    if (found && (await learnerTokenFor(key, set.slug, found)) === learnerToken) known = found
  }
  const learnerId = known ?? crypto.randomUUID()
  const { token } = await startEmbeddedAttempt(db, set, { learnerId, theme })
  const kept = await learnerTokenFor(key, set.slug, learnerId)
  if (!known) await setEmbedTokenHash(db, learnerId, await hashAccessToken(kept))
  if (hostName) await setNameFromHost(db, learnerId, hostName)
  return { token, learnerToken: kept }
}

/** The learner token of an embedded attempt's learner, or null for learners not started in an embed (LTI). */
export async function learnerTokenOf(db: Db, state: LearnerAttempt): Promise<string | null> {
  const { learnerId, setSlug } = state.attempt
  if (!(await hasEmbedToken(db, learnerId))) return null
  return learnerTokenFor(await appKey(db), setSlug, learnerId)
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
