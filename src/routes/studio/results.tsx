import { Hono } from 'hono'
import * as z from 'zod'
import { countReportsByQuestion } from '../../db/question-reports'
import type { StudioEnv } from '../../env'
import { validate } from '../../http/validate'
import { buildResultsView } from '../../services/results'
import { attemptsCsv, responsesCsv } from '../../services/results-csv'
import { renderPage } from '../../views/render'
import { StudioResultsPage } from '../../views/studio/results-page'
import { slugParam } from '../params'
import { ownedSet } from './owned-set'

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) })

/** Content-Disposition for a download named after the set, e.g. `my-set-attempts.csv`. */
const attachment = (slug: string, what: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${slug}-${what}.csv"`,
  'cache-control': 'no-store',
})

/**
 * The results dashboard of an instructor's set and its CSV exports, mounted
 * under /studio by the studio router (which checks the session); `ownedSet`
 * checks the set is theirs.
 */
export const studioResults = new Hono<StudioEnv>()
  .get(
    '/sets/:slug/results',
    validate('param', slugParam),
    validate('query', pageQuery),
    ownedSet,
    async (c) => {
      const db = c.get('db')
      const set = c.get('set')
      const [view, reports] = await Promise.all([
        buildResultsView(db, set, c.req.valid('query').page),
        countReportsByQuestion(db, set.slug),
      ])
      return renderPage(c, <StudioResultsPage view={view} reports={reports} />)
    },
  )
  .get('/sets/:slug/results/attempts.csv', validate('param', slugParam), ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    return c.body(attemptsCsv(db, set), 200, attachment(set.slug, 'attempts'))
  })
  .get('/sets/:slug/results/responses.csv', validate('param', slugParam), ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    return c.body(responsesCsv(db, set), 200, attachment(set.slug, 'responses'))
  })
