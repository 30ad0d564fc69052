import * as z from 'zod'

/** How long a login (state and nonce) waits for the platform to post the id_token back. */
export const LOGIN_TTL_MS = 10 * 60 * 1000

/** The OIDC third-party login initiation parameters (query string or form). */
export const loginParams = z.object({
  iss: z.string().min(1).max(2048),
  login_hint: z.string().min(1).max(4096),
  target_link_uri: z.string().min(1).max(2048),
  lti_message_hint: z.string().max(4096).optional(),
  client_id: z.string().min(1).max(255).optional(),
  lti_deployment_id: z.string().min(1).max(255).optional(),
})

export type LoginParams = z.infer<typeof loginParams>

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** A random, URL-safe value (256 bits) for `state` and `nonce`. */
export const randomToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))

/**
 * The platform's OIDC authorization URL that the login initiation redirects to
 * (keeping any query the platform's URL already has).
 *
 * @example authRequestUrl('https://lms.example/auth', { clientId: 'c', redirectUri: 'https://cited.example/lti/launch', loginHint: 'u', state: 's', nonce: 'n' })
 */
export function authRequestUrl(
  authLoginUrl: string,
  request: {
    clientId: string
    redirectUri: string
    loginHint: string
    messageHint?: string
    state: string
    nonce: string
  },
): string {
  const url = new URL(authLoginUrl)
  const params: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    login_hint: request.loginHint,
    state: request.state,
    nonce: request.nonce,
  }
  if (request.messageHint !== undefined) params.lti_message_hint = request.messageHint
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  return url.toString()
}
