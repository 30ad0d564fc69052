import { Hono } from 'hono'
import { z } from 'zod'
import type { StudioEnv } from '../env'
import { requireInstructor } from '../http/instructor-session'
import { validate } from '../http/validate'
import { requireOwnedSet } from '../services/owned-sets'
import { buildResultsView } from '../services/results'
import { attemptsCsv, responsesCsv } from '../services/results-csv'
import { renderPage } from '../views/render'
import { StudioResultsPage } from '../views/studio-results-page'
import { slugParam } from './params'

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) })

/** Content-Disposition for a download named after the set, e.g. `my-set-attempts.csv`. */
const attachment = (slug: string, what: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${slug}-${what}.csv"`,
  'cache-control': 'no-store',
})

/**
 * The results dashboard of an instructor's set and its CSV exports, mounted
 * under /studio. Each route checks the session itself (not a router-wide
 * `use`), so this router adds nothing to the other studio pages.
 */
export const studioResults = new Hono<StudioEnv>()
  .get(
    '/sets/:slug/results',
    requireInstructor,
    validate('param', slugParam),
    validate('query', pageQuery),
    async (c) => {
      const db = c.get('db')
      const set = await requireOwnedSet(db, c.get('instructor').id, c.req.valid('param').slug)
      const view = await buildResultsView(db, set, c.req.valid('query').page)
      return renderPage(c, <StudioResultsPage view={view} />)
    },
  )
  .get('/sets/:slug/results/attempts.csv', requireInstructor, validate('param', slugParam), async (c) => {
    const db = c.get('db')
    const set = await requireOwnedSet(db, c.get('instructor').id, c.req.valid('param').slug)
    return c.body(attemptsCsv(db, set), 200, attachment(set.slug, 'attempts'))
  })
  .get('/sets/:slug/results/responses.csv', requireInstructor, validate('param', slugParam), async (c) => {
    const db = c.get('db')
    const set = await requireOwnedSet(db, c.get('instructor').id, c.req.valid('param').slug)
    return c.body(responsesCsv(db, set), 200, attachment(set.slug, 'responses'))
  })
