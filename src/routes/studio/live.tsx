import { Hono } from 'hono'
import { renderSVG } from 'uqr'
import * as z from 'zod'
import { listOwnedSets } from '../../db/owned-sets'
import type { StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, SHORT_STUDIO_FORM } from '../../http/form'
import { publicOrigin } from '../../http/public-origin'
import {
  connectToRoom,
  DEFAULT_SECONDS_PER_QUESTION,
  requireOwnLiveSession,
  roomOf,
  startLiveSession,
} from '../../services/live-sessions'
import { listQuizSets } from '../../services/quiz-sets'
import { HostPage, type StartableSet, StartLivePage } from '../../views/live/live-pages'
import { renderPage } from '../../views/render'

const startForm = z.object({
  set: z.string().min(1).max(80),
  seconds: z.coerce.number().int().min(5).max(300).default(DEFAULT_SECONDS_PER_QUESTION),
})

const sessionIdParam = z.string().uuid()

/**
 * Live sessions for the host (docs/live.md), behind the studio's session
 * check: pick a set, then the host screen, its QR code and its WebSocket.
 */
export const studioLive = new Hono<StudioEnv>()
  .get('/live', async (c) => {
    const db = c.get('db')
    const [own, list] = await Promise.all([
      listOwnedSets(db, c.get('instructor').id),
      listQuizSets(db, { anonymous: false }),
    ])
    const sets: StartableSet[] = [
      ...own
        .filter((set) => set.publishedVersion !== null && !set.archivedAt)
        .map((set) => ({ slug: set.slug, title: set.title, questionCount: set.questionCount, own: true })),
      ...list.sets
        .filter((set) => set.version === null)
        .map((set) => ({ slug: set.slug, title: set.title, questionCount: set.questionCount, own: false })),
    ]
    return renderPage(c, <StartLivePage sets={sets} />)
  })
  .post('/live', async (c) => {
    const form = await readForm(c, SHORT_STUDIO_FORM)
    const parsed = startForm.safeParse({ set: form.set?.[0], seconds: form.seconds?.[0] || undefined })
    if (!parsed.success) fail(400, 'bad_request', 'Pick a set and between 5 and 300 seconds per question.')
    const session = await startLiveSession(c.get('db'), c.env, {
      instructorId: c.get('instructor').id,
      slug: parsed.data.set,
      seconds: parsed.data.seconds,
      now: Date.now(),
    })
    return c.redirect(`/studio/live/${session.id}`, 303)
  })
  .get('/live/:sessionId', async (c) => {
    const id = sessionIdParam.safeParse(c.req.param('sessionId'))
    if (!id.success) fail(404, 'not_found', 'No such live session.')
    const session = await requireOwnLiveSession(c.get('db'), c.get('instructor').id, id.data)
    const view = await roomOf(c.env, session.id).hostSnapshot()
    if (!view) fail(404, 'not_found', 'This live session has ended.')
    const joinUrl = `${publicOrigin(c)}/live?pin=${session.pin}`
    return renderPage(c, <HostPage session={session} view={view} joinUrl={joinUrl} />)
  })
  .get('/live/:sessionId/qr.svg', async (c) => {
    const id = sessionIdParam.safeParse(c.req.param('sessionId'))
    if (!id.success) fail(404, 'not_found', 'No such live session.')
    const session = await requireOwnLiveSession(c.get('db'), c.get('instructor').id, id.data)
    const link = `${publicOrigin(c)}/live?pin=${session.pin}`
    const svg = renderSVG(link, { border: 2, ecc: 'M' }).replace(
      '<svg ',
      `<svg role="img" aria-label="QR code for ${link.replace(/[<>&"]/g, '')}" `,
    )
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8' })
  })
  .get('/live/:sessionId/ws', async (c) => {
    const origin = c.req.header('origin')
    if (
      c.req.header('upgrade')?.toLowerCase() !== 'websocket' ||
      (origin && origin !== new URL(c.req.url).origin)
    )
      return c.text('Expected a WebSocket upgrade from this site', 426)
    const id = sessionIdParam.safeParse(c.req.param('sessionId'))
    if (!id.success) fail(404, 'not_found', 'No such live session.')
    const session = await requireOwnLiveSession(c.get('db'), c.get('instructor').id, id.data)
    // Only this route says "host": the instructor owns the session.
    return connectToRoom(c.env, session.id, 'host', c.req.url)
  })
