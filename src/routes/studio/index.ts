import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, StudioEnv } from '../../env'
import { studioApi } from './api'
import { studioAuth } from './auth'
import { studio } from './dashboard'
import { studioImport } from './import'
import { requireInstructor } from './instructor-session'
import { studioLive } from './live'
import { studioLti } from './lti'
import { studioAccount, studioPasskeySignIn, studioPasskeysApi } from './passkeys'
import { studioQuestionImages } from './question-images'
import { studioRegrades } from './regrades'
import { studioReports } from './reports'
import { studioResults } from './results'
import { studioSets } from './sets'
import { studioSources } from './sources'

/**
 * The only studio addresses answered without a session: signing in, up and
 * out (auth.tsx), and signing in with a passkey (passkeys.tsx). Everything else under /studio and /api/studio needs
 * one, whichever feature router below answers it.
 */
export const SIGNED_OUT_PATHS: ReadonlySet<string> = new Set([
  '/studio/signin',
  '/studio/signup',
  '/studio/signout',
  '/studio/signout-everywhere',
  '/studio/signin/passkey/options',
  '/studio/signin/passkey',
])

/** `requireInstructor` on every studio address but the signed-out ones. */
const signInCheck = createMiddleware<StudioEnv>((c, next) =>
  SIGNED_OUT_PATHS.has(c.req.path) ? next() : requireInstructor(c, next),
)

/**
 * The studio: the one router for /studio and /api/studio. The session check
 * is registered before any feature router, so it runs first on every studio
 * route (Hono runs a path's handlers in the order they were added) and a
 * route added to any of them is protected wherever it is mounted below.
 * Feature routers therefore do not check the session themselves; routes on
 * a set add `ownedSet` (owned-set.ts) for the ownership check.
 * test/routes/studio-guard.test.ts checks every registered studio route.
 */
export const studioRouter = new Hono<AppEnv>()
  // `/studio/*` matches /studio itself too.
  .use('/studio/*', signInCheck)
  .use('/api/studio/*', requireInstructor)
  .route('/studio', studioAuth)
  .route('/studio/signin/passkey', studioPasskeySignIn)
  .route('/studio/account', studioAccount)
  .route('/studio/lti', studioLti)
  .route('/studio', studioResults)
  .route('/studio', studioReports)
  .route('/studio', studioLive)
  .route('/studio/sets', studioImport)
  .route('/studio/sets', studioQuestionImages)
  .route('/studio/sets', studioSets)
  .route('/studio/sets', studioRegrades)
  .route('/studio/sources', studioSources)
  .route('/studio', studio)
  .route('/api/studio/passkeys', studioPasskeysApi)
  .route('/api/studio', studioApi)
