import { Hono } from 'hono'
import * as z from 'zod'
import type { AppEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm } from '../../http/form'
import {
  answerPractice,
  nextPractice,
  practiceFeedback,
  requireOfferedPractice,
} from '../../services/practice'
import { PracticeDonePage, PracticeFeedbackPage, PracticeQuestionPage } from '../../views/practice-page'
import { renderPage } from '../../views/render'
import { uuid } from '../params'
import { postAnswerForm } from './answer-form-post'
import { ensureLearnerId, readLearnerId } from './learner-id'
import { readTimeZone } from './time-zone'

const one = <T extends z.ZodType>(schema: T) => z.tuple([schema])
const practiceForm = z.looseObject({
  reviewId: one(uuid),
  questionId: one(z.string().min(1).max(80)).optional(),
  shownAt: one(z.coerce.number().int().nonnegative()).optional(),
})

/** Practice pages: the FSRS queue one question at a time, working without JavaScript. */
export const practice = new Hono<AppEnv>()
  .get('/', async (c) => {
    const now = new Date()
    const timeZone = readTimeZone(c)
    const next = await nextPractice(c.get('db'), readLearnerId(c), now, timeZone.zone)
    if (next.kind === 'done')
      return renderPage(
        c,
        <PracticeDonePage
          nextDue={next.nextDue}
          laterToday={next.laterToday}
          now={now.getTime()}
          timeZone={timeZone}
        />,
      )
    return renderPage(c, <PracticeQuestionPage item={next.item} error={null} submitted={null} />)
  })
  .post('/', async (c) => {
    const db = c.get('db')
    const form = await readForm(c)
    const fields = practiceForm.safeParse(form)
    if (!fields.success) fail(400, 'bad_request', 'The practice form was not understood. Reload the page.')
    const reviewId = fields.data.reviewId[0]
    const questionId = fields.data.questionId?.[0] ?? null
    const shownAt = fields.data.shownAt?.[0] ?? null
    const learnerId = ensureLearnerId(c)
    const offered = await requireOfferedPractice(db, learnerId, reviewId)
    const error = await postAnswerForm(form, offered.shown, (answer) =>
      answerPractice(db, learnerId, { reviewId, questionId, answer, shownAt }, new Date()),
    )
    if (error)
      return renderPage(
        c,
        <PracticeQuestionPage
          item={{
            reviewId,
            question: offered.shown,
            isNew: false,
            shownAt: shownAt ?? Date.now(),
            dueNow: 0,
          }}
          error={error}
          submitted={form}
        />,
        400,
      )
    return c.redirect(`/practice/reviews/${reviewId}`, 303)
  })
  .get('/reviews/:id', async (c) => {
    const reviewId = uuid.safeParse(c.req.param('id'))
    if (!reviewId.success)
      fail(404, 'not_found', 'This practice answer does not exist, or was given on another device.')
    const { prompt, feedback } = await practiceFeedback(c.get('db'), readLearnerId(c), reviewId.data)
    return renderPage(c, <PracticeFeedbackPage prompt={prompt} feedback={feedback} />)
  })
