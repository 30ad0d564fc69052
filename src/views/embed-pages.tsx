import type { Submitted } from '../components/question-fields'
import type { QuizSetSummary } from '../db/quiz-sets'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { AttemptItem, AttemptView, FinishedView } from '../quiz/attempt-view'
import type { StartStatus } from '../quiz/availability'
import { scoreText } from '../quiz/points-text'
import { isPassing } from '../quiz/score'
import type { LearnerReport } from '../services/problem-reports'
import { HintsSection } from './hints-section'
import { Island } from './island'
import { type EmbedFrame, Layout } from './layout'
import { AnsweredQuestion } from './question-page'
import { ReviewList } from './review-list'
import { setRules, TimeLeft } from './set-rules'
import { ClosingNote, StartRefusal } from './start-refusal'
import { TimeZoneNote } from './time-zone-note'

/**
 * The quiz as it appears inside a course site's iframe: the same questions,
 * feedback and no-JavaScript forms as on Cited, without the site's chrome, and
 * with every link and form staying inside `/embed/...` (the attempt travels in
 * the URL as a token, because the iframe may get no cookies).
 */

export function EmbedStartPage({
  set,
  frame,
  status,
  timeZone,
}: {
  set: QuizSetSummary
  frame: EmbedFrame
  /** The set's own dates: an embedded learner is anonymous until they start. */
  status: StartStatus
  timeZone: LearnerTimeZone
}) {
  const dated = set.settings.opensAt !== null || set.settings.closesAt !== null
  return (
    <Layout title={set.title} embed={frame}>
      <h1 class="embed-title">{set.title}</h1>
      <p>{set.description}</p>
      <p class="meta">{setRules(set).join(' · ')}</p>
      {status.decision.ok || status.decision.reason === 'no_attempts_left' ? (
        <form method="post" action={`/embed/${set.slug}/start`}>
          <input type="hidden" name="theme" value={frame.theme} />
          <ClosingNote closesAt={status.closesAt} timeZone={timeZone} />
          <button class="button button--primary" type="submit">
            Start the quiz
          </button>
        </form>
      ) : (
        <StartRefusal decision={status.decision} timeZone={timeZone} />
      )}
      {dated && <TimeZoneNote timeZone={timeZone} />}
    </Layout>
  )
}

type QuestionProps = {
  view: AttemptView
  base: string
  token: string
  item: AttemptItem
  next: { href: string; label: string }
  frame: EmbedFrame
  error: string | null
  submitted: Submitted | null
}

export function EmbedQuestionPage({ view, base, token, item, next, frame, error, submitted }: QuestionProps) {
  const progress = `Question ${item.position} of ${view.total}`
  return (
    <Layout title={progress} embed={frame} withIslands={!item.answered}>
      <div class="quiz-header">
        {/* The page's one heading: an embed shows no site title, so the position names the page. */}
        <h1 class="progress-label" id="progress-label">
          {progress}
        </h1>
        <progress value={item.position} max={view.total} aria-labelledby="progress-label" />
      </div>
      <TimeLeft view={view} />
      {item.answered ? (
        <AnsweredQuestion item={item} next={next} reportHref={`${base}/q/${item.position}/report`} />
      ) : (
        <Island
          of="answer-form"
          props={{
            question: item.question,
            action: `${base}/q/${item.position}`,
            reportHref: `${base}/q/${item.position}/report`,
            apiUrl: `/api/embed/${token}/answers`,
            next,
            error,
            submitted,
            tryAgain: item.tryAgain,
          }}
        />
      )}
      {!item.answered && <HintsSection hints={item.hints} action={`${base}/q/${item.position}/hints`} />}
    </Layout>
  )
}

type ResultsProps = {
  view: FinishedView
  setTitle: string
  frame: EmbedFrame
  /** Percent of the points that passes: the set's own (60 for the bank's sets). */
  passMark: number
  /** False once the learner has used every attempt the set allows. */
  canRetry?: boolean
  /** The attempt's pages (`/embed/a/<token>`), for each question's report link. */
  base?: string
  /** The learner's own problem reports on this attempt's questions, by position. */
  reports?: ReadonlyMap<number, LearnerReport>
}

export function EmbedResultsPage({
  view,
  setTitle,
  frame,
  passMark,
  canRetry = true,
  base,
  reports,
}: ResultsProps) {
  const { score } = view
  const passed = isPassing(score, passMark)
  const completed = { score: score.points, max: score.max, percent: score.percent, passed }
  return (
    <Layout title={`Results: ${score.percent}%`} embed={frame}>
      <h1 class="embed-title">{setTitle}: your results</h1>
      <div class="score" role="status" data-cited-completed={JSON.stringify(completed)}>
        <p class="score__big">{score.percent}%</p>
        <p>
          {scoreText(score)}.{' '}
          {passed ? `Passed (the pass mark is ${passMark}%).` : `Not passed: the pass mark is ${passMark}%.`}
        </p>
      </div>
      <ReviewList items={view.items} base={base} reports={reports} />
      {canRetry && (
        <form method="post" action={`/embed/${view.quiz}/start`}>
          <input type="hidden" name="theme" value={frame.theme} />
          {frame.learner && <input type="hidden" name="learner" value={frame.learner} />}
          <button class="button" type="submit">
            Try again
          </button>
        </form>
      )}
    </Layout>
  )
}
