import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { Submitted } from '../components/question-fields'
import { setDisplayName } from '../db/attempts'
import { getQuizSet } from '../db/quiz-sets'
import type { AppEnv } from '../env'
import { fail } from '../http/errors'
import { readForm } from '../http/form'
import { readLearnerId } from '../http/learner'
import {
  type AttemptItem,
  type AttemptView,
  answerQuestion,
  describeAttempt,
  itemAt,
  nextStep,
  requireAttempt,
} from '../services/attempts'
import { QuestionPage } from '../views/question-page'
import { renderPage } from '../views/render'
import { ResultsPage } from '../views/results-page'
import { postAnswerForm } from './answer-form-post'
import { attemptIdFrom } from './params'

const nameForm = z.object({
  displayName: z.tuple([z.string().trim().max(60, 'Keep your name under 60 characters.')]),
})

/** A question of the attempt; with `rejected`, the 400 page that keeps what the learner sent. */
async function questionPage(
  c: Context<AppEnv>,
  view: AttemptView,
  item: AttemptItem,
  rejected?: { error: string; submitted: Submitted },
) {
  const set = await getQuizSet(c.get('db'), view.quiz)
  const page = (
    <QuestionPage
      view={view}
      setTitle={set?.title ?? view.quiz}
      item={item}
      next={nextStep(view, item.position)}
      error={rejected?.error ?? null}
      submitted={rejected?.submitted ?? null}
    />
  )
  return renderPage(c, page, rejected ? 400 : 200)
}

export const attempts = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const view = describeAttempt(
      await requireAttempt(c.get('db'), attemptIdFrom(c.req.param('id')), readLearnerId(c)),
    )
    return c.redirect(nextStep(view, 0).href, 303)
  })
  .get('/:id/q/:position', async (c) => {
    const state = await requireAttempt(c.get('db'), attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const view = describeAttempt(state)
    return questionPage(c, view, itemAt(view, c.req.param('position')))
  })
  .post('/:id/q/:position', async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const view = describeAttempt(state)
    const item = itemAt(view, c.req.param('position'))
    // Already answered (a second tab, a re-sent form): show the stored feedback, never an error.
    if (item.feedback) return c.redirect(`/attempts/${view.id}/q/${item.position}`, 303)
    const form = await readForm(c)
    const error = await postAnswerForm(form, item.question, (answer) =>
      answerQuestion(db, state, item.question.id, answer),
    )
    if (error) return questionPage(c, view, item, { error, submitted: form })
    return c.redirect(`/attempts/${view.id}/q/${item.position}`, 303)
  })
  .get('/:id/results', async (c) => {
    const db = c.get('db')
    const view = describeAttempt(await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c)))
    if (view.answered < view.total) return c.redirect(nextStep(view, 0).href, 303)
    const set = await getQuizSet(db, view.quiz)
    return renderPage(
      c,
      <ResultsPage view={view} setTitle={set?.title ?? view.quiz} nameSaved={c.req.query('saved') === '1'} />,
    )
  })
  .post('/:id/name', async (c) => {
    const db = c.get('db')
    const { attempt } = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const form = nameForm.safeParse(await readForm(c))
    if (!form.success)
      fail(400, 'bad_request', form.error.issues[0]?.message ?? 'The name was not understood.')
    await setDisplayName(db, attempt.learnerId, form.data.displayName[0] || null)
    return c.redirect(`/attempts/${attempt.id}/results?saved=1`, 303)
  })
