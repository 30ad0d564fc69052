import type { Context } from 'hono'
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

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `shareAcrossOrigins`: other sites' pages may show this response. */
    crossOriginResource: boolean
  }
}

/**
 * Lets other sites' pages embed this response (`Cross-Origin-Resource-Policy:
 * cross-origin` instead of `same-origin`): for uploaded images, which a GIFT
 * export links to from Moodle. Only for responses that are the same for everyone.
 */
export function shareAcrossOrigins(c: Context): void {
  c.set('crossOriginResource', true)
}

/** The strict headers, plus Strict-Transport-Security on responses to https requests. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await strictHeaders(c, next)
  if (c.get('crossOriginResource')) c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin')
  if (isHttps(c)) c.res.headers.set('Strict-Transport-Security', HSTS)
})
