/**
 * The tool's LTI addresses, as an LMS administrator pastes them when
 * registering Cited (shown on /studio/lti).
 */
export const LTI_PATHS = {
  login: '/lti/login',
  launch: '/lti/launch',
  jwks: '/lti/jwks',
} as const

/**
 * The only paths that accept form posts from other sites: an LMS posts the
 * login initiation and the id_token from its own pages. Everything else keeps
 * the same-origin CSRF check.
 */
export const acceptsCrossSiteForms = (path: string) => path === LTI_PATHS.login || path === LTI_PATHS.launch

export type ToolUrls = {
  login: string
  launch: string
  deepLinking: string
  jwks: string
}

/**
 * The URLs for an LMS registration. Resource links and Deep Linking requests
 * both come back to the one launch URL; the message type tells them apart.
 * @example toolUrls('https://cited.example').jwks // 'https://cited.example/lti/jwks'
 */
export function toolUrls(origin: string): ToolUrls {
  return {
    login: `${origin}${LTI_PATHS.login}`,
    launch: `${origin}${LTI_PATHS.launch}`,
    deepLinking: `${origin}${LTI_PATHS.launch}`,
    jwks: `${origin}${LTI_PATHS.jwks}`,
  }
}
