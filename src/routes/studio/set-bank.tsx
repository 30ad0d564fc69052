import { Hono } from 'hono'
import { listVisibleTags, searchQuestions } from '../../db/question-search'
import { listDraftQuestions } from '../../db/set-questions'
import { listVisibleSources } from '../../db/sources'
import type { StudioEnv } from '../../env'
import { questionTypes } from '../../quiz/question'
import { renderPage } from '../../views/render'
import { BankPage } from '../../views/studio/bank-page'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'

/** `/studio/sets/:slug/bank`: searching the questions an instructor may add to a set. */
export const studioSetBank = new Hono<StudioEnv>().get('/:slug/bank', ownedSet, async (c) => {
  const db = c.get('db')
  const ownerId = c.get('instructor').id
  const set = c.get('set')
  const type = questionTypes.find((candidate) => candidate === c.req.query('type'))
  const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 1000)
  const filter = {
    source: c.req.query('source')?.trim().slice(0, 100) || undefined,
    tag: c.req.query('tag')?.trim().slice(0, 100) || undefined,
    type,
    text: c.req.query('q')?.trim().slice(0, 100) || undefined,
    page,
  }
  const [{ hits, total }, draft, sources, tags] = await Promise.all([
    searchQuestions(db, ownerId, filter),
    listDraftQuestions(db, set.slug),
    listVisibleSources(db, ownerId),
    listVisibleTags(db, ownerId),
  ])
  return renderPage(
    c,
    <BankPage
      set={set}
      filter={filter}
      hits={hits}
      total={total}
      inDraft={new Set(draft.map((question) => question.id))}
      sources={sources}
      tags={tags}
      notice={noticeOf(c)}
    />,
  )
})
