import type { Db } from '../db/client'
import { findLaunchForPassback, type LaunchForPassback, recordPassback } from '../db/lti-passbacks'
import type { LtiPlatformRow, PassbackStatus } from '../db/schema'
import {
  CLIENT_ASSERTION_TTL_S,
  clientAssertionClaims,
  SCORE_CONTENT_TYPE,
  type ScoreBody,
  scoreBody,
  scoresUrl,
  startedBody,
  tokenRequestBody,
} from '../lti/ags'
import { isOnOrigins, type OutboundPolicy, platformOrigins } from '../lti/outbound'
import { signToolJwt } from '../lti/tool-keys'
import { callPlatform, OutboundRefusal, type PlatformFetch } from './lti-outbound'
import { toolSigningKey } from './lti-tool-keys'

/**
 * Assignment and Grade Services: when an attempt started from an LMS begins,
 * Cited tells the platform (Started, NotReady); when it is complete (every
 * answer in, or closed by its time limit), Cited sends the score (Completed,
 * FullyGraded). Each update asks the platform's token endpoint for an access
 * token (client credentials with a JWT signed by the tool key) and posts to
 * the launch's line item. Completed scores are written to the launch row, so
 * a failure shows in the studio and can be retried.
 *
 * The access token only ever goes to the platform's registered hosts (its
 * token URL, JWKS URL and issuer origins): a line item elsewhere is refused
 * before any token is asked for.
 */

export type PassbackResult = { status: PassbackStatus; error: string | null }

export type PassbackOptions = { policy: OutboundPolicy; fetchImpl?: PlatformFetch; now?: Date }

class PassbackError extends Error {}

/** A status and a fixed sentence: the platform's own answer is never stored or shown (it may be anything). */
const failedStep = (step: string, status: number) =>
  new PassbackError(`${step} answered ${status}; check the registration in Studio → LTI and send again.`)

async function requestAccessToken(
  db: Db,
  platform: Pick<LtiPlatformRow, 'clientId' | 'authTokenUrl' | 'audience'>,
  options: PassbackOptions,
  now: Date,
): Promise<string> {
  const signing = await toolSigningKey(db, now.getTime())
  const assertion = await signToolJwt(signing, clientAssertionClaims(platform), CLIENT_ASSERTION_TTL_S, now)
  const answer = await callPlatform(
    platform.authTokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenRequestBody(assertion),
    },
    {
      origins: [new URL(platform.authTokenUrl).origin],
      policy: options.policy,
      fetchImpl: options.fetchImpl,
    },
  )
  if (!answer.ok) throw failedStep('The token endpoint', answer.status)
  let token: unknown
  try {
    token = (JSON.parse(new TextDecoder().decode(answer.body)) as { access_token?: unknown }).access_token
  } catch {
    token = undefined
  }
  if (typeof token !== 'string' || !token)
    throw new PassbackError('The token endpoint answered without an access_token.')
  return token
}

/** Posts one score update to a launch's line item; throws a PassbackError or OutboundRefusal. */
async function postScore(
  db: Db,
  found: LaunchForPassback,
  lineItemUrl: string,
  body: ScoreBody,
  options: PassbackOptions,
  now: Date,
): Promise<void> {
  const origins = platformOrigins(found.platform)
  const target = scoresUrl(lineItemUrl)
  // Checked before asking for a token: a launch naming someone else's server gets nothing.
  if (!isOnOrigins(target, origins))
    throw new PassbackError(
      `The launch's line item is not on this platform's registered hosts (${origins.join(', ')}); no score was sent.`,
    )
  const token = await requestAccessToken(db, found.platform, options, now)
  const answer = await callPlatform(
    target,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': SCORE_CONTENT_TYPE },
      body: JSON.stringify(body),
    },
    { origins, policy: options.policy, fetchImpl: options.fetchImpl },
  )
  if (!answer.ok) throw failedStep('The score service', answer.status)
}

const reasonOf = (error: unknown) =>
  error instanceof PassbackError || error instanceof OutboundRefusal
    ? error.message
    : 'The platform could not be reached.'

/**
 * Sends the score of an LMS-launched attempt, if it is complete and the launch
 * has a user and a line item; returns null when there is nothing to send
 * (or, with `onlyFirst`, when a score was already sent or tried).
 * Never throws: failures are recorded (status `failed`, with the reason).
 */
export async function sendScore(
  db: Db,
  which: { attemptId: string } | { launchId: string },
  options: PassbackOptions & { onlyFirst?: boolean },
): Promise<PassbackResult | null> {
  const now = options.now ?? new Date()
  const found = await findLaunchForPassback(db, which)
  if (!found) return null
  const { launch, attempt } = found
  if (!launch.userSub || !launch.lineItemUrl || !attempt.completedAt) return null
  if (options.onlyFirst && launch.passbackStatus !== 'none') return null
  await recordPassback(db, launch.id, { status: 'pending', error: null, at: now.getTime() })
  let result: PassbackResult
  try {
    const body = scoreBody(launch.userSub, attempt.score, attempt.total, now)
    await postScore(db, found, launch.lineItemUrl, body, options, now)
    result = { status: 'sent', error: null }
  } catch (error) {
    result = { status: 'failed', error: reasonOf(error) }
  }
  await recordPassback(db, launch.id, { ...result, at: Date.now() })
  return result
}

/**
 * Tells the platform that an LMS-launched attempt has begun (activityProgress
 * Started, gradingProgress NotReady), as AGS expects. Best effort: the
 * gradebook only shows "in progress", so a failure is returned (and logged by
 * the caller) but not recorded; the Completed score is what the studio tracks.
 */
export async function sendStarted(
  db: Db,
  attemptId: string,
  options: PassbackOptions,
): Promise<PassbackResult | null> {
  const now = options.now ?? new Date()
  const found = await findLaunchForPassback(db, { attemptId })
  if (!found?.launch.userSub || !found.launch.lineItemUrl || found.attempt.completedAt) return null
  try {
    await postScore(db, found, found.launch.lineItemUrl, startedBody(found.launch.userSub, now), options, now)
    return { status: 'sent', error: null }
  } catch (error) {
    return { status: 'failed', error: reasonOf(error) }
  }
}
