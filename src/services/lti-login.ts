import type { Db } from '../db/client'
import { insertLogin } from '../db/lti-launches'
import { findPlatformsByIssuer, hasDeployment } from '../db/lti-platforms'
import { toolUrls } from '../lti/endpoints'
import { authRequestUrl, LOGIN_TTL_MS, type LoginParams, randomToken } from '../lti/login'
import { refuse } from '../lti/refusal'
import { isOwnTarget } from '../lti/target'

/**
 * Handles the platform's OIDC login initiation: finds the registration, keeps
 * a fresh state and nonce in D1 (no cookie: an LMS iframe often gets none)
 * and returns the platform authorization URL to redirect to.
 */
export async function beginLogin(
  db: Db,
  params: LoginParams,
  origin: string,
  now = Date.now(),
): Promise<string> {
  const platforms = await findPlatformsByIssuer(db, params.iss, params.client_id)
  const platform = platforms[0]
  if (!platform)
    refuse(
      400,
      'unknown_platform',
      `No platform with issuer ${params.iss}${params.client_id ? ` and client id ${params.client_id}` : ''} is registered in Cited. An instructor registers it in the Cited studio (LTI).`,
    )
  if (platforms.length > 1)
    refuse(
      400,
      'unknown_platform',
      `Several registrations use issuer ${params.iss}; the platform must send client_id with the login.`,
    )
  if (
    params.lti_deployment_id !== undefined &&
    !(await hasDeployment(db, platform.id, params.lti_deployment_id))
  )
    refuse(
      403,
      'unknown_deployment',
      `Deployment ${params.lti_deployment_id} is not registered for this platform in the Cited studio.`,
    )
  if (!isOwnTarget(params.target_link_uri, origin))
    refuse(
      400,
      'bad_request',
      `The target link ${params.target_link_uri} is not a Cited address (${origin}).`,
    )
  const state = randomToken()
  const nonce = randomToken()
  await insertLogin(
    db,
    {
      nonce,
      state,
      platformId: platform.id,
      targetLinkUri: params.target_link_uri,
      deploymentId: params.lti_deployment_id ?? null,
      expiresAt: now + LOGIN_TTL_MS,
    },
    now,
  )
  return authRequestUrl(platform.authLoginUrl, {
    clientId: platform.clientId,
    redirectUri: toolUrls(origin).launch,
    loginHint: params.login_hint,
    messageHint: params.lti_message_hint,
    state,
    nonce,
  })
}
