import { getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import { countD1, D1_COUNT_HEADER, formatD1Counts, isD1LogOn } from '../db/d1-counter'
import type { AppEnv } from '../env'
import {
  BOOKMARK_COOKIE,
  BOOKMARK_MAX_AGE,
  handsOutBookmark,
  parseBookmark,
  sessionStart,
} from './d1-bookmark'
import { isHttps } from './is-https'

/**
 * Puts the request's Drizzle handle on the context, querying through a D1
 * session (the Sessions API), so reads can go to the nearest read replica
 * while a browser still reads its own writes: the session starts from the
 * bookmark its last form post or API call left in the `cited_d1` cookie (see
 * http/d1-bookmark.ts for when it starts elsewhere and when the cookie is
 * set). Without replication, as in local development and the tests, every
 * session is the one database and the bookmarks still come and go.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const request = { method: c.req.method, path: c.req.path }
  const session = c.env.DB.withSession(sessionStart(parseBookmark(getCookie(c, BOOKMARK_COOKIE)), request))
  // Bench mode only (`npm run bench` sets CITED_BENCH_D1_LOG): a request that asks with
  // X-Cited-D1 gets its D1 statements, round trips and rows counted in the same header.
  const counter = isD1LogOn(c.env) && c.req.header(D1_COUNT_HEADER) ? countD1(session) : null
  c.set('db', createDb(c.env.DB, counter?.d1 ?? session))
  await next()
  if (counter) c.res.headers.set(D1_COUNT_HEADER, formatD1Counts(counter.counts()))
  const bookmark = session.getBookmark()
  const knownBrowser = Boolean(c.req.header('cookie')) || c.res.headers.has('set-cookie')
  if (bookmark && handsOutBookmark({ ...request, knownBrowser }))
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      maxAge: BOOKMARK_MAX_AGE,
    })
})
