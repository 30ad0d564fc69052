import { Hono } from 'hono'
import { listQuizSets, listSources } from '../db/quiz-sets'
import type { AppEnv } from '../env'
import { HomePage } from '../views/home-page'
import { renderPage } from '../views/render'

export const home = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db')
  const [sets, sources] = await Promise.all([listQuizSets(db), listSources(db)])
  return renderPage(c, <HomePage sets={sets} sources={sources} />)
})
