import { getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import type { AppEnv } from '../env'
import {
  BOOKMARK_COOKIE,
  BOOKMARK_MAX_AGE,
  handsOutBookmark,
  parseBookmark,
  sessionStart,
} from './d1-bookmark'

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
  c.set('db', createDb(c.env.DB, session))
  await next()
  const bookmark = session.getBookmark()
  const knownBrowser = Boolean(c.req.header('cookie')) || c.res.headers.has('set-cookie')
  if (bookmark && handsOutBookmark({ ...request, knownBrowser }))
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: BOOKMARK_MAX_AGE,
    })
})
