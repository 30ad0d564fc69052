import type { QuizSetSummary } from '../db/quiz-sets'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { AttemptView } from '../quiz/attempt-view'
import { triesAllowed } from '../quiz/set-settings'
import { describeTimeLeft } from '../quiz/time-limit'
import { Island } from './island'
import { type EmbedFrame, Layout } from './layout'
import { formatLocalTime } from './time-zone-note'

/**
 * How a set behaves, in the words a learner reads before starting:
 * "10 questions drawn from 25", "time limit: 20 minutes", "feedback at the end"...
 * @example setRules(bankSet) // ['12 questions', 'one at a time', 'feedback after each answer']
 */
export function setRules(
  set: Pick<QuizSetSummary, 'questionCount' | 'poolSize' | 'settings' | 'version'>,
): string[] {
  const { settings } = set
  const count = `${set.questionCount} question${set.questionCount === 1 ? '' : 's'}`
  const rules = [
    set.questionCount < set.poolSize ? `${count} drawn at random from ${set.poolSize}` : count,
    'one at a time',
  ]
  if (settings.shuffleQuestions) rules.push('in a random order')
  if (settings.timeLimitMinutes !== null)
    rules.push(`time limit: ${describeTimeLeft(settings.timeLimitMinutes * 60_000)}`)
  rules.push(settings.feedback === 'end' ? 'feedback at the end' : 'feedback after each answer')
  if (settings.attemptsAllowed !== null)
    rules.push(
      settings.attemptsAllowed === 1 ? 'one attempt allowed' : `${settings.attemptsAllowed} attempts allowed`,
    )
  const tries = triesAllowed(settings)
  if (tries > 1)
    rules.push(
      settings.tryPenalty > 0
        ? `${tries} tries per question (${settings.tryPenalty}% off for each extra try)`
        : `${tries} tries per question`,
    )
  // The bank's sets have no pass mark of their own to announce (60% counts for the embed's events).
  if (set.version !== null) rules.push(`pass mark ${settings.passMark}%`)
  return rules
}

/** The time left of a timed attempt (nothing without a limit): server-rendered, counted down by an island. */
export function TimeLeft({ view, timeZone }: { view: AttemptView; timeZone?: LearnerTimeZone }) {
  if (view.deadline === null) return null
  // In the learner's zone when the browser named it; the island's own UTC clock otherwise.
  const closesAt = timeZone?.fromBrowser
    ? formatLocalTime(Date.parse(view.deadline), timeZone.zone, true)
    : undefined
  return (
    <Island
      of="time-left"
      props={closesAt ? { deadline: view.deadline, closesAt } : { deadline: view.deadline }}
    />
  )
}

/** Passed or not against the set's pass mark, for a finished attempt. */
export function PassVerdict({ view }: { view: AttemptView }) {
  if (view.passed === null) return null
  return (
    <p class={`pass pass--${view.passed ? 'passed' : 'failed'}`}>
      <strong>{view.passed ? 'Passed:' : 'Not passed:'}</strong> the pass mark is {view.rules.passMark}%.
    </p>
  )
}

/** The 409 page for an answer sent after the time limit ran out, with the way to the results. */
export function TimeUpPage({
  view,
  resultsHref,
  embed,
}: {
  view: AttemptView
  resultsHref: string
  embed?: EmbedFrame
}) {
  return (
    <Layout title={`Time is up · ${view.setTitle}`} embed={embed}>
      <h1>Time is up</h1>
      <p class="lead">
        The time limit of {view.rules.timeLimitMinutes} minutes for this quiz has run out, so this answer was
        not accepted. Your results count the answers given in time; questions left unanswered score 0.
      </p>
      <p>
        <a class="button button--primary" href={resultsHref}>
          See your results
        </a>
      </p>
    </Layout>
  )
}
