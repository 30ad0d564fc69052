import { Hono } from 'hono'
import { z } from 'zod'
import { findReview } from '../db/learning'
import { getQuestion, listSources } from '../db/quiz-sets'
import type { AppEnv } from '../env'
import { fail } from '../http/errors'
import { readForm } from '../http/form'
import { ensureLearnerId, readLearnerId } from '../http/learner'
import { buildFeedback } from '../quiz/feedback'
import { toPublicQuestion } from '../quiz/public-question'
import { answerPractice, nextPractice } from '../services/practice'
import { PracticeDonePage, PracticeFeedbackPage, PracticeQuestionPage } from '../views/practice-page'
import { renderPage } from '../views/render'
import { postAnswerForm } from './answer-form-post'
import { uuid } from './params'

const one = <T extends z.ZodType>(schema: T) => z.tuple([schema])
const practiceForm = z.looseObject({
  reviewId: one(uuid),
  questionId: one(z.string().min(1).max(80)),
  shownAt: one(z.coerce.number().int().nonnegative()).optional(),
})

/** Practice pages: the FSRS queue one question at a time, working without JavaScript. */
export const practice = new Hono<AppEnv>()
  .get('/', async (c) => {
    const now = new Date()
    const next = await nextPractice(c.get('db'), readLearnerId(c), now)
    if (next.kind === 'done')
      return renderPage(c, <PracticeDonePage nextDue={next.nextDue} now={now.getTime()} />)
    return renderPage(c, <PracticeQuestionPage item={next.item} error={null} submitted={null} />)
  })
  .post('/', async (c) => {
    const db = c.get('db')
    const form = await readForm(c)
    const fields = practiceForm.safeParse(form)
    if (!fields.success) fail(400, 'bad_request', 'The practice form was not understood. Reload the page.')
    const reviewId = fields.data.reviewId[0]
    const questionId = fields.data.questionId[0]
    const shownAt = fields.data.shownAt?.[0] ?? null
    const question = await getQuestion(db, questionId)
    if (!question) fail(404, 'not_found', `There is no question "${questionId}".`)
    const publicQuestion = toPublicQuestion(question, reviewId)
    const showError = (message: string) =>
      renderPage(
        c,
        <PracticeQuestionPage
          item={{
            reviewId,
            question: publicQuestion,
            isNew: false,
            shownAt: shownAt ?? Date.now(),
            dueNow: 0,
          }}
          error={message}
          submitted={form}
        />,
        400,
      )
    const error = await postAnswerForm(form, publicQuestion, (answer) =>
      answerPractice(db, ensureLearnerId(c), { reviewId, questionId, answer, shownAt }, new Date()),
    )
    if (error) return showError(error)
    return c.redirect(`/practice/reviews/${reviewId}`, 303)
  })
  .get('/reviews/:id', async (c) => {
    const db = c.get('db')
    const learnerId = readLearnerId(c)
    const reviewId = uuid.safeParse(c.req.param('id'))
    const review = learnerId && reviewId.success ? await findReview(db, learnerId, reviewId.data) : null
    if (!review)
      fail(404, 'not_found', 'This practice answer does not exist, or was given on another device.')
    const [question, sources] = await Promise.all([getQuestion(db, review.questionId), listSources(db)])
    const source = question && sources.get(question.evidence.source)
    if (!question || !source) fail(404, 'not_found', 'This question is no longer in the bank.')
    return renderPage(
      c,
      <PracticeFeedbackPage
        prompt={question.prompt}
        feedback={buildFeedback(question, review.answer, review, source)}
      />,
    )
  })
