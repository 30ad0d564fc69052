import { Hono } from 'hono'
import { z } from 'zod'
import { findOpenAttempt } from '../db/attempts'
import { getQuizSet, listSetQuestions } from '../db/quiz-sets'
import type { AppEnv } from '../env'
import { fail } from '../http/errors'
import { readForm } from '../http/form'
import { ensureLearnerId, readLearnerId } from '../http/learner'
import { describeAttempt, requireAttempt, startAttempt } from '../services/attempts'
import { QuizPage } from '../views/quiz-page'
import { renderPage } from '../views/render'
import { attemptIdFrom } from './params'

const startForm = z.object({ missedFrom: z.array(z.string()).max(1).optional() })

export const quiz = new Hono<AppEnv>()
  .get('/:slug', async (c) => {
    const db = c.get('db')
    const set = await getQuizSet(db, c.req.param('slug'))
    if (!set) fail(404, 'not_found', 'There is no quiz with this address.')
    const learnerId = readLearnerId(c)
    const open = learnerId ? await findOpenAttempt(db, learnerId, set.slug) : null
    const resume = open
      ? { href: `/attempts/${open.id}`, answered: open.answeredCount, total: open.questionIds.length }
      : null
    return renderPage(c, <QuizPage set={set} resume={resume} origin={new URL(c.req.url).origin} />)
  })
  .post('/:slug/start', async (c) => {
    const db = c.get('db')
    const set = await getQuizSet(db, c.req.param('slug'))
    if (!set) fail(404, 'not_found', 'There is no quiz with this address.')
    const form = startForm.safeParse(await readForm(c))
    if (!form.success) fail(400, 'bad_request', 'The start form was not understood.')
    const learnerId = ensureLearnerId(c)
    const missedFrom = form.data.missedFrom?.[0]
    let questionIds: string[]
    if (missedFrom) {
      const previous = describeAttempt(await requireAttempt(db, attemptIdFrom(missedFrom), learnerId))
      if (previous.quiz !== set.slug) fail(400, 'bad_request', 'That attempt belongs to another quiz.')
      questionIds = previous.items
        .filter((item) => item.feedback && !item.feedback.correct)
        .map((item) => item.question.id)
    } else {
      questionIds = (await listSetQuestions(db, set.slug)).map((question) => question.id)
    }
    const attempt = await startAttempt(db, learnerId, set.slug, questionIds)
    return c.redirect(`/attempts/${attempt.id}/q/1`, 303)
  })
