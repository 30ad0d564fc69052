import { Hono } from 'hono'
import { countDueCards } from '../../db/learning'
import type { AppEnv } from '../../env'
import { cachePublicly } from '../../http/cache-control'
import { endOfDay } from '../../learning/progress'
import { listQuizSets } from '../../services/quiz-sets'
import { HomePage } from '../../views/home-page'
import { renderPage } from '../../views/render'
import { readLearnerId } from './learner-id'

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const learnerId = readLearnerId(c)
  const [{ sets, sources }, dueToday] = await Promise.all([
    listQuizSets(db, { anonymous: !c.req.header('cookie') }),
    learnerId ? countDueCards(db, learnerId, endOfDay(new Date())) : null,
  ])
  const wiped = c.req.query('wiped') === '1'
  // The list of public sets is the same for everyone without a cookie.
  cachePublicly(c, 60)
  return renderPage(c, <HomePage sets={sets} sources={sources} dueToday={dueToday} wiped={wiped} />)
})
