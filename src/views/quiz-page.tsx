import type { QuizSetSummary } from '../db/quiz-sets'
import { isEmbeddable } from '../embed/policy'
import { embedSnippet } from '../embed/snippet'
import { Layout } from './layout'
import { setRules } from './set-rules'

/** `total` is the open attempt's own question count: a retry of missed questions has fewer than the set. */
type Props = {
  set: QuizSetSummary
  resume: { href: string; answered: number; total: number } | null
  /** Attempts the learner may still start; null when unlimited. */
  attemptsLeft: number | null
  /** This site's origin, for the oEmbed discovery link and the embed code. */
  origin: string
}

/** A set's start page: what it covers, and Start (a POST, so links and crawlers never create attempts) or Resume. */
export function QuizPage({ set, resume, attemptsLeft, origin }: Props) {
  const embeddable = isEmbeddable(set.embedPolicy)
  const pageUrl = `${origin}/quiz/${set.slug}`
  const discovery = embeddable ? (
    <link
      rel="alternate"
      type="application/json+oembed"
      href={`${origin}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`}
      title={set.title}
    />
  ) : null
  return (
    <Layout title={set.title} description={set.description} head={discovery}>
      <h1>{set.title}</h1>
      <p class="lead">{set.description}</p>
      <p class="meta">{setRules(set).join(' · ')}</p>
      {resume && (
        <p>
          <a class="button button--primary" href={resume.href}>
            Resume ({resume.answered} of {resume.total} answered)
          </a>
        </p>
      )}
      {attemptsLeft === 0 ? (
        <p class="notice notice--info">
          You have used{' '}
          {set.settings.attemptsAllowed === 1
            ? 'the one attempt'
            : `all ${set.settings.attemptsAllowed} attempts`}{' '}
          allowed for this quiz.
        </p>
      ) : (
        <form method="post" action={`/quiz/${set.slug}/start`}>
          {attemptsLeft !== null && (
            <p class="hint">
              {attemptsLeft === 1 ? '1 attempt left' : `${attemptsLeft} attempts left`}
              {resume ? ' (starting over uses one)' : ''}.
            </p>
          )}
          <button class={`button ${resume ? '' : 'button--primary'}`} type="submit">
            {resume ? 'Start over' : 'Start the quiz'}
          </button>
        </form>
      )}
      {embeddable && (
        <details class="embed-code">
          <summary>Embed this quiz on your course site</summary>
          <label for="embed-snippet">Paste this HTML into your page:</label>
          <textarea id="embed-snippet" readOnly rows={5} spellcheck={false}>
            {embedSnippet(origin, set.slug, set.title)}
          </textarea>
        </details>
      )}
    </Layout>
  )
}
