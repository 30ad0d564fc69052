import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Submitted } from '../../components/question-fields'
import type { QuizSetSummary } from '../../db/quiz-sets'
import { HOST_LEARNER_NAME_MAX } from '../../embed/learner-token'
import { allowsHost, type EmbedPolicy, isEmbeddable, messageTargets } from '../../embed/policy'
import { type EmbedTheme, embedThemeSchema } from '../../embed/theme'
import type { AppEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm } from '../../http/form'
import {
  type AttemptView,
  answerQuestion,
  describeAttempt,
  finishedView,
  itemAt,
  type LearnerAttempt,
  nextStep,
  revealHint,
  startStatus,
} from '../../services/attempts'
import {
  learnerTokenOf,
  requireEmbeddedAttempt,
  startHostedEmbedAttempt,
} from '../../services/embedded-attempts'
import { learnerReportsOf } from '../../services/problem-reports'
import { findEmbeddableSet } from '../../services/quiz-sets'
import { EmbedQuestionPage, EmbedResultsPage, EmbedStartPage } from '../../views/embed-pages'
import type { EmbedFrame } from '../../views/layout'
import { renderPage } from '../../views/render'
import { TimeUpPage } from '../../views/set-rules'
import { postAnswerForm } from '../learner/answer-form-post'
import { postReport, reportPage } from '../learner/problem-report'
import { readTimeZone } from '../learner/time-zone'
import { passBackWhenComplete, passBackWhenTimedOut } from '../lti/passback'
import { hintIndexFrom } from '../params'

/** The set, if it may be embedded; marks the response frameable by the set's allowed origins. */
async function embeddableSet(c: Context<AppEnv>, slug: string): Promise<QuizSetSummary> {
  const set = await findEmbeddableSet(c.get('db'), slug)
  if (!set || !isEmbeddable(set.embedPolicy))
    fail(404, 'not_found', 'There is no quiz to embed at this address.')
  c.set('embedPolicy', set.embedPolicy)
  return set
}

const frameOf = (slug: string, policy: EmbedPolicy, theme: EmbedTheme): EmbedFrame => ({
  quiz: slug,
  targets: messageTargets(policy),
  theme,
})

/**
 * The `theme` a snippet asked for (query on the start page, hidden field on
 * the start form): absent is light; an unknown value is a clear 400 rather
 * than a silently different look.
 */
function themeOf(value: string | undefined): EmbedTheme {
  const parsed = embedThemeSchema.safeParse(value || undefined)
  if (!parsed.success)
    fail(400, 'bad_request', `Unknown theme "${value}": use theme=light, theme=dark or theme=auto.`)
  return parsed.data
}

/** An embedded attempt from the token in the URL (no cookie involved); see `requireEmbeddedAttempt`. */
async function embeddedAttempt(c: Context<AppEnv>, token: string) {
  const { state, policy } = await requireEmbeddedAttempt(c.get('db'), token)
  // Reading an attempt past its deadline is what closes it: its LMS score goes now.
  passBackWhenTimedOut(c, state.attempt)
  c.set('embedPolicy', policy)
  const learner = await learnerTokenOf(c.get('db'), state)
  return {
    state,
    frame: { ...frameOf(state.attempt.setSlug, policy, state.attempt.embedTheme ?? 'light'), learner },
    view: describeAttempt(state),
    base: `/embed/a/${token}`,
  }
}

type Shown = { state: LearnerAttempt; frame: EmbedFrame; view: AttemptView; base: string }

function questionPage(
  c: Context<AppEnv>,
  shown: Shown,
  token: string,
  position: string,
  extra?: {
    error: string
    submitted: Submitted
  },
) {
  const item = itemAt(shown.view, position)
  return renderPage(
    c,
    <EmbedQuestionPage
      view={shown.view}
      base={shown.base}
      token={token}
      item={item}
      next={nextStep(shown.view, item.position, shown.base)}
      frame={shown.frame}
      error={extra?.error ?? null}
      submitted={extra?.submitted ?? null}
    />,
    extra ? 400 : 200,
  )
}

/**
 * `/embed/...`: the quiz for course sites' iframes. Framing is allowed only
 * for the set's allowed origins; the attempt is carried by a token in the URL.
 */
export const embed = new Hono<AppEnv>()
  .get('/a/:token/q/:position', async (c) => {
    const shown = await embeddedAttempt(c, c.req.param('token'))
    const item = itemAt(shown.view, c.req.param('position'))
    if (shown.view.timedOut && !item.answered) return c.redirect(`${shown.base}/results`, 303)
    return questionPage(c, shown, c.req.param('token'), c.req.param('position'))
  })
  .post('/a/:token/q/:position', async (c) => {
    const token = c.req.param('token')
    const shown = await embeddedAttempt(c, token)
    const item = itemAt(shown.view, c.req.param('position'))
    if (item.answered) return c.redirect(`${shown.base}/q/${item.position}`, 303)
    if (shown.view.completedAt !== null)
      return renderPage(
        c,
        <TimeUpPage view={shown.view} resultsHref={`${shown.base}/results`} embed={shown.frame} />,
        409,
      )
    const form = await readForm(c)
    const error = await postAnswerForm(form, item.question, async (answer) => {
      const outcome = await answerQuestion(c.get('db'), shown.state, item.question.id, answer)
      passBackWhenComplete(c, outcome)
    })
    if (error) return questionPage(c, shown, token, String(item.position), { error, submitted: form })
    // Exam mode: nothing to show yet, so move on (the question page says the answer was saved).
    if (shown.view.rules.feedback === 'end')
      return c.redirect(nextStep(shown.view, item.position, shown.base).href, 303)
    return c.redirect(`${shown.base}/q/${item.position}`, 303)
  })
  // "Report a problem with this question" inside the frame: the token names the attempt, no cookie.
  .get('/a/:token/q/:position/report', async (c) => {
    const shown = await embeddedAttempt(c, c.req.param('token'))
    return reportPage(c, { ...shown, embed: shown.frame }, c.req.param('position'))
  })
  .post('/a/:token/q/:position/report', async (c) => {
    const shown = await embeddedAttempt(c, c.req.param('token'))
    return postReport(c, { ...shown, embed: shown.frame }, c.req.param('position'))
  })
  // "Show hint N" inside the iframe, as on Cited's own question page.
  .post('/a/:token/q/:position/hints', async (c) => {
    const token = c.req.param('token')
    const shown = await embeddedAttempt(c, token)
    const item = itemAt(shown.view, c.req.param('position'))
    await revealHint(c.get('db'), shown.state, item.question.id, hintIndexFrom(await readForm(c)))
    return c.redirect(`${shown.base}/q/${item.position}#hints`, 303)
  })
  .get('/a/:token/results', async (c) => {
    const shown = await embeddedAttempt(c, c.req.param('token'))
    const view = finishedView(shown.view)
    if (!view) return c.redirect(nextStep(shown.view, 0, shown.base).href, 303)
    return renderPage(
      c,
      <EmbedResultsPage
        view={view}
        setTitle={shown.view.setTitle}
        frame={shown.frame}
        passMark={shown.view.rules.passMark}
        base={shown.base}
        reports={await learnerReportsOf(c.get('db'), shown.state)}
      />,
    )
  })
  // For embed.js on a course page: may this page frame the set? CORS-readable
  // from anywhere; says no alike for a set that is not embeddable or does not exist.
  .get('/:slug/allowed', async (c) => {
    const set = await findEmbeddableSet(c.get('db'), c.req.param('slug'))
    const host = c.req.query('host') ?? ''
    const allowed = !!set && isEmbeddable(set.embedPolicy) && allowsHost(set.embedPolicy, host)
    c.header('Access-Control-Allow-Origin', '*')
    return c.json({ allowed })
  })
  .get('/:slug', async (c) => {
    const set = await embeddableSet(c, c.req.param('slug'))
    const theme = themeOf(c.req.query('theme'))
    const status = await startStatus(c.get('db'), null, set)
    return renderPage(
      c,
      <EmbedStartPage
        set={set}
        frame={frameOf(set.slug, set.embedPolicy, theme)}
        status={status}
        timeZone={readTimeZone(c)}
      />,
    )
  })
  .post('/:slug/start', async (c) => {
    const set = await embeddableSet(c, c.req.param('slug'))
    const form = await readForm(c)
    const theme = themeOf(form.theme?.[0])
    // Filled in by the frame script from what embed.js kept on the course page
    // (or by the results page's "Try again"): never in a URL.
    const learnerToken = form.learner?.[0] || undefined
    const hostName = form.learner_name?.[0]?.trim().slice(0, HOST_LEARNER_NAME_MAX) || undefined
    const { token } = await startHostedEmbedAttempt(c.get('db'), set, { theme, learnerToken, hostName })
    return c.redirect(`/embed/a/${token}/q/1`, 303)
  })
