import { Hono } from 'hono'
import type { StudioEnv } from '../env'
import { requireInstructor } from '../http/instructor-session'

/** The studio's JSON API: 401 `{ error }` without a session, like the pages' redirect to sign-in. */
export const studioApi = new Hono<StudioEnv>().use(requireInstructor).get('/me', (c) => {
  const { id, email } = c.get('instructor')
  return c.json({ instructor: { id, email } })
})
