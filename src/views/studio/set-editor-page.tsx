import type { QuizSetRow } from '../../db/schema'
import type { DraftQuestion } from '../../db/set-questions'
import type { SetVersion } from '../../db/set-versions'
import { setStatus } from '../../studio/set-details'
import { Layout } from '../layout'
import { ActionButton, FormError, Notice } from './fields'
import { typeLabels, visibilityLabels } from './labels'

/** A draft question citing no passage (its first cited source is null). */
const isUncitedDraft = (question: DraftQuestion) => question.sourceId === null

const uncitedSentence = (count: number) =>
  `${count === 1 ? 'This question cites' : 'These questions cite'} no source: learners see no source box for ${count === 1 ? 'it' : 'them'}.`

type EditorProps = {
  set: QuizSetRow
  questions: DraftQuestion[]
  versions: SetVersion[]
  hasChanges: boolean
  /** Learners' problem reports on the set still open. */
  openReports?: number
  notice?: string
  error?: string
}

/** /studio/sets/:slug: the draft's questions and everything one can do with the set. */
export function SetEditorPage({
  set,
  questions,
  versions,
  hasChanges,
  openReports = 0,
  notice,
  error,
}: EditorProps) {
  const base = `/studio/sets/${set.slug}`
  const published = set.publishedVersion !== null
  const uncited = questions.filter(isUncitedDraft).length
  return (
    <Layout title={error ? `Error: ${set.title}` : set.title} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › {set.title}
      </p>
      <h1>{set.title}</h1>
      <p class="meta">
        <span class="status">{setStatus(set)}</span> · {visibilityLabels[set.visibility]} ·{' '}
        <code>/quiz/{set.slug}</code>
      </p>
      <FormError message={error} focus />
      <Notice message={notice} />
      {set.description && <p>{set.description}</p>}
      <nav aria-label="Set" class="actions studio-nav">
        <a class="button" href={`${base}/details`}>
          Edit details
        </a>
        <a class="button" href={`${base}/settings`}>
          Settings
        </a>
        <a class="button" href={`${base}/share`}>
          Share
        </a>
        <a class="button" href={`${base}/results`}>
          Results
        </a>
        <a class="button" href={`${base}/reports`}>
          Reports{openReports > 0 && ` (${openReports} open)`}
        </a>
        <a class="button" href={`${base}/import`}>
          Import questions
        </a>
      </nav>

      <section aria-labelledby="draft-questions">
        <h2 id="draft-questions">Questions ({questions.length})</h2>
        {uncited > 0 && (
          <p class="hint uncited-count">
            <span class="badge badge--uncited">{uncited} uncited</span> {uncitedSentence(uncited)}
          </p>
        )}
        {published && (
          <p class="hint">
            Learners take version {set.publishedVersion}. Changes here go into the draft until you publish
            them.
          </p>
        )}
        {questions.length === 0 ? (
          <p class="empty-state">No questions yet. Add some from the bank or write your own.</p>
        ) : (
          <ol class="draft-list">
            {questions.map((question, index) => (
              <li key={question.id} class="draft-item">
                <div class="draft-item__text">
                  <span class="draft-item__prompt">{question.prompt}</span>
                  <span class="meta">
                    {typeLabels[question.type]} · {question.ownerId ? 'your question' : 'bank'} ·{' '}
                    {isUncitedDraft(question) && (
                      <>
                        <span class="badge badge--uncited">uncited</span> ·{' '}
                      </>
                    )}
                    <a href={`${base}/questions/${question.id}/preview`}>Preview</a>
                    {question.ownerId && (
                      <>
                        {' · '}
                        <a href={`${base}/questions/${question.id}/edit`}>Edit</a>
                        {' · '}
                        <a href={`${base}/questions/${question.id}/images`}>Images</a>
                      </>
                    )}
                  </span>
                </div>
                <div class="draft-item__actions">
                  {index > 0 && (
                    <ActionButton
                      action={`${base}/questions/${question.id}/move`}
                      fields={{ direction: 'up' }}
                      label="Up"
                      ariaLabel={`Move question ${index + 1} up`}
                    />
                  )}
                  {index < questions.length - 1 && (
                    <ActionButton
                      action={`${base}/questions/${question.id}/move`}
                      fields={{ direction: 'down' }}
                      label="Down"
                      ariaLabel={`Move question ${index + 1} down`}
                    />
                  )}
                  <ActionButton
                    action={`${base}/questions/${question.id}/remove`}
                    label="Remove"
                    ariaLabel={`Remove question ${index + 1}`}
                  />
                </div>
              </li>
            ))}
          </ol>
        )}
        <div class="actions">
          <a class="button" href={`${base}/bank`}>
            Add from the bank
          </a>
          <a class="button" href={`${base}/questions/new`}>
            Write a question
          </a>
        </div>
      </section>

      <section aria-labelledby="publish">
        <h2 id="publish">Publish</h2>
        {published && !hasChanges ? (
          <p>Version {set.publishedVersion} is live and the draft has no changes.</p>
        ) : (
          <>
            <p>
              {published
                ? `The draft has changes. Publishing makes them version ${(set.publishedVersion ?? 0) + 1}; attempts on earlier versions keep their questions.`
                : 'Publishing freezes this draft as version 1: learners can then take it.'}
            </p>
            {uncited > 0 && (
              <p class="notice notice--warning" id="publish-uncited">
                {uncited === 1 ? '1 question cites' : `${uncited} questions cite`} no source: learners will
                see its answer without a source. You can still publish; cite a passage first if you can.
              </p>
            )}
            <ActionButton
              action={`${base}/publish`}
              label={published ? 'Publish changes' : 'Publish'}
              variant="primary"
            />
          </>
        )}
        {versions.length > 0 && (
          <ul class="versions">
            {versions.map((version) => (
              <li key={version.version}>
                v{version.version}: {version.questionIds.length} questions, published{' '}
                {version.publishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="more">
        <h2 id="more">More</h2>
        <div class="actions">
          <ActionButton action={`${base}/duplicate`} label="Duplicate" />
          {set.archivedAt ? (
            <ActionButton action={`${base}/restore`} label="Restore" />
          ) : (
            <ActionButton action={`${base}/archive`} label="Archive" variant="danger" />
          )}
        </div>
        <p>
          Export the draft: <a href={`${base}/export.gift`}>Moodle GIFT</a> ·{' '}
          <a href={`${base}/export.json`}>Cited JSON</a>
        </p>
        <p class="hint">
          Duplicate makes a private draft with the same questions and settings. Archiving hides the set from
          learners and keeps its results; you can restore it.
        </p>
      </section>
    </Layout>
  )
}
