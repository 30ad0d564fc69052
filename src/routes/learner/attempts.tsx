import type { Context } from 'hono'
import { Hono } from 'hono'
import * as z from 'zod'
import type { Submitted } from '../../components/question-fields'
import { setDisplayName } from '../../db/attempts'
import type { AppEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm } from '../../http/form'
import {
  type AttemptItem,
  type AttemptView,
  answerQuestion,
  describeAttempt,
  finishedView,
  itemAt,
  nextStep,
  requireAttempt,
  revealHint,
  startStatus,
} from '../../services/attempts'
import { learnerReportsOf } from '../../services/problem-reports'
import { findQuizSet } from '../../services/quiz-sets'
import { QuestionPage } from '../../views/question-page'
import { renderPage } from '../../views/render'
import { ResultsPage } from '../../views/results-page'
import { TimeUpPage } from '../../views/set-rules'
import { attemptIdFrom, hintIndexFrom } from '../params'
import { postAnswerForm } from './answer-form-post'
import { readLearnerId } from './learner-id'
import { postReport, type ReportScope, reportPage } from './problem-report'
import { readTimeZone } from './time-zone'

const nameForm = z.object({
  displayName: z.tuple([z.string().trim().max(60, 'Keep your name under 60 characters.')]),
})

/** A question of the attempt; with `rejected`, the 400 page that keeps what the learner sent. */
function questionPage(
  c: Context<AppEnv>,
  view: AttemptView,
  item: AttemptItem,
  rejected?: { error: string; submitted: Submitted },
) {
  const saved = Number(c.req.query('saved'))
  const page = (
    <QuestionPage
      view={view}
      setTitle={view.setTitle}
      item={item}
      next={nextStep(view, item.position)}
      error={rejected?.error ?? null}
      submitted={rejected?.submitted ?? null}
      savedPosition={Number.isInteger(saved) && saved > 0 ? saved : null}
      timeZone={readTimeZone(c)}
    />
  )
  return renderPage(c, page, rejected ? 400 : 200)
}

/** The learner's own attempt (cookie), for the report pages of its questions. */
async function reportScope(c: Context<AppEnv>): Promise<ReportScope> {
  const state = await requireAttempt(c.get('db'), attemptIdFrom(c.req.param('id') ?? ''), readLearnerId(c))
  return { state, view: describeAttempt(state), base: `/attempts/${state.attempt.id}` }
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
    const item = itemAt(view, c.req.param('position'))
    // Time ran out: what is left unanswered goes to the results.
    if (view.timedOut && !item.answered) return c.redirect(`/attempts/${view.id}/results`, 303)
    return questionPage(c, view, item)
  })
  .post('/:id/q/:position', async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const view = describeAttempt(state)
    const item = itemAt(view, c.req.param('position'))
    // Already answered (a second tab, a re-sent form): show the stored feedback, never an error.
    if (item.answered) return c.redirect(`/attempts/${view.id}/q/${item.position}`, 303)
    if (view.completedAt !== null)
      return renderPage(c, <TimeUpPage view={view} resultsHref={`/attempts/${view.id}/results`} />, 409)
    const form = await readForm(c)
    const error = await postAnswerForm(form, item.question, (answer) =>
      answerQuestion(db, state, item.question.id, answer),
    )
    if (error) return questionPage(c, view, item, { error, submitted: form })
    // Exam mode: no feedback to show, so move on to the next question, saying the answer was saved.
    if (view.rules.feedback === 'end') {
      const next = nextStep(view, item.position).href
      return c.redirect(next.endsWith('/results') ? next : `${next}?saved=${item.position}`, 303)
    }
    return c.redirect(`/attempts/${view.id}/q/${item.position}`, 303)
  })
  // "Report a problem with this question", once it is answered (problem-report.tsx).
  .get('/:id/q/:position/report', async (c) => reportPage(c, await reportScope(c), c.req.param('position')))
  .post('/:id/q/:position/report', async (c) => postReport(c, await reportScope(c), c.req.param('position')))
  // "Show hint N": a plain form post naming the hint, so a replayed post charges nothing more.
  .post('/:id/q/:position/hints', async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const item = itemAt(describeAttempt(state), c.req.param('position'))
    await revealHint(db, state, item.question.id, hintIndexFrom(await readForm(c)))
    return c.redirect(`/attempts/${state.attempt.id}/q/${item.position}#hints`, 303)
  })
  .get('/:id/results', async (c) => {
    const db = c.get('db')
    const learnerId = readLearnerId(c)
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), learnerId)
    const open = describeAttempt(state)
    const view = finishedView(open)
    if (!view) return c.redirect(nextStep(open, 0).href, 303)
    // Another attempt needs the set still open to learners, and attempts left on it.
    const [set, reports] = await Promise.all([findQuizSet(db, view.quiz), learnerReportsOf(db, state)])
    const canRetry = set !== null && (await startStatus(db, learnerId, set)).decision.ok
    return renderPage(
      c,
      <ResultsPage
        view={view}
        setTitle={view.setTitle}
        canRetry={canRetry}
        attemptsAllowed={set?.settings.attemptsAllowed ?? null}
        nameSaved={c.req.query('saved') === '1'}
        reports={reports}
      />,
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
