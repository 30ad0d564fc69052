import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `cachePublicly`: how long this response may be kept by any cache, in seconds. */
    publicMaxAge: number
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

/**
 * The one place that decides `Cache-Control` for Worker responses (static
 * assets get theirs from public/_headers). Everything is `private, no-store`
 * by default: attempt and practice pages, results, progress, embed pages
 * (whose URL holds an access token), LTI pages and the API all depend on who
 * asks. A response is public only when its route called `cachePublicly`, it
 * is a 200 to a GET or HEAD, no cookie came in and none goes out; `Vary:
 * Cookie` keeps a browser from reusing that anonymous copy once it has a
 * cookie. Registered before the routes, so it also covers error pages.
 */
export const cacheControl = createMiddleware(async (c, next) => {
  await next()
  const maxAge = c.get('publicMaxAge')
  const shared =
    maxAge !== undefined &&
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    c.res.status === 200 &&
    !c.req.header('cookie') &&
    !c.res.headers.has('set-cookie')
  if (shared) {
    c.res.headers.set('Cache-Control', `public, max-age=${maxAge}`)
    c.res.headers.append('Vary', 'Cookie')
  } else {
    c.res.headers.set('Cache-Control', PRIVATE_NO_STORE)
  }
})
