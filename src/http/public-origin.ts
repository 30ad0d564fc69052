import type { Context } from 'hono'

/**
 * The origin of a configured `PUBLIC_ORIGIN` ("https://cited.example", a
 * trailing slash or path dropped), or null when it is empty. Anything that is
 * not an http(s) URL is a deployment mistake, reported loudly rather than
 * silently replaced by the Host header it exists to override.
 * @example configuredOrigin('https://cited.example/') // 'https://cited.example'
 */
export function configuredOrigin(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  if (!trimmed) return null
  const url = URL.canParse(trimmed) ? new URL(trimmed) : null
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Error(`PUBLIC_ORIGIN must be an origin like https://cited.example, not "${trimmed}".`)
  return url.origin
}

/**
 * The origin to put in absolute URLs that leave the page (oEmbed, share links,
 * embed snippets, LTI endpoints): the configured `PUBLIC_ORIGIN` when set,
 * else the request's own origin. The Host header is the client's to choose,
 * so production sets `PUBLIC_ORIGIN` (see wrangler.toml).
 * @example `${publicOrigin(c)}/quiz/${slug}`
 */
export function publicOrigin<E extends { Bindings: Env }>(c: Context<E>): string {
  return configuredOrigin(c.env.PUBLIC_ORIGIN) ?? new URL(c.req.url).origin
}
