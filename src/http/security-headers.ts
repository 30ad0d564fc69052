import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'
import { isHttps } from './is-https'

/** One year, subdomains included: the same rule public/_headers gives static assets. */
export const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Strict headers for every Worker response: scripts and styles only from our
 * own origin (islands read their props from data attributes, so no inline
 * script is needed), and pages are never framed.
 */
const strictHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'strict-origin-when-cross-origin',
  xFrameOptions: 'DENY',
  crossOriginEmbedderPolicy: false,
  // Set below, only over https: browsers ignore it on plain http anyway, and
  // a local `wrangler dev` on http://localhost should not pretend otherwise.
  strictTransportSecurity: false,
})

/** The strict headers, plus Strict-Transport-Security on responses to https requests. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await strictHeaders(c, next)
  if (isHttps(c)) c.res.headers.set('Strict-Transport-Security', HSTS)
})
