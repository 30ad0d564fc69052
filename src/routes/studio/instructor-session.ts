import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Db } from '../../db/client'
import type { StudioEnv } from '../../env'
import { wantsJson } from '../../http/error-handler'
import type { ErrorCode } from '../../http/fail'
import { isHttps } from '../../http/is-https'
import { resolveSession, type SignedInInstructor } from '../../services/instructor-auth'

const COOKIE = 'cited_session'

/** The raw session token from the cookie, if any (not yet checked against D1). */
export function readSessionToken(c: Context): string | null {
  return getCookie(c, COOKIE) ?? null
}

/** Sends the session cookie: HttpOnly, SameSite=Lax, Secure over https, gone when the session expires. */
export function setSessionCookie(c: Context, token: string, expiresAt: number, now: number): void {
  setCookie(c, COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)),
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/', secure: isHttps(c) })
}

/**
 * The signed-in instructor, or null. Extends the session and its cookie when
 * it is due for renewal; a cookie that no longer matches a live session is
 * cleared.
 */
export async function currentInstructor(c: Context, db: Db): Promise<SignedInInstructor | null> {
  const token = readSessionToken(c)
  if (!token) return null
  const now = Date.now()
  const resolved = await resolveSession(db, token, now)
  if (!resolved) {
    clearSessionCookie(c)
    return null
  }
  if (resolved.renewedUntil !== null) setSessionCookie(c, token, resolved.renewedUntil, now)
  return resolved.instructor
}

/** Pages for one instructor's eyes are never kept by shared caches or the back-forward cache. */
export const noStore = createMiddleware(async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
})

/**
 * Lets signed-in instructors through (as `c.get('instructor')`). Anyone else
 * gets 401 JSON under /api/, and is sent to the sign-in page elsewhere, with
 * `next` set so they come back to the page they asked for.
 */
export const requireInstructor = createMiddleware<StudioEnv>(async (c, next) => {
  const instructor = await currentInstructor(c, c.get('db'))
  if (instructor) {
    c.set('instructor', instructor)
    await next()
    c.header('Cache-Control', 'no-store')
    return
  }
  c.header('Cache-Control', 'no-store')
  if (wantsJson(c)) {
    const code: ErrorCode = 'unauthorized'
    return c.json({ error: { code, message: 'Sign in to the studio first.' } }, 401)
  }
  // Only a GET can be repeated after signing in; a form post goes back to the dashboard.
  const url = new URL(c.req.url)
  const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : '/studio'
  const query = back === '/studio' ? '' : `?next=${encodeURIComponent(back)}`
  return c.redirect(`/studio/signin${query}`, 303)
})
