import { createMiddleware } from 'hono/factory'
import { type EmbedPolicy, frameAncestors } from '../embed/policy'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by embed routes: which origins may frame this response. */
    embedPolicy: EmbedPolicy
  }
}

/**
 * Lets a set's allowed origins frame the embed pages. Registered outside the
 * security headers, so it runs after them: it replaces the global
 * `frame-ancestors 'none'` with the set's list, and drops X-Frame-Options
 * (which cannot express a list), only where a route set `embedPolicy`.
 * Every other page stays unframeable.
 */
export const framing = createMiddleware(async (c, next) => {
  await next()
  const policy = c.get('embedPolicy')
  if (!policy) return
  const directives = (c.res.headers.get('Content-Security-Policy') ?? '')
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !directive.startsWith('frame-ancestors'))
  directives.push(`frame-ancestors ${frameAncestors(policy)}`)
  c.res.headers.set('Content-Security-Policy', directives.join('; '))
  c.res.headers.delete('X-Frame-Options')
})
