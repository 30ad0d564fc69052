import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { toBase64Url } from '../auth/bytes'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `cachePublicly`: how long this response may be kept by any cache, in seconds. */
    publicMaxAge: number
    /** Set by `cacheImmutably`: the response is content-addressed and the same for everyone. */
    immutable: boolean
  }
}

/** What every response of the Worker gets unless it opted in to public caching. */
export const PRIVATE_NO_STORE = 'private, no-store'

/**
 * Lets a page that is the same for every visitor (the quiz list, a set's
 * intro page, the tool's JWKS) be kept for `maxAgeSeconds`. It is only a
 * request: `cacheControl` still answers `private, no-store` when the request
 * carried a cookie or the response sets one, so a route cannot make a
 * learner's page public by mistake.
 * @example cachePublicly(c, 60)
 */
export function cachePublicly(c: Context, maxAgeSeconds: number): void {
  c.set('publicMaxAge', maxAgeSeconds)
}

/** What a content-addressed response may be kept for: a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * For a response whose URL names its content (an image by the SHA-256 of its
 * bytes, routes/images.ts): public and immutable even when the request carried
 * a cookie, since the same URL can only ever answer the same bytes to anyone.
 * Only for a 200 (or its 304) to a GET or HEAD that sets no cookie.
 * @example cacheImmutably(c)
 */
export function cacheImmutably(c: Context): void {
  c.set('immutable', true)
}

/**
 * The one place that decides `Cache-Control` for Worker responses (static
 * assets get theirs from public/_headers). Everything is `private, no-store`
 * by default: attempt and practice pages, results, progress, embed pages
 * (whose URL holds an access token), LTI pages and the personalised API all
 * depend on who asks. A response is public only when its route called
 * `cachePublicly`, it is a 200 to a GET or HEAD, no cookie came in and none
 * goes out; `Vary: Cookie` keeps a browser from reusing that anonymous copy
 * once it has a cookie. A public response also gets an `ETag` (a hash of its
 * body), and a request whose `If-None-Match` names it gets a 304 without the
 * body. Registered before the routes, so it also covers error pages.
 */
export const cacheControl = createMiddleware(async (c, next) => {
  await next()
  const read = c.req.method === 'GET' || c.req.method === 'HEAD'
  const immutable = c.get('immutable') && read && (c.res.status === 200 || c.res.status === 304)
  if (immutable && !c.res.headers.has('set-cookie')) {
    c.res.headers.set('Cache-Control', IMMUTABLE)
    return
  }
  const maxAge = c.get('publicMaxAge')
  const shared =
    maxAge !== undefined &&
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    c.res.status === 200 &&
    !c.req.header('cookie') &&
    !c.res.headers.has('set-cookie')
  if (!shared) {
    c.res.headers.set('Cache-Control', PRIVATE_NO_STORE)
    return
  }
  c.res.headers.set('Cache-Control', `public, max-age=${maxAge}`)
  c.res.headers.append('Vary', 'Cookie')
  const etag = await bodyTag(c.res)
  c.res.headers.set('ETag', etag)
  if (namesTag(c.req.header('if-none-match'), etag)) {
    // Setting c.res carries the 200's headers (Cache-Control, ETag, Vary) over to the 304.
    c.res = new Response(null, { status: 304 })
    c.res.headers.delete('content-length')
  }
})

/** A strong entity tag: the first 128 bits of the body's SHA-256, base64url. */
async function bodyTag(response: Response): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer())
  return `"${toBase64Url(new Uint8Array(digest, 0, 16))}"`
}

/**
 * True when an `If-None-Match` header names `etag` (or is `*`). Compared
 * weakly, as RFC 9110 asks: a proxy that compresses the body turns our tag
 * into `W/"..."`, and the browser sends that back.
 * @example namesTag('W/"abc", "def"', '"abc"') // true
 */
export function namesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}
