import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import type { AppEnv } from './env'
import { limitBodies } from './http/body-limit'
import { cacheControl } from './http/cache-control'
import { database } from './http/database'
import { handleError, handleNotFound } from './http/error-handler'
import { framing } from './http/framing'
import { securityHeaders } from './http/security-headers'
import { acceptsCrossSiteForms } from './lti/endpoints'
import { embed } from './routes/embed'
import { oembed } from './routes/embed/oembed'
import { images } from './routes/images'
import { accommodation } from './routes/learner/accommodation'
import { api } from './routes/learner/api'
import { attempts } from './routes/learner/attempts'
import { home } from './routes/learner/home'
import { practice } from './routes/learner/practice'
import { progress } from './routes/learner/progress'
import { quiz } from './routes/learner/quiz'
import { live } from './routes/live'
import { lti } from './routes/lti'
import { health } from './routes/ops/health'
import { studioRouter } from './routes/studio'

export const app = new Hono<AppEnv>()
  // Outside the security headers so it can relax frame-ancestors for embed pages only.
  .use(framing)
  .use(securityHeaders)
  // Private, no-store unless a route asked for public caching (see cachePublicly).
  .use(cacheControl)
  // Before anything reads a body: 413 over 64 KB (the question import sets its own limit).
  .use(limitBodies)
  // Form posts must come from our own pages (Origin / Sec-Fetch-Site check),
  // except the LTI login and launch, which an LMS posts from its own pages.
  .use(
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || acceptsCrossSiteForms(c.req.path),
      secFetchSite: (site, c) => site === 'same-origin' || acceptsCrossSiteForms(c.req.path),
    }),
  )
  .use(database)
  .route('/', health)
  .route('/', home)
  .route('/quiz', quiz)
  .route('/attempts', attempts)
  .route('/practice', practice)
  .route('/progress', progress)
  .route('/accommodation', accommodation)
  .route('/embed', embed)
  .route('/oembed', oembed)
  .route('/lti', lti)
  .route('/live', live)
  .route('/images', images)
  // /studio and /api/studio, all behind the studio's own session check.
  .route('/', studioRouter)
  .route('/api', api)
  .notFound(handleNotFound)
  .onError(handleError)
