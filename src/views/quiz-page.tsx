import type { QuizSetSummary } from '../db/quiz-sets'
import { Layout } from './layout'

/** `total` is the open attempt's own question count: a retry of missed questions has fewer than the set. */
type Props = { set: QuizSetSummary; resume: { href: string; answered: number; total: number } | null }

/** A set's start page: what it covers, and Start (a POST, so links and crawlers never create attempts) or Resume. */
export function QuizPage({ set, resume }: Props) {
  return (
    <Layout title={set.title} description={set.description}>
      <h1>{set.title}</h1>
      <p class="lead">{set.description}</p>
      <p class="meta">{set.questionCount} questions · one at a time · feedback after each answer</p>
      {resume && (
        <p>
          <a class="button button--primary" href={resume.href}>
            Resume ({resume.answered} of {resume.total} answered)
          </a>
        </p>
      )}
      <form method="post" action={`/quiz/${set.slug}/start`}>
        <button class={`button ${resume ? '' : 'button--primary'}`} type="submit">
          {resume ? 'Start over' : 'Start the quiz'}
        </button>
      </form>
    </Layout>
  )
}
