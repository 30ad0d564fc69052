import { createMiddleware } from 'hono/factory'
import { type EmbedPolicy, frameAncestors } from '../embed/policy'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by embed routes: which origins may frame this response. */
    embedPolicy: EmbedPolicy
    /** Set by a page whose forms post to another site (LTI Deep Linking back to the LMS): their origins. */
    formTargets: string[]
  }
}

/**
 * Lets a set's allowed origins frame the embed pages. Registered outside the
 * security headers, so it runs after them: it replaces the global
 * `frame-ancestors 'none'` with the set's list, and drops X-Frame-Options
 * (which cannot express a list), only where a route set `embedPolicy`.
 * Every other page stays unframeable. Likewise, `formTargets` widens
 * `form-action` for the one page that posts back to an LMS.
 */
export const framing = createMiddleware(async (c, next) => {
  await next()
  const policy = c.get('embedPolicy')
  const formTargets = c.get('formTargets')
  if (!policy && !formTargets) return
  let directives = (c.res.headers.get('Content-Security-Policy') ?? '')
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean)
  if (policy) {
    directives = directives.filter((directive) => !directive.startsWith('frame-ancestors'))
    directives.push(`frame-ancestors ${frameAncestors(policy)}`)
    c.res.headers.delete('X-Frame-Options')
  }
  if (formTargets) {
    directives = directives.filter((directive) => !directive.startsWith('form-action'))
    directives.push(`form-action 'self' ${formTargets.join(' ')}`)
  }
  c.res.headers.set('Content-Security-Policy', directives.join('; '))
})
