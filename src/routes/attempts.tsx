import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import type { Submitted } from '../components/question-fields'
import { setDisplayName } from '../db/attempts'
import { getQuizSet } from '../db/quiz-sets'
import type { AppEnv } from '../env'
import { fail } from '../http/errors'
import { readForm } from '../http/form'
import { readLearnerId } from '../http/learner'
import { answerFromForm } from '../quiz/answer-form'
import {
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
import { attemptIdFrom } from './params'

const nameForm = z.object({
  displayName: z.tuple([z.string().trim().max(60, 'Keep your name under 60 characters.')]),
})

export const attempts = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const view = describeAttempt(
      await requireAttempt(c.get('db'), attemptIdFrom(c.req.param('id')), readLearnerId(c)),
    )
    return c.redirect(nextStep(view, 0).href, 303)
  })
  .get('/:id/q/:position', async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const view = describeAttempt(state)
    const item = itemAt(view, c.req.param('position'))
    const set = await getQuizSet(db, view.quiz)
    const page = (
      <QuestionPage
        view={view}
        setTitle={set?.title ?? view.quiz}
        item={item}
        next={nextStep(view, item.position)}
        error={null}
        submitted={null}
      />
    )
    return renderPage(c, page)
  })
  .post('/:id/q/:position', async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const view = describeAttempt(state)
    const item = itemAt(view, c.req.param('position'))
    // Already answered (a second tab, a re-sent form): show the stored feedback, never an error.
    if (item.feedback) return c.redirect(`/attempts/${view.id}/q/${item.position}`, 303)
    const form = await readForm(c)
    const showError = async (message: string, submitted: Submitted) => {
      const set = await getQuizSet(db, view.quiz)
      const page = (
        <QuestionPage
          view={view}
          setTitle={set?.title ?? view.quiz}
          item={item}
          next={nextStep(view, item.position)}
          error={message}
          submitted={submitted}
        />
      )
      return renderPage(c, page, 400)
    }
    const reading = answerFromForm(item.question, (name) => form[name] ?? [])
    if (!reading.ok) return showError(reading.message, form)
    try {
      await answerQuestion(db, state, item.question.id, reading.answer)
    } catch (error) {
      if (error instanceof HTTPException && error.status === 400) return showError(error.message, form)
      throw error
    }
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
