/**
 * Where Cited may send requests on a platform's behalf (its JWKS, token
 * endpoint and score service) and where a Deep Linking response may go. Every
 * such URL is typed by an instructor or signed by a platform, so none is
 * trusted as it is: https only, no loopback or private address, and passback
 * URLs only on the registered platform's own hosts.
 */

/** Development-only relaxations, from the `LTI_ALLOW_HTTP_LOCALHOST` var (off in production). */
export type OutboundPolicy = { allowHttpLocalhost: boolean }

export const PRODUCTION_POLICY: OutboundPolicy = { allowHttpLocalhost: false }

/** Reads the policy from the Worker's vars: only the exact string "true" relaxes it. */
export const outboundPolicy = (env: { LTI_ALLOW_HTTP_LOCALHOST?: string }): OutboundPolicy => ({
  allowHttpLocalhost: env.LTI_ALLOW_HTTP_LOCALHOST === 'true',
})

const isLocalName = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]'

/**
 * Hosts that name this machine or a private network: loopback, RFC 1918,
 * link-local (cloud metadata), carrier-grade NAT, "this network", and their
 * IPv6 counterparts. A platform is always a public host.
 */
function isPrivateHost(host: string): boolean {
  if (isLocalName(host)) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host)
  if (v4) {
    const a = Number(v4[1])
    const b = Number(v4[2])
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    )
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1).toLowerCase()
    return (
      v6 === '::' ||
      v6 === '::1' ||
      v6.startsWith('fc') ||
      v6.startsWith('fd') ||
      v6.startsWith('fe80') ||
      v6.startsWith('::ffff:')
    )
  }
  return false
}

/**
 * Whether Cited may call (or send a browser form to) this URL: https to a
 * public host; http or https to localhost only with the development setting.
 *
 * @example isAllowedEndpoint('http://localhost:8000/token', { allowHttpLocalhost: false }) // false
 */
export function isAllowedEndpoint(value: string, policy: OutboundPolicy): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (isLocalName(url.hostname))
    return policy.allowHttpLocalhost && (url.protocol === 'https:' || url.protocol === 'http:')
  return url.protocol === 'https:' && !isPrivateHost(url.hostname)
}

/** The origin of a URL, or null when it is not one (Canvas' issuer is a URL, but an issuer need not be). */
function originOf(value: string): string | null {
  try {
    const { origin } = new URL(value)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * The hosts a platform's services may live on: the origins of its registered
 * token URL, JWKS URL, issuer and (when given) grade services address. The
 * line item and score URLs a launch names must be on one of them, so an
 * access token never leaves the platform.
 *
 * @example platformOrigins({ issuer: 'https://lms.example', authTokenUrl: 'https://lms.example/token.php', jwksUrl: 'https://lms.example/certs.php', servicesUrl: null }) // ['https://lms.example']
 */
export function platformOrigins(platform: {
  issuer: string
  authTokenUrl: string
  jwksUrl: string
  servicesUrl: string | null
}): string[] {
  const origins = [platform.authTokenUrl, platform.jwksUrl, platform.issuer, platform.servicesUrl ?? '']
    .map(originOf)
    .filter((origin): origin is string => origin?.startsWith('http') === true)
  return [...new Set(origins)]
}

/** Whether a URL is on one of the given origins (exact scheme, host and port). */
export function isOnOrigins(value: string, origins: string[]): boolean {
  const origin = originOf(value)
  return origin !== null && origins.includes(origin)
}
