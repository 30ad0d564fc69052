import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { fail } from './fail'

/**
 * The API only accepts JSON bodies. Refusing other content types also closes
 * the cross-site `text/plain` form trick, and malformed JSON becomes a 400
 * instead of a crash.
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'POST') return next()
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\b/i.test(type))
    fail(415, 'unsupported_media_type', 'Send the request body as application/json.')
  try {
    await c.req.json()
  } catch {
    fail(400, 'bad_request', 'The request body is not valid JSON.')
  }
  await next()
})
