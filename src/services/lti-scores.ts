import type { Db } from '../db/client'
import { findLaunchForPassback, recordPassback } from '../db/lti'
import type { PassbackStatus } from '../db/schema'
import {
  CLIENT_ASSERTION_TTL_S,
  clientAssertionClaims,
  SCORE_CONTENT_TYPE,
  scoreBody,
  scoresUrl,
  tokenRequestBody,
} from '../lti/ags'
import { signToolJwt } from '../lti/tool-keys'
import { type PlatformFetch, platformFetch, toolSigningKey } from './lti'

/**
 * Assignment and Grade Services: when an attempt started from an LMS is
 * complete, Cited asks the platform's token endpoint for an access token
 * (client credentials with a JWT signed by the tool key) and posts the score
 * to the launch's line item. The outcome is written to the launch row, so a
 * failure shows in the studio and can be retried.
 */

export type PassbackResult = { status: PassbackStatus; error: string | null }

/** Errors shown in the studio are cut to this length (a platform may answer with a whole HTML page). */
const MAX_ERROR = 300

class PassbackError extends Error {}

async function describeFailure(step: string, response: Response): Promise<PassbackError> {
  const body = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim()
  const detail = body ? `: ${body.slice(0, 160)}` : ''
  return new PassbackError(`${step} answered ${response.status}${detail}`)
}

async function requestAccessToken(
  db: Db,
  platform: { clientId: string; authTokenUrl: string },
  fetchImpl: PlatformFetch,
  now: Date,
): Promise<string> {
  const signing = await toolSigningKey(db, now.getTime())
  const assertion = await signToolJwt(signing, clientAssertionClaims(platform), CLIENT_ASSERTION_TTL_S, now)
  const response = await fetchImpl(platform.authTokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: tokenRequestBody(assertion),
  })
  if (!response.ok) throw await describeFailure('The token endpoint', response)
  const body = (await response.json().catch(() => null)) as { access_token?: unknown } | null
  if (typeof body?.access_token !== 'string')
    throw new PassbackError('The token endpoint answered without an access_token.')
  return body.access_token
}

/**
 * Sends the score of an LMS-launched attempt, if it is complete and the launch
 * has a user and a line item; returns null when there is nothing to send.
 * Never throws: failures are recorded (status `failed`, with the reason).
 */
export async function sendScore(
  db: Db,
  which: { attemptId: string } | { launchId: string },
  fetchImpl: PlatformFetch = platformFetch,
  now = new Date(),
): Promise<PassbackResult | null> {
  const found = await findLaunchForPassback(db, which)
  if (!found) return null
  const { launch, platform, attempt } = found
  if (!launch.userSub || !launch.lineItemUrl || !attempt.completedAt) return null
  await recordPassback(db, launch.id, { status: 'pending', error: null, at: now.getTime() })
  let result: PassbackResult
  try {
    const token = await requestAccessToken(db, platform, fetchImpl, now)
    const response = await fetchImpl(scoresUrl(launch.lineItemUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': SCORE_CONTENT_TYPE },
      body: JSON.stringify(scoreBody(launch.userSub, attempt.score, attempt.total, attempt.completedAt)),
    })
    if (!response.ok) throw await describeFailure('The score service', response)
    result = { status: 'sent', error: null }
  } catch (error) {
    const reason =
      error instanceof PassbackError
        ? error.message
        : `The platform could not be reached (${error instanceof Error ? error.message : String(error)}).`
    result = { status: 'failed', error: reason.slice(0, MAX_ERROR) }
  }
  await recordPassback(db, launch.id, { ...result, at: Date.now() })
  return result
}
