import type { QuizSetSummary } from '../db/quiz-sets'
import { isEmbeddable } from '../embed/policy'
import { embedSnippet } from '../embed/snippet'
import type { LearnerTimeZone } from '../learning/time-zone'
import type { StartStatus } from '../quiz/availability'
import { Layout } from './layout'
import { setRules } from './set-rules'
import { ClosingNote, StartRefusal } from './start-refusal'
import { TimeZoneNote } from './time-zone-note'

/** `total` is the open attempt's own question count: a retry of missed questions has fewer than the set. */
type Props = {
  set: QuizSetSummary
  resume: { href: string; answered: number; total: number } | null
  /** Whether the learner may start now (the set's dates, attempts allowed, their accommodation) and attempts left. */
  status: StartStatus
  /** The learner's zone, for the opening and closing dates. */
  timeZone: LearnerTimeZone
  /** This site's origin, for the oEmbed discovery link and the embed code. */
  origin: string
}

/** A set's start page: what it covers, and Start (a POST, so links and crawlers never create attempts) or Resume. */
export function QuizPage({ set, resume, status, timeZone, origin }: Props) {
  const { decision, attemptsLeft } = status
  const dated = set.settings.opensAt !== null || set.settings.closesAt !== null
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
    <Layout title={set.title} description={set.description} head={discovery} withTimeZone={dated}>
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
      {!decision.ok ? (
        <StartRefusal decision={decision} timeZone={timeZone} />
      ) : (
        <form method="post" action={`/quiz/${set.slug}/start`}>
          {attemptsLeft !== null && (
            <p class="hint">
              {attemptsLeft === 1 ? '1 attempt left' : `${attemptsLeft} attempts left`}
              {resume ? ' (starting over uses one)' : ''}.
            </p>
          )}
          <ClosingNote closesAt={status.closesAt} timeZone={timeZone} />
          <button class={`button ${resume ? '' : 'button--primary'}`} type="submit">
            {resume ? 'Start over' : 'Start the quiz'}
          </button>
        </form>
      )}
      {dated && <TimeZoneNote timeZone={timeZone} />}
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
