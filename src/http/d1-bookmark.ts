/**
 * Read-your-writes over D1's read replicas (the Sessions API): each request
 * queries through a session that starts from the browser's last bookmark, so
 * a replica answers only once it holds everything that browser wrote. The
 * middleware is http/database.ts; these are its decisions, kept pure.
 */

/** The cookie that carries a browser's latest D1 bookmark to its next request. */
export const BOOKMARK_COOKIE = 'cited_d1'

/**
 * How long the cookie lives, in seconds. Replicas lag by well under a second,
 * so after ten minutes any replica holds the write and the cookie has no more
 * use; a stale bookmark costs nothing either, as every replica satisfies it.
 */
export const BOOKMARK_MAX_AGE = 600

/** D1's bookmark format: three 8-digit and one 32-digit hex groups (as in Time Travel's bookmarks). */
const bookmarkPattern = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/

/**
 * The bookmark in a cookie, or null when there is none or it is not one D1
 * made: a session started from garbage would fail the request's queries.
 * @example parseBookmark('00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683') // the same string
 * @example parseBookmark('first-primary') // null: a constraint is ours to choose, not the client's
 */
export function parseBookmark(value: string | undefined): D1SessionBookmark | null {
  return value !== undefined && bookmarkPattern.test(value) ? value : null
}

/**
 * Pages inside other sites' iframes (embed pages, their answer API, LTI),
 * where the browser keeps no cookie of ours: their attempt travels in the
 * URL's token. Threading a bookmark through every link, form and redirect
 * there as well would buy replica reads for a small share of the traffic, so
 * these requests start on the primary instead, which sees every write.
 */
const framedPath = /^\/(?:embed|api\/embed|lti)(?:\/|$)/

type Request = { method: string; path: string }

const reads = (method: string) => method === 'GET' || method === 'HEAD'

/**
 * Where a request's D1 session starts. With a bookmark: at a replica at least
 * as new as it (the browser's own writes included). Without one, a read may
 * start anywhere, while a form post or API call, which reads what it is about
 * to change (an attempt, a rate limit, an account), starts on the primary.
 * @example sessionStart(null, { method: 'GET', path: '/quiz/x' }) // 'first-unconstrained'
 */
export function sessionStart(
  bookmark: D1SessionBookmark | null,
  request: Request,
): D1SessionBookmark | D1SessionConstraint {
  if (framedPath.test(request.path)) return 'first-primary'
  return bookmark ?? (reads(request.method) ? 'first-unconstrained' : 'first-primary')
}

/**
 * Whether the response hands the browser its new bookmark: after a request
 * that may have written (not a GET or HEAD), outside the framed pages, and
 * only to a browser we already know by a cookie (or are giving one now, as
 * when starting a first attempt or signing in). So a visitor who only looks
 * gets no cookie, and a first sign-up answers the same whether its email was
 * free or taken (docs/security.md). Reads after a GET that wrote (a session
 * renewed, an attempt closed by its time limit) may miss that write for a
 * moment; those writes are idempotent.
 */
export function handsOutBookmark(request: Request & { knownBrowser: boolean }): boolean {
  return !reads(request.method) && !framedPath.test(request.path) && request.knownBrowser
}
