import type { Context } from 'hono'
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../env'
import { cachePublicly } from '../../http/cache-control'
import { publicOrigin } from '../../http/public-origin'
import { loginParams } from '../../lti/login'
import { outboundPolicy } from '../../lti/outbound'
import { LtiRefusal, refuse } from '../../lti/refusal'
import { deepLinkOffers } from '../../services/lti-deep-linking'
import { openLaunchedQuiz, platformKeys, verifyLaunch } from '../../services/lti-launch'
import { beginLogin } from '../../services/lti-login'
import { toolJwks } from '../../services/lti-tool-keys'
import { LtiDeepLinkPage, LtiRefusalPage } from '../../views/lti-pages'
import { renderPage } from '../../views/render'
import { passBackStarted } from './passback'

const originOf = (c: Context<AppEnv>) => publicOrigin(c)

/** A refusal becomes its 4xx page; anything else is a real bug for the app's error handler. */
function refusalPage(c: Context<AppEnv>, error: unknown): Response {
  if (!(error instanceof LtiRefusal)) throw error
  return renderPage(
    c,
    <LtiRefusalPage status={error.status} reason={error.reason} message={error.message} />,
    error.status,
  )
}

/** An id_token is a few KB; anything far bigger is not a launch. */
const MAX_FIELD = 64 * 1024

/** The string fields of a form posted by an LMS (id_token is too long for the quiz forms' reader). */
async function readPosted(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => refuse(400, 'bad_request', 'The form could not be read.'))
  const fields: Record<string, string> = {}
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'string' && value.length <= MAX_FIELD) fields[name] = value
  return fields
}

/**
 * LTI pages are shown inside the LMS, whose iframe origin is not known in
 * advance (Canvas' issuer is not the school's host), so they may be framed
 * anywhere. They carry no cookie-based authority, so framing them gains an
 * attacker nothing. Nothing here is cached.
 */
const insideLms = createMiddleware<AppEnv>(async (c, next) => {
  c.set('embedPolicy', { anywhere: true, origins: [] })
  await next()
  c.header('Cache-Control', 'no-store')
})

/**
 * `/lti/*`: Cited as an LTI 1.3 tool. The platform starts a login
 * (`/lti/login`), Cited redirects to the platform's authorization endpoint,
 * and the platform posts the signed id_token back to `/lti/launch`.
 */
export const lti = new Hono<AppEnv>()
  .get('/jwks', async (c) => {
    cachePublicly(c, 300)
    return c.json(await toolJwks(c.get('db')))
  })
  .use('/login', insideLms)
  .use('/launch', insideLms)
  .on(['GET', 'POST'], '/login', async (c) => {
    try {
      const raw = c.req.method === 'POST' ? await readPosted(c) : c.req.query()
      const parsed = loginParams.safeParse(raw)
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') || 'the request'
        refuse(400, 'bad_request', `The login initiation is missing or has an invalid ${field}.`)
      }
      return c.redirect(await beginLogin(c.get('db'), parsed.data, originOf(c)), 302)
    } catch (error) {
      return refusalPage(c, error)
    }
  })
  .post('/launch', async (c) => {
    try {
      const form = await readPosted(c)
      const idToken = form.id_token
      const state = form.state
      if (!idToken || !state)
        refuse(400, 'bad_request', 'The launch must post id_token and state (response_mode=form_post).')
      const db = c.get('db')
      const policy = outboundPolicy(c.env)
      const { platform, message } = await verifyLaunch(db, { idToken, state }, platformKeys(policy))
      if (message.kind === 'resource_link') {
        const opened = await openLaunchedQuiz(db, platform, message, originOf(c))
        if (opened.startedAttemptId) passBackStarted(c, opened.startedAttemptId)
        return c.redirect(opened.location, 303)
      }
      const offers = await deepLinkOffers(db, platform, message, originOf(c), policy)
      c.set('formTargets', [new URL(message.returnUrl).origin])
      return renderPage(
        c,
        <LtiDeepLinkPage returnUrl={message.returnUrl} offers={offers} platformName={platform.name} />,
      )
    } catch (error) {
      return refusalPage(c, error)
    }
  })
