import { FeedbackPanel } from '../components/feedback-panel'
import { NextBar } from '../components/next-bar'
import type { Submitted } from '../components/question-fields'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { Feedback } from '../quiz/feedback'
import type { PracticeItem } from '../services/practice'
import { Island } from './island'
import { Layout } from './layout'
import { formatLocalTime, TimeZoneNote } from './time-zone-note'

const next = { href: '/practice', label: 'Next question' }

type QuestionProps = { item: PracticeItem; error: string | null; submitted: Submitted | null }

/** One practice question: the same answer form as a quiz, posting to the practice endpoints. */
export function PracticeQuestionPage({ item, error, submitted }: QuestionProps) {
  // The same count as the home and progress pages ("Practise 3 due"): this question is one of them.
  const status = item.isNew ? 'New question' : `${item.dueNow} due for review`
  return (
    <Layout title={`${error ? 'Error · ' : ''}Practice`} withIslands>
      <div class="quiz-header">
        <h1 class="quiz-title">Practice</h1>
        <p class="progress-label">{status}</p>
      </div>
      <Island
        of="answer-form"
        props={{
          question: item.question,
          action: '/practice',
          apiUrl: '/api/practice/answers',
          next,
          error,
          submitted,
          hidden: { reviewId: item.reviewId, questionId: item.question.id, shownAt: String(item.shownAt) },
        }}
      />
    </Layout>
  )
}

/** Feedback for a practice answer given without JavaScript (after the post-redirect). */
export function PracticeFeedbackPage({ prompt, feedback }: { prompt: string; feedback: Feedback }) {
  return (
    <Layout title="Practice feedback">
      <div class="quiz-header">
        <h1 class="quiz-title">Practice</h1>
      </div>
      <div class="answered">
        <p class="question__prompt">{prompt}</p>
        <FeedbackPanel feedback={feedback} autoFocus />
        <NextBar>
          <a class="button button--primary" href={next.href}>
            {next.label}
          </a>
        </NextBar>
      </div>
    </Layout>
  )
}

type DoneProps = { nextDue: number | null; laterToday: number; now: number; timeZone: LearnerTimeZone }

/** Nothing to practise: either no quiz taken yet, or nothing due until `nextDue`. */
export function PracticeDonePage({ nextDue, laterToday, now, timeZone }: DoneProps) {
  return (
    <Layout title="Practice: all done" withTimeZone={nextDue !== null}>
      <h1>Nothing to practise right now</h1>
      {nextDue === null ? (
        <p class="lead">
          Practice brings back questions from the quizzes you have taken, on a schedule that fits your memory.
          Take a quiz first.
        </p>
      ) : (
        <>
          <p class="lead" role="status">
            You are up to date: nothing is due right now. Come back {laterToday > 0 ? 'later today' : 'later'}
            : the next question is due{' '}
            <time dateTime={new Date(nextDue).toISOString()}>
              {formatLocalTime(nextDue, timeZone.zone, nextDue - now < 86_400_000)}
            </time>
            {laterToday > 0 ? ` (${laterToday} due later today).` : '.'}
          </p>
          <TimeZoneNote timeZone={timeZone} />
        </>
      )}
      <div class="actions">
        <a class="button button--primary" href="/">
          All quizzes
        </a>
        <a class="button" href="/progress">
          Your progress
        </a>
      </div>
    </Layout>
  )
}
