import type { OwnedSetSummary } from '../../db/owned-sets'
import type { QuizSetRow } from '../../db/schema'
import type { DraftQuestion } from '../../db/set-questions'
import type { SetVersion } from '../../db/set-versions'
import type { QuestionType } from '../../quiz/question'
import { type DetailsErrors, type DetailsForm, setStatus } from '../../studio/set-details'
import { Layout } from '../layout'
import { ActionButton, FormError, Notice, TextArea, TextField } from './fields'

export const typeLabels: Record<QuestionType, string> = {
  single: 'Single choice',
  multiple: 'Multiple select',
  true_false: 'True / false',
  numeric: 'Numeric',
  ordering: 'Ordering',
  matching: 'Matching',
  text: 'Short text',
}

const visibilityLabels = { public: 'Public (listed)', unlisted: 'Unlisted (link only)', private: 'Private' }

type DashboardProps = { email: string; liveSessions: number; sets: OwnedSetSummary[]; notice?: string }

/** /studio: the instructor's quiz sets, and their account. */
export function StudioDashboard({ email, liveSessions, sets, notice }: DashboardProps) {
  return (
    <Layout title="Studio">
      <h1>Studio</h1>
      <p class="lead">
        Signed in as <strong>{email}</strong>.
      </p>
      <Notice message={notice} />
      <section aria-labelledby="your-sets">
        <h2 id="your-sets">Your quiz sets</h2>
        <p>
          <a class="button button--primary" href="/studio/sets/new">
            New quiz set
          </a>
        </p>
        {sets.length === 0 ? (
          <p class="empty-state">You have no quiz sets yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="studio-table">
              <caption class="visually-hidden">Your quiz sets</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Visibility</th>
                  <th scope="col">Questions</th>
                </tr>
              </thead>
              <tbody>
                {sets.map((set) => (
                  <tr key={set.slug} class={set.archivedAt ? 'is-archived' : undefined}>
                    <th scope="row">
                      <a href={`/studio/sets/${set.slug}`}>{set.title}</a>
                    </th>
                    <td>{setStatus(set)}</td>
                    <td>{visibilityLabels[set.visibility]}</td>
                    <td>{set.questionCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="lms">
        <h2 id="lms">Learning management systems</h2>
        <p>
          Add Cited to Moodle, Canvas or another LMS as an LTI 1.3 tool: <a href="/studio/lti">LTI set-up</a>.
        </p>
      </section>
      <section aria-labelledby="account">
        <h2 id="account">Your account</h2>
        <p>
          {liveSessions === 1
            ? 'You are signed in on this device only.'
            : `You are signed in on ${liveSessions} devices or browsers, this one included.`}
        </p>
        <div class="actions">
          <ActionButton action="/studio/signout" label="Sign out" />
          <ActionButton action="/studio/signout-everywhere" label="Sign out everywhere" />
        </div>
        <p class="hint">
          "Sign out everywhere" ends every session of your account, on every device, including this one.
        </p>
      </section>
    </Layout>
  )
}

type DetailsProps = {
  /** Null when creating a new set. */
  set: QuizSetRow | null
  form: DetailsForm
  errors?: DetailsErrors
}

/** Create a set, or edit its title, description and (until first published) slug. */
export function SetDetailsPage({ set, form, errors = {} }: DetailsProps) {
  const invalid = (['title', 'slug', 'description'] as const).find((name) => errors[name])
  const heading = set ? `Details of "${set.title}"` : 'New quiz set'
  const slugLocked = set !== null && set.publishedVersion !== null
  return (
    <Layout title={invalid ? `Error: ${heading}` : heading}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a>
        {set && (
          <>
            {' › '}
            <a href={`/studio/sets/${set.slug}`}>{set.title}</a>
          </>
        )}
      </p>
      <h1>{heading}</h1>
      <form
        method="post"
        action={set ? `/studio/sets/${set.slug}/details` : '/studio/sets'}
        class="studio-form"
      >
        <FormError message={invalid ? 'Please fix the fields marked below.' : undefined} />
        <TextField
          name="title"
          label="Title"
          value={form.title}
          required
          maxLength={120}
          error={errors.title}
          focus={invalid === 'title' || (!invalid && !set)}
        />
        <TextArea
          name="description"
          label="Description"
          hint="One or two sentences learners see on the quiz page."
          value={form.description}
          maxLength={1000}
          error={errors.description}
          focus={invalid === 'description'}
        />
        {slugLocked ? (
          <>
            <input type="hidden" name="slug" value={set.slug} />
            <p>
              Address: <code>/quiz/{set.slug}</code>{' '}
              <span class="hint">(fixed once published, so shared links keep working)</span>
            </p>
          </>
        ) : (
          <TextField
            name="slug"
            label="Address (slug)"
            hint={`Lower-case words joined by hyphens; learners open /quiz/<slug>. ${set ? '' : 'Leave empty to make it from the title.'}`}
            value={form.slug}
            maxLength={60}
            error={errors.slug}
            focus={invalid === 'slug'}
          />
        )}
        <button class="button button--primary" type="submit">
          {set ? 'Save details' : 'Create quiz set'}
        </button>
      </form>
    </Layout>
  )
}

type EditorProps = {
  set: QuizSetRow
  questions: DraftQuestion[]
  versions: SetVersion[]
  hasChanges: boolean
  notice?: string
  error?: string
}

/** /studio/sets/:slug: the draft's questions and everything one can do with the set. */
export function SetEditorPage({ set, questions, versions, hasChanges, notice, error }: EditorProps) {
  const base = `/studio/sets/${set.slug}`
  const published = set.publishedVersion !== null
  return (
    <Layout title={error ? `Error: ${set.title}` : set.title}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › {set.title}
      </p>
      <h1>{set.title}</h1>
      <p class="meta">
        <span class="status">{setStatus(set)}</span> · {visibilityLabels[set.visibility]} ·{' '}
        <code>/quiz/{set.slug}</code>
      </p>
      <FormError message={error} />
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
        <a class="button" href={`${base}/import`}>
          Import questions
        </a>
      </nav>

      <section aria-labelledby="draft-questions">
        <h2 id="draft-questions">Questions ({questions.length})</h2>
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
                    <a href={`${base}/questions/${question.id}/preview`}>Preview</a>
                    {question.ownerId && (
                      <>
                        {' · '}
                        <a href={`${base}/questions/${question.id}/edit`}>Edit</a>
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
