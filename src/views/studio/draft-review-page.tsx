import type { OwnedSetSummary } from '../../db/owned-sets'
import type { LibrarySource } from '../../db/sources'
import type { PublicQuestion } from '../../quiz/public-question'
import type { AnswerKey } from '../../studio/answer-key'
import { Layout } from '../layout'
import { FormError, Notice, SelectField } from './fields'
import { typeLabels } from './labels'
import { PreviewWithKey } from './question-pages'

/**
 * /studio/sources/:id/drafts: the generator's drafts, one at a time, each
 * shown as learners would see it with its key and cited passage in context.
 * Accept adds it to the chosen set, Edit opens it in the question form for
 * that set, Reject moves on; nothing is added without a decision.
 */
export function DraftReviewPage({
  source,
  index,
  total,
  type,
  question,
  answerKey,
  sets,
  chosenSet,
  notice,
  error,
}: {
  source: LibrarySource
  index: number
  total: number
  type: PublicQuestion['type']
  question: PublicQuestion | null
  answerKey: AnswerKey | null
  sets: OwnedSetSummary[]
  chosenSet: string
  notice?: string
  error?: string
}) {
  const base = `/studio/sources/${source.id}`
  return (
    <Layout title={error ? `Error: Drafts from ${source.title}` : `Drafts from ${source.title}`}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href="/studio/sources">Sources</a> ›{' '}
        <a href={base}>{source.title}</a> › Drafts
      </p>
      <h1>Drafts from {source.title}</h1>
      <FormError message={error} />
      <Notice message={notice} />
      {!question || !answerKey ? (
        <p class="empty-state">
          {total === 0
            ? 'The generator found nothing to ask in this text.'
            : `You have reviewed all ${total} drafts.`}{' '}
          <a href={base}>Back to the source</a>
        </p>
      ) : (
        <>
          <p>
            Draft {index + 1} of {total}: {typeLabels[type].toLowerCase()}. Check it against the passage, then
            accept, edit or reject it.
          </p>
          <PreviewWithKey question={question} answerKey={answerKey} />
          {sets.length === 0 ? (
            <p>
              Create a quiz set first: <a href="/studio/sets/new">New quiz set</a>.
            </p>
          ) : (
            <form method="post" action={`${base}/drafts/${index + 1}`} class="studio-form">
              <SelectField
                name="set"
                label="Add to the set"
                value={chosenSet}
                options={sets.map((set) => ({ value: set.slug, label: set.title }))}
                required
              />
              <div class="actions">
                <button class="button button--primary" type="submit" name="intent" value="accept">
                  Accept
                </button>
                <button class="button" type="submit" name="intent" value="edit">
                  Edit
                </button>
                <button class="button" type="submit" name="intent" value="reject">
                  Reject
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </Layout>
  )
}
