import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import type { Db } from '../db/client'
import {
  consumeNonce,
  ensureLtiLearner,
  findLoginByState,
  findOpenLaunch,
  insertLaunch,
  updateLaunchLineItem,
} from '../db/lti-launches'
import { getPlatform, hasDeployment } from '../db/lti-platforms'
import type { LtiPlatformRow } from '../db/schema'
import { isEmbeddable } from '../embed/policy'
import { type LaunchMessage, type ResourceLinkLaunch, readLaunchMessage } from '../lti/claims'
import { verifyIdToken } from '../lti/id-token'
import type { OutboundPolicy } from '../lti/outbound'
import { LtiRefusal, refuse } from '../lti/refusal'
import { quizSlugOf } from '../lti/target'
import { reissueAttemptToken, startEmbeddedAttempt } from './embedded-attempts'
import { callPlatform, type PlatformFetch, platformFetch } from './lti-outbound'
import { findEmbeddableSet } from './quiz-sets'

/**
 * An LTI 1.3 launch: the platform's keys, verifying the id_token the platform
 * posts back after login, and opening (or resuming) the attempt it names.
 * Routes only move data in and out (src/routes/lti/index.tsx).
 */

/** A platform's key set; a remote one can be reloaded (at most every 30 s: `coolingDown`). */
export type PlatformKeySet = JWTVerifyGetKey & { reload?: () => Promise<void>; coolingDown?: boolean }

const remoteKeySets = new Map<string, PlatformKeySet>()

/**
 * The platform's public keys from its JWKS URL, cached per isolate by jose
 * (refetched when a token names an unknown kid). The fetch goes through
 * {@link callPlatform}: https to the JWKS URL's own host, no redirect, a
 * timeout and at most 64 KB; any failure becomes a 502 with a fixed message.
 */
export function platformKeys(policy: OutboundPolicy, fetchImpl: PlatformFetch = platformFetch) {
  return (platform: Pick<LtiPlatformRow, 'jwksUrl'>): PlatformKeySet => {
    const cacheKey = `${policy.allowHttpLocalhost}:${platform.jwksUrl}`
    let keys = remoteKeySets.get(cacheKey)
    if (!keys) {
      const jwksOrigin = new URL(platform.jwksUrl).origin
      keys = createRemoteJWKSet(new URL(platform.jwksUrl), {
        [customFetch]: async (url, options) => {
          const answer = await callPlatform(
            url,
            { method: options.method, headers: options.headers, signal: options.signal },
            { origins: [jwksOrigin], policy, fetchImpl },
          )
          return new Response(answer.body, { status: answer.status, headers: answer.headers })
        },
      })
      remoteKeySets.set(cacheKey, keys)
    }
    return keys
  }
}

export type VerifiedLaunch = { platform: LtiPlatformRow; message: LaunchMessage }

/**
 * Verifies the id_token; when the signature does not match the cached keys,
 * reloads the platform's JWKS once (unless fetched in the last 30 s) and tries
 * again, for a platform that replaced its key without changing the kid.
 */
async function verifyWithFreshKeys(
  idToken: string,
  platform: LtiPlatformRow,
  keys: PlatformKeySet,
  now: Date,
): Promise<JWTPayload> {
  try {
    return await verifyIdToken(idToken, platform, keys, now)
  } catch (error) {
    const stale = error instanceof LtiRefusal && error.reason === 'bad_signature'
    if (!stale || !keys.reload || keys.coolingDown !== false) throw error
    await keys.reload().catch(() => undefined)
    return verifyIdToken(idToken, platform, keys, now)
  }
}

/**
 * Checks a launch (the id_token and state the platform posted back) in this
 * order: the state names a login of ours that has not expired; the token's
 * signature, issuer, audience and times; its nonce is the login's nonce, used
 * now for the first and only time; the LTI version and message type; the
 * deployment is registered. Any failure is an LtiRefusal.
 */
export async function verifyLaunch(
  db: Db,
  posted: { idToken: string; state: string },
  keysOf: (platform: LtiPlatformRow) => PlatformKeySet,
  now = new Date(),
): Promise<VerifiedLaunch> {
  const login = await findLoginByState(db, posted.state)
  if (!login)
    refuse(
      400,
      'unknown_state',
      'This launch does not match a login started by Cited (unknown state). Open the activity again from the course.',
    )
  if (login.expiresAt <= now.getTime())
    refuse(
      401,
      'expired_state',
      'The login for this launch expired. Open the activity again from the course.',
    )
  const platform = await getPlatform(db, login.platformId)
  if (!platform)
    refuse(400, 'unknown_platform', 'The platform of this launch is no longer registered in Cited.')
  const payload = await verifyWithFreshKeys(posted.idToken, platform, keysOf(platform), now)
  if (payload.nonce !== login.nonce)
    refuse(401, 'nonce_mismatch', "The launch token's nonce is not the one Cited sent with this login.")
  if (!(await consumeNonce(db, login.nonce, now.getTime())))
    refuse(
      401,
      'replayed_nonce',
      'This launch was already used: each launch token opens Cited once. Open the activity again from the course.',
    )
  const message = readLaunchMessage(payload)
  if (!(await hasDeployment(db, platform.id, message.deploymentId)))
    refuse(
      403,
      'unknown_deployment',
      `Deployment ${message.deploymentId} is not registered for this platform. An instructor can add it in the Cited studio (LTI).`,
    )
  // The login's target and deployment travelled unsigned; the token must confirm both.
  if (message.targetLinkUri !== login.targetLinkUri)
    refuse(
      400,
      'invalid_claims',
      "The launch token's target_link_uri is not the one the platform sent with the login.",
    )
  if (login.deploymentId !== null && message.deploymentId !== login.deploymentId)
    refuse(
      400,
      'invalid_claims',
      "The launch token's deployment_id is not the lti_deployment_id the platform sent with the login.",
    )
  return { platform, message }
}

/** Where a launch leads, and the attempt it started (null when it resumed one). */
export type OpenedQuiz = { location: string; startedAttemptId: string | null }

/**
 * Opens the quiz a resource link names for the LMS user: resumes their
 * unfinished attempt from this link, or starts one, recording the launch (and
 * its grade line item) so the score can go back. Returns the embed path to
 * redirect to.
 */
export async function openLaunchedQuiz(
  db: Db,
  platform: LtiPlatformRow,
  launch: ResourceLinkLaunch,
  origin: string,
  now = Date.now(),
): Promise<OpenedQuiz> {
  const slug = quizSlugOf(launch, origin)
  if (!slug)
    refuse(
      400,
      'no_quiz',
      'This course link does not say which quiz to open. Choose the quiz again with "Select content" (Deep Linking), or give the link the custom parameter quiz=<quiz slug>.',
    )
  // Resuming comes first: an attempt already started may finish even if its set has
  // since gone private or been archived (as its embed pages and answer API allow).
  if (launch.sub !== null) {
    const open = await findOpenLaunch(db, platform.id, launch.resourceLinkId, launch.sub, slug)
    if (open) {
      if (open.lineItemUrl !== launch.lineItemUrl) await updateLaunchLineItem(db, open.id, launch.lineItemUrl)
      return {
        location: `/embed/a/${await reissueAttemptToken(db, open.attemptId)}/q/1`,
        startedAttemptId: null,
      }
    }
  }
  const set = await findEmbeddableSet(db, slug)
  if (!set || !isEmbeddable(set.embedPolicy))
    refuse(404, 'no_quiz', `There is no quiz "${slug}" that can be opened from a course.`)
  const learnerId =
    launch.sub === null ? crypto.randomUUID() : await ensureLtiLearner(db, platform.id, launch.sub, now)
  const { attempt, token } = await startEmbeddedAttempt(db, set, { learnerId })
  await insertLaunch(db, {
    id: crypto.randomUUID(),
    attemptId: attempt.id,
    platformId: platform.id,
    deploymentId: launch.deploymentId,
    userSub: launch.sub,
    resourceLinkId: launch.resourceLinkId,
    contextId: launch.contextId,
    lineItemUrl: launch.sub === null ? null : launch.lineItemUrl,
    createdAt: now,
  })
  return { location: `/embed/a/${token}/q/1`, startedAttemptId: attempt.id }
}
