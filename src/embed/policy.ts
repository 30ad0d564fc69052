import * as z from 'zod'

/**
 * Where a quiz set may be embedded. `anywhere` must be chosen explicitly; an
 * empty list of origins means the set cannot be framed at all.
 */
export type EmbedPolicy = { anywhere: boolean; origins: string[] }

export const NOT_EMBEDDABLE: EmbedPolicy = { anywhere: false, origins: [] }

/**
 * An origin as browsers send it: scheme, host and optional port, nothing else.
 * `http:` only for localhost, for course sites under development.
 */
export const originSchema = z
  .string()
  .trim()
  .transform((value, context) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      context.addIssue({
        code: 'custom',
        message: `"${value}" is not an origin like https://course.example.edu`,
      })
      return z.NEVER
    }
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
      context.addIssue({ code: 'custom', message: `"${value}" must use https (http only for localhost)` })
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username)
      context.addIssue({ code: 'custom', message: `"${value}" must be an origin only, without a path` })
    return url.origin
  })

export const embedPolicySchema = z
  .strictObject({ anywhere: z.boolean().default(false), origins: z.array(originSchema).max(20).default([]) })
  .default(NOT_EMBEDDABLE)

export const isEmbeddable = (policy: EmbedPolicy) => policy.anywhere || policy.origins.length > 0

/**
 * The CSP `frame-ancestors` value for a set's embed pages.
 *
 * @example frameAncestors({ anywhere: false, origins: ['https://lms.example.edu'] }) // "https://lms.example.edu"
 */
export function frameAncestors(policy: EmbedPolicy): string {
  if (policy.anywhere) return '*'
  return policy.origins.length ? policy.origins.join(' ') : "'none'"
}

/**
 * The origins the embedded page posts its events to. postMessage drops a
 * message whose target origin is not the parent's, so posting to each allowed
 * origin reaches the right host and no other.
 */
export function messageTargets(policy: EmbedPolicy): string[] {
  return policy.anywhere ? ['*'] : policy.origins
}

/**
 * Whether a page of `origin` may frame the set (what `frameAncestors` makes
 * the browser enforce), for the host script to say so instead of showing the
 * browser's blank error box.
 * @example allowsHost({ anywhere: false, origins: ['https://lms.example.edu'] }, 'https://lms.example.edu') // true
 */
export function allowsHost(policy: EmbedPolicy, origin: string): boolean {
  return policy.anywhere || policy.origins.includes(origin)
}
