import { Hono } from 'hono'
import { loadDueSummary } from '../../db/learning'
import type { AppEnv } from '../../env'
import { cachePublicly } from '../../http/cache-control'
import { dueWindow } from '../../learning/due'
import { listQuizSets } from '../../services/quiz-sets'
import { HomePage } from '../../views/home-page'
import { renderPage } from '../../views/render'
import { readLearnerId } from './learner-id'
import { readTimeZone } from './time-zone'

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const learnerId = readLearnerId(c)
  const timeZone = readTimeZone(c)
  const [{ sets, sources }, due] = await Promise.all([
    listQuizSets(db, { anonymous: !c.req.header('cookie') }),
    learnerId ? loadDueSummary(db, learnerId, dueWindow(Date.now(), timeZone.zone)) : null,
  ])
  const wiped = c.req.query('wiped') === '1'
  // The list of public sets is the same for everyone without a cookie.
  cachePublicly(c, 60)
  return renderPage(c, <HomePage sets={sets} sources={sources} due={due} timeZone={timeZone} wiped={wiped} />)
})
