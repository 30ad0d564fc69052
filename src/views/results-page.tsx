import type { FinishedView } from '../quiz/attempt-view'
import { scoreText, withFullStop } from '../quiz/points-text'
import type { LearnerReport } from '../services/problem-reports'
import { Layout } from './layout'
import { ReviewList } from './review-list'
import { PassVerdict } from './set-rules'

type Props = {
  view: FinishedView
  setTitle: string
  /** False once the learner has used every attempt the set allows (or the set is closed to learners). */
  canRetry?: boolean
  /** The set's limit on attempts, to say why there is no "Try again"; null when unlimited. */
  attemptsAllowed?: number | null
  nameSaved: boolean
  /** The learner's own problem reports on this attempt's questions, by position. */
  reports?: ReadonlyMap<number, LearnerReport>
}

export function ResultsPage({
  view,
  setTitle,
  canRetry = true,
  attemptsAllowed = null,
  nameSaved,
  reports,
}: Props) {
  const missed = view.items.filter((item) => item.feedback && !item.feedback.correct)
  const { score } = view
  return (
    <Layout title={`Results: ${score.percent}% · ${setTitle}`}>
      <h1>Your results</h1>
      <p class="quiz-title">{setTitle}</p>
      <div class="score" role="status" aria-live="polite">
        <p class="score__big">{score.percent}%</p>
        <p>
          {withFullStop(`${scoreText(score)}${view.displayName ? ` for ${view.displayName}` : ''}`)}{' '}
          {missed.length ? `${missed.length} to review.` : 'Every answer was right.'}
        </p>
        <PassVerdict view={view} />
      </div>
      {view.timedOut && (
        <p class="notice notice--info">
          The time limit ran out with {view.total - view.answered} of {view.total} questions unanswered; they
          score 0.
        </p>
      )}
      {!canRetry && attemptsAllowed !== null && (
        <p class="notice notice--info">
          You have used {attemptsAllowed === 1 ? 'the one attempt' : `all ${attemptsAllowed} attempts`}{' '}
          allowed for this quiz.
        </p>
      )}
      <div class="actions">
        {canRetry && missed.length > 0 && (
          <form method="post" action={`/quiz/${view.quiz}/start`}>
            <input type="hidden" name="missedFrom" value={view.id} />
            <button class="button button--primary" type="submit">
              Review the {missed.length} I missed
            </button>
          </form>
        )}
        {canRetry && (
          <form method="post" action={`/quiz/${view.quiz}/start`}>
            <button class="button" type="submit">
              Try again
            </button>
          </form>
        )}
        <a class="button" href="/">
          All quizzes
        </a>
      </div>

      <form class="name-form" method="post" action={`/attempts/${view.id}/name`}>
        <label for="display-name">Your name on results (optional)</label>
        <span class="free-answer__row">
          <input
            id="display-name"
            name="displayName"
            type="text"
            maxLength={60}
            autoComplete="nickname"
            value={view.displayName ?? ''}
          />
          <button class="button" type="submit">
            Save name
          </button>
        </span>
        {nameSaved && (
          <p class="saved" role="status">
            Name saved.
          </p>
        )}
      </form>

      <ReviewList items={view.items} base={`/attempts/${view.id}`} reports={reports} />
    </Layout>
  )
}
