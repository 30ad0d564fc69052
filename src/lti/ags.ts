import type { JWTPayload } from 'jose'
import { SCORE_SCOPE } from './claims'

/** The client assertion's lifetime (RFC 7523 JWT bearer, as the LTI security framework asks). */
export const CLIENT_ASSERTION_TTL_S = 5 * 60

export const SCORE_CONTENT_TYPE = 'application/vnd.ims.lis.v1.score+json'

/**
 * Claims of the JWT the tool signs to ask the platform's token endpoint for an
 * access token: the client id as issuer and subject, the token URL (or the
 * registered audience) as audience.
 */
export function clientAssertionClaims(platform: {
  clientId: string
  authTokenUrl: string
  /** The audience the platform asked for at registration (Brightspace); null: the token URL. */
  audience: string | null
}): JWTPayload {
  return {
    iss: platform.clientId,
    sub: platform.clientId,
    aud: platform.audience ?? platform.authTokenUrl,
    jti: crypto.randomUUID(),
  }
}

/** The form body of the client-credentials token request. */
export function tokenRequestBody(clientAssertion: string, scopes: string[] = [SCORE_SCOPE]): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion,
    scope: scopes.join(' '),
  })
}

/**
 * The score service of a line item: `/scores` appended to its path, keeping
 * its query (Moodle's line items carry `?type_id=`).
 *
 * @example scoresUrl('https://lms.example/lineitems/7/lineitem?type_id=2') // 'https://lms.example/lineitems/7/lineitem/scores?type_id=2'
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`
  return url.toString()
}

export type ScoreBody = {
  userId: string
  scoreGiven?: number
  scoreMaximum?: number
  activityProgress: 'Started' | 'Completed'
  gradingProgress: 'NotReady' | 'FullyGraded'
  timestamp: string
}

/**
 * The score of a completed attempt, as the AGS score service takes it.
 * `at` is when the score is sent, not when the attempt ended: AGS orders
 * score updates by timestamp and ignores one that does not move forward, so
 * two updates (a retry included) never share one.
 */
export function scoreBody(userId: string, points: number, max: number, at: Date): ScoreBody {
  return {
    userId,
    // Partial credit makes fractions; two decimals are plenty for a gradebook.
    scoreGiven: Math.round(points * 100) / 100,
    scoreMaximum: max,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp: at.toISOString(),
  }
}

/** The update that says the learner has begun: no score yet, so the gradebook shows "in progress". */
export function startedBody(userId: string, at: Date): ScoreBody {
  return { userId, activityProgress: 'Started', gradingProgress: 'NotReady', timestamp: at.toISOString() }
}
