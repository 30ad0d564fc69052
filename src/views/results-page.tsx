import { CitedPassages } from '../components/cited-passages'
import { ChoiceFeedbackNotes, verdict } from '../components/feedback-panel'
import type { FinishedView } from '../quiz/attempt-view'
import { Layout } from './layout'
import { PassVerdict } from './set-rules'

type Props = {
  view: FinishedView
  setTitle: string
  /** False once the learner has used every attempt the set allows (or the set is closed to learners). */
  canRetry?: boolean
  /** The set's limit on attempts, to say why there is no "Try again"; null when unlimited. */
  attemptsAllowed?: number | null
  nameSaved: boolean
}

export function ResultsPage({ view, setTitle, canRetry = true, attemptsAllowed = null, nameSaved }: Props) {
  const missed = view.items.filter((item) => item.feedback && !item.feedback.correct)
  const { score } = view
  return (
    <Layout title={`Results: ${score.percent}% · ${setTitle}`}>
      <h1>Your results</h1>
      <p class="quiz-title">{setTitle}</p>
      <div class="score" role="status" aria-live="polite">
        <p class="score__big">{score.percent}%</p>
        <p>
          {score.points} of {score.max} points{view.displayName ? ` for ${view.displayName}` : ''}.{' '}
          {missed.length ? `${missed.length} to review.` : 'Every answer was right.'}
        </p>
        <PassVerdict view={view} />
      </div>
      {view.timedOut && (
        <p class="notice">
          The time limit ran out with {view.total - view.answered} of {view.total} questions unanswered; they
          score 0.
        </p>
      )}
      {!canRetry && attemptsAllowed !== null && (
        <p class="notice">
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

      <h2>Question by question</h2>
      <ol class="review">
        {view.items.map((item) => {
          const feedback = item.feedback
          if (!feedback) return null
          const { label, tone } = item.answered
            ? verdict(feedback)
            : { label: 'Not answered', tone: 'incorrect' }
          return (
            <li class={`review__item review__item--${tone}`} key={item.question.id}>
              <p class="review__prompt">{item.question.prompt}</p>
              <p class="review__verdict">
                <span aria-hidden="true">{tone === 'correct' ? '✓ ' : tone === 'partial' ? '◐ ' : '✗ '}</span>
                {label}
              </p>
              <details>
                <summary>
                  Answer and source<span class="visually-hidden"> for question {item.position}</span>
                </summary>
                <dl class="answers">
                  <dt>Your answer</dt>
                  <dd>{feedback.yourAnswer.join('; ')}</dd>
                  <dt>Correct answer</dt>
                  <dd>{feedback.correctAnswer.join('; ')}</dd>
                </dl>
                <ChoiceFeedbackNotes notes={feedback.choiceFeedback} />
                <p>{feedback.explanation}</p>
                <CitedPassages citations={feedback.evidence} withReliability={false} />
              </details>
            </li>
          )
        })}
      </ol>
    </Layout>
  )
}
