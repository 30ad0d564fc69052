import { FeedbackPanel, verdict } from '../components/feedback-panel'
import { NextBar } from '../components/next-bar'
import type { Submitted } from '../components/question-fields'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { AttemptItem, AttemptView } from '../quiz/attempt-view'
import { HintsSection } from './hints-section'
import { Island } from './island'
import { Layout } from './layout'
import { TimeLeft } from './set-rules'

type Props = {
  view: AttemptView
  setTitle: string
  item: AttemptItem
  next: { href: string; label: string }
  error: string | null
  submitted: Submitted | null
  /** In exam mode, the question whose answer was just saved (the page moved on to the next one). */
  savedPosition?: number | null
  /** The learner's time zone, for a timed attempt's closing time. */
  timeZone?: LearnerTimeZone
}

/**
 * Where to go after answering offline: the next question still unanswered
 * further on, else the results. Unlike `next`, it never wraps back to a
 * skipped question, whose kept copy may be older than what the learner has
 * answered since.
 */
function offlineNext(view: AttemptView, position: number) {
  const later = view.items.find((other) => other.position > position && !other.feedback)
  return later
    ? { href: `/attempts/${view.id}/q/${later.position}`, label: 'Next question' }
    : { href: `/attempts/${view.id}/results`, label: 'See your results' }
}

export function QuestionPage({
  view,
  setTitle,
  item,
  next,
  error,
  submitted,
  savedPosition = null,
  timeZone,
}: Props) {
  const progress = `Question ${item.position} of ${view.total}`
  const status = item.feedback
    ? `${verdict(item.feedback).label} · `
    : item.answered
      ? 'Answer saved · '
      : error
        ? 'Error · '
        : item.tryAgain
          ? 'Try again · '
          : ''
  const pages = view.items.map((other) => `/attempts/${view.id}/q/${other.position}`)
  return (
    <Layout title={`${status}${progress} · ${setTitle}`} withIslands>
      <div class="quiz-header">
        <h1 class="quiz-title">{setTitle}</h1>
        <p class="progress-label" id="progress-label">
          {progress}
        </p>
        <progress value={item.position} max={view.total} aria-labelledby="progress-label" />
      </div>
      <TimeLeft view={view} timeZone={timeZone} />
      {savedPosition !== null && (
        <p class="notice" role="status">
          Answer to question {savedPosition} saved.
        </p>
      )}
      <Island of="offline-status" props={{ keep: pages }} />
      {item.answered ? (
        <AnsweredQuestion
          item={item}
          next={next}
          reportHref={`/attempts/${view.id}/q/${item.position}/report`}
        />
      ) : (
        <Island
          of="answer-form"
          props={{
            question: item.question,
            action: `/attempts/${view.id}/q/${item.position}`,
            reportHref: `/attempts/${view.id}/q/${item.position}/report`,
            apiUrl: `/api/attempts/${view.id}/answers`,
            next,
            error,
            submitted,
            tryAgain: item.tryAgain,
            offline: {
              id: `${view.id}/${item.question.id}`,
              group: view.id,
              label: `${progress} (${setTitle})`,
              next: offlineNext(view, item.position),
            },
          }}
        />
      )}
      {!item.answered && (
        <HintsSection hints={item.hints} action={`/attempts/${view.id}/q/${item.position}/hints`} />
      )}
    </Layout>
  )
}

/**
 * An answered question, on Cited or in an embed: its feedback, or in exam mode
 * only that the answer was saved; then the way on.
 */
export function AnsweredQuestion({
  item,
  next,
  reportHref,
}: {
  item: AttemptItem
  next: { href: string; label: string }
  /** The question's "Report a problem" page, shown with its feedback. */
  reportHref?: string
}) {
  if (!item.feedback) return <AnswerSaved item={item} next={next} />
  return (
    <div class="answered">
      <p class="question__prompt">{item.question.prompt}</p>
      <FeedbackPanel feedback={item.feedback} autoFocus reportHref={reportHref} />
      <NextBar>
        <a class="button button--primary" href={next.href}>
          {next.label}
        </a>
      </NextBar>
    </div>
  )
}

/**
 * An answered question in exam mode: the answer is kept, the verdict is not
 * shown (nor sent) until every question is answered.
 */
export function AnswerSaved({ item, next }: { item: AttemptItem; next: { href: string; label: string } }) {
  return (
    <div class="answered">
      <p class="question__prompt">{item.question.prompt}</p>
      <section class="feedback feedback--saved" aria-labelledby={`saved-${item.question.id}`}>
        <h2 id={`saved-${item.question.id}`} tabIndex={-1} autofocus>
          Answer saved
        </h2>
        <p>Feedback comes with your results, once every question is answered.</p>
      </section>
      <NextBar>
        <a class="button button--primary" href={next.href}>
          {next.label}
        </a>
      </NextBar>
    </div>
  )
}
