import { Hono } from 'hono'
import { countLiveSessions } from '../db/sessions'
import type { StudioEnv } from '../env'
import { requireInstructor } from '../http/instructor-session'
import { renderPage } from '../views/render'
import { StudioPage } from '../views/studio-page'

/** The signed-in studio pages; every route here is behind `requireInstructor`. */
export const studio = new Hono<StudioEnv>().use(requireInstructor).get('/', async (c) => {
  const instructor = c.get('instructor')
  const liveSessions = await countLiveSessions(c.get('db'), instructor.id, Date.now())
  return renderPage(c, <StudioPage email={instructor.email} liveSessions={liveSessions} />)
})
