import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import { validate } from '../../http/validate'
import { changeReportStatus, replyToReport, setReportsView } from '../../services/problem-reports'
import { readReplyForm } from '../../studio/report-reply'
import { renderPage } from '../../views/render'
import { type ReplyRefusal, StudioReportsPage } from '../../views/studio/reports-page'
import { slugParam, uuid } from '../params'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'

/** A report id from the address: a UUID, or it cannot exist (404, after the ownership check). */
function reportIdOf(c: Context<OwnedSetEnv>): string {
  const id = c.req.param('id') ?? ''
  if (!uuid.safeParse(id).success) fail(404, 'not_found', 'This set has no such report.')
  return id
}

/** The reports page of the owner's set; with a refused reply, its 400 keeping what was typed. */
async function reportsPage(c: Context<OwnedSetEnv>, refused?: ReplyRefusal) {
  const set = c.get('set')
  const questions = await setReportsView(c.get('db'), set.slug)
  return renderPage(
    c,
    <StudioReportsPage set={set} questions={questions} notice={noticeOf(c)} refused={refused} />,
    refused ? 400 : 200,
  )
}

/** Back to the report just changed, saying what happened. */
const backTo = (slug: string, id: string, done: string) =>
  `/studio/sets/${slug}/reports?done=${done}#report-${id}`

/**
 * Learners' problem reports on an instructor's set (services/problem-reports.ts),
 * mounted under /studio by the studio router (which checks the session);
 * `ownedSet` makes another instructor's set, or a bank set, a 404, and the
 * report id is looked up within the set, so a report of another set is a 404 too.
 */
export const studioReports = new Hono<StudioEnv>()
  .get('/sets/:slug/reports', validate('param', slugParam), ownedSet, (c) => reportsPage(c))
  .post(
    '/sets/:slug/reports/:id/reply',
    validate('param', slugParam.extend({ id: z.string() })),
    ownedSet,
    async (c) => {
      const id = reportIdOf(c)
      const set = c.get('set')
      const read = readReplyForm(await readForm(c, STUDIO_FORM))
      if (!read.ok) return reportsPage(c, { reportId: id, message: read.error, typed: read.typed })
      await replyToReport(c.get('db'), set.slug, id, read.reply)
      return c.redirect(backTo(set.slug, id, read.reply ? 'report-replied' : 'report-reply-removed'), 303)
    },
  )
  .post(
    '/sets/:slug/reports/:id/resolve',
    validate('param', slugParam.extend({ id: z.string() })),
    ownedSet,
    async (c) => {
      const id = reportIdOf(c)
      const set = c.get('set')
      await changeReportStatus(c.get('db'), set.slug, id, 'resolved')
      return c.redirect(backTo(set.slug, id, 'report-resolved'), 303)
    },
  )
  .post(
    '/sets/:slug/reports/:id/reopen',
    validate('param', slugParam.extend({ id: z.string() })),
    ownedSet,
    async (c) => {
      const id = reportIdOf(c)
      const set = c.get('set')
      await changeReportStatus(c.get('db'), set.slug, id, 'open')
      return c.redirect(backTo(set.slug, id, 'report-reopened'), 303)
    },
  )
