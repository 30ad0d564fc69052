import { Hono } from 'hono'
import type { StudioEnv } from '../../env'

/**
 * The studio's JSON API, mounted by the studio router (index.ts) behind the session
 * check: 401 `{ error }` without a session, like the pages' redirect to sign-in.
 */
export const studioApi = new Hono<StudioEnv>().get('/me', (c) => {
  const { id, email } = c.get('instructor')
  return c.json({ instructor: { id, email } })
})
