import { Hono } from 'hono'
import * as z from 'zod'
import { findOpenAttempt } from '../../db/attempts'
import type { AppEnv } from '../../env'
import { cachePublicly } from '../../http/cache-control'
import { fail } from '../../http/fail'
import { readForm } from '../../http/form'
import { publicOrigin } from '../../http/public-origin'
import { secondsUntilChange } from '../../quiz/availability'
import { requireAttempt, startAttempt, startMissedAttempt, startStatus } from '../../services/attempts'
import { findQuizSet } from '../../services/quiz-sets'
import { QuizPage } from '../../views/quiz-page'
import { renderPage } from '../../views/render'
import { attemptIdFrom } from '../params'
import { ensureLearnerId, readLearnerId } from './learner-id'
import { readTimeZone } from './time-zone'

const startForm = z.object({ missedFrom: z.array(z.string()).max(1).optional() })

export const quiz = new Hono<AppEnv>()
  .get('/:slug', async (c) => {
    const db = c.get('db')
    const set = await findQuizSet(db, c.req.param('slug'))
    if (!set) fail(404, 'not_found', 'There is no quiz with this address.')
    const learnerId = readLearnerId(c)
    const [open, status] = await Promise.all([
      learnerId ? findOpenAttempt(db, learnerId, set.slug) : null,
      startStatus(db, learnerId, set),
    ])
    const resume = open
      ? { href: `/attempts/${open.id}`, answered: open.answeredCount, total: open.questionIds.length }
      : null
    // Without a learner cookie there is no attempt to resume: the intro is the same for everyone.
    // A dated set's page changes at its opening and closing: no cached copy outlives them.
    const maxAge = secondsUntilChange(set.settings, Date.now(), 60)
    if (maxAge > 0) cachePublicly(c, maxAge)
    return renderPage(
      c,
      <QuizPage
        set={set}
        resume={resume}
        status={status}
        timeZone={readTimeZone(c)}
        origin={publicOrigin(c)}
      />,
    )
  })
  .post('/:slug/start', async (c) => {
    const db = c.get('db')
    const set = await findQuizSet(db, c.req.param('slug'))
    if (!set) fail(404, 'not_found', 'There is no quiz with this address.')
    const form = startForm.safeParse(await readForm(c))
    if (!form.success) fail(400, 'bad_request', 'The start form was not understood.')
    const learnerId = ensureLearnerId(c)
    const missedFrom = form.data.missedFrom?.[0]
    let attemptId: string
    if (missedFrom) {
      const previous = await requireAttempt(db, attemptIdFrom(missedFrom), learnerId)
      if (previous.attempt.setSlug !== set.slug)
        fail(400, 'bad_request', 'That attempt belongs to another quiz.')
      attemptId = (await startMissedAttempt(db, learnerId, previous)).id
    } else {
      attemptId = (await startAttempt(db, learnerId, set)).id
    }
    return c.redirect(`/attempts/${attemptId}/q/1`, 303)
  })
