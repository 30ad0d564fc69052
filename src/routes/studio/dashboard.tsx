import { Hono } from 'hono'
import { listOwnedSets } from '../../db/owned-sets'
import { countOpenReportsByOwner } from '../../db/question-reports'
import { countLiveSessions } from '../../db/sessions'
import type { StudioEnv } from '../../env'
import { renderPage } from '../../views/render'
import { StudioDashboard } from '../../views/studio/dashboard-page'

/** The studio dashboard, behind the studio router's session check (index.ts). */
export const studio = new Hono<StudioEnv>().get('/', async (c) => {
  const instructor = c.get('instructor')
  const db = c.get('db')
  const [liveSessions, sets, openReports] = await Promise.all([
    countLiveSessions(db, instructor.id, Date.now()),
    listOwnedSets(db, instructor.id),
    countOpenReportsByOwner(db, instructor.id),
  ])
  return renderPage(
    c,
    <StudioDashboard
      email={instructor.email}
      liveSessions={liveSessions}
      sets={sets}
      openReports={openReports}
    />,
  )
})
