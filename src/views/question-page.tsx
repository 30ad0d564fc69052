import { FeedbackPanel, verdict } from '../components/feedback-panel'
import type { Submitted } from '../components/question-fields'
import type { AttemptItem, AttemptView } from '../services/attempts'
import { Island } from './island'
import { Layout } from './layout'

type Props = {
  view: AttemptView
  setTitle: string
  item: AttemptItem
  next: { href: string; label: string }
  error: string | null
  submitted: Submitted | null
}

export function QuestionPage({ view, setTitle, item, next, error, submitted }: Props) {
  const progress = `Question ${item.position} of ${view.total}`
  const status = item.feedback ? `${verdict(item.feedback).label} · ` : error ? 'Error · ' : ''
  return (
    <Layout title={`${status}${progress} · ${setTitle}`} withIslands={!item.feedback}>
      <div class="quiz-header">
        <p class="quiz-title">{setTitle}</p>
        <p class="progress-label" id="progress-label">
          {progress}
        </p>
        <progress value={item.position} max={view.total} aria-labelledby="progress-label" />
      </div>
      {item.feedback ? (
        <div class="answered">
          <p class="question__prompt">{item.question.prompt}</p>
          <FeedbackPanel feedback={item.feedback} autoFocus />
          <a class="button button--primary" href={next.href}>
            {next.label}
          </a>
        </div>
      ) : (
        <Island
          of="answer-form"
          props={{
            question: item.question,
            action: `/attempts/${view.id}/q/${item.position}`,
            apiUrl: `/api/attempts/${view.id}/answers`,
            next,
            error,
            submitted,
          }}
        />
      )}
    </Layout>
  )
}
