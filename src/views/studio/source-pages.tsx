import type { LibrarySource } from '../../db/sources'
import { sourceKinds } from '../../quiz/source'
import type { Passage } from '../../sources/passages'
import { SOURCE_FIELDS, type SourceFields } from '../../studio/source-form'
import { Layout } from '../layout'
import { ActionButton, FormError, Notice, SelectField, TextArea, TextField } from './fields'

/**
 * The metadata fields every source has, shared by the library's add and edit
 * forms and a set's "add a source" form. The first field in error takes the
 * focus (or the title, on a fresh form, when `focusWhenClean`).
 */
export function SourceMetadataFields({
  form,
  errors,
  focusWhenClean = false,
}: {
  form: SourceFields
  errors: SourceFields
  focusWhenClean?: boolean
}) {
  const first = SOURCE_FIELDS.find((name) => errors[name]) ?? (focusWhenClean ? 'title' : undefined)
  return (
    <>
      <TextField
        name="title"
        label="Title"
        value={form.title}
        error={errors.title}
        focus={first === 'title'}
        maxLength={200}
        required
      />
      <TextField
        name="outlet"
        label="Outlet"
        value={form.outlet}
        error={errors.outlet}
        focus={first === 'outlet'}
        maxLength={120}
        required
      />
      <TextField
        name="author"
        label="Author"
        value={form.author}
        error={errors.author}
        focus={first === 'author'}
        maxLength={120}
        required
      />
      <TextField
        name="date"
        label="Date"
        type="date"
        value={form.date}
        error={errors.date}
        focus={first === 'date'}
        required
      />
      <SelectField
        name="kind"
        label="Kind"
        value={form.kind}
        placeholder="Choose a kind"
        options={sourceKinds.map((kind) => ({ value: kind, label: kind }))}
        error={errors.kind}
        focus={first === 'kind'}
        required
      />
      <TextArea
        name="reliability"
        label="Reliability note"
        hint="What learners should know about how far to trust it."
        value={form.reliability}
        error={errors.reliability}
        focus={first === 'reliability'}
        maxLength={500}
        required
      />
    </>
  )
}

const breadcrumbs = (last: string) => (
  <p class="breadcrumbs">
    <a href="/studio">Studio</a> › <a href="/studio/sources">Sources</a> › {last}
  </p>
)

/** /studio/sources: the instructor's sources and the bank's, with their text size and use. */
export function SourceLibraryPage({ sources, notice }: { sources: LibrarySource[]; notice?: string }) {
  const own = sources.filter((source) => source.ownerId !== null)
  const bank = sources.filter((source) => source.ownerId === null)
  const list = (items: LibrarySource[]) => (
    <ul class="source-list">
      {items.map((source) => (
        <li key={source.id} class="draft-item">
          <div class="draft-item__text">
            <a class="draft-item__prompt" href={`/studio/sources/${source.id}`}>
              {source.title}
            </a>
            <span class="meta">
              {source.outlet} · {source.kind} ·{' '}
              {source.sentences > 0 ? `${source.sentences} sentences` : 'no text'} · cited by {source.citedBy}{' '}
              question{source.citedBy === 1 ? '' : 's'}
            </span>
          </div>
        </li>
      ))}
    </ul>
  )
  return (
    <Layout title="Sources">
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › Sources
      </p>
      <h1>Sources</h1>
      <Notice message={notice} />
      <p>
        A source with its text lets you cite its sentences exactly: quotes are checked against the text, and
        the editor suggests the passages that support an answer.
      </p>
      <p>
        <a class="button button--primary" href="/studio/sources/new">
          Add a source
        </a>
      </p>
      <section aria-labelledby="own-sources">
        <h2 id="own-sources">Your sources ({own.length})</h2>
        {own.length === 0 ? <p class="empty-state">None yet: paste an article to start.</p> : list(own)}
      </section>
      <section aria-labelledby="bank-sources">
        <h2 id="bank-sources">The bank’s sources ({bank.length})</h2>
        {list(bank)}
      </section>
    </Layout>
  )
}

/** /studio/sources/new: metadata and the text, pasted or uploaded. */
export function SourceNewPage({
  form,
  errors,
  text,
  textError,
  accept,
}: {
  form: SourceFields
  errors: SourceFields
  text: string
  textError?: string
  accept: string
}) {
  const has = Object.keys(errors).length > 0 || Boolean(textError)
  return (
    <Layout title={has ? 'Error: Add a source' : 'Add a source'}>
      {breadcrumbs('New source')}
      <h1>Add a source</h1>
      <form
        method="post"
        action="/studio/sources/new"
        enctype="multipart/form-data"
        class="studio-form"
        novalidate
      >
        <FormError message={has ? 'Please fix the fields marked below.' : undefined} />
        <SourceMetadataFields form={form} errors={errors} />
        <TextArea
          name="text"
          label="Text of the source"
          hint="Paste the article, or choose a .txt, .md or .html file below (a web page is reduced to its readable text). At most 1,000,000 characters."
          value={text}
          error={textError}
          focus={Boolean(textError) && Object.keys(errors).length === 0}
          rows={10}
        />
        <div class="field">
          <label for="field-file">Or upload a file</label>
          <input id="field-file" type="file" name="file" accept={accept} />
        </div>
        <div class="actions">
          <button class="button button--primary" type="submit">
            Add source
          </button>
          <a href="/studio/sources">Cancel</a>
        </div>
      </form>
    </Layout>
  )
}

/** /studio/sources/:id/edit: the metadata of an own source (its text stays as added). */
export function SourceEditPage({
  id,
  form,
  errors,
}: {
  id: string
  form: SourceFields
  errors: SourceFields
}) {
  const has = Object.keys(errors).length > 0
  return (
    <Layout title={has ? 'Error: Edit source' : 'Edit source'}>
      {breadcrumbs('Edit')}
      <h1>Edit source</h1>
      <form method="post" action={`/studio/sources/${id}/edit`} class="studio-form" novalidate>
        <FormError message={has ? 'Please fix the fields marked below.' : undefined} />
        <SourceMetadataFields form={form} errors={errors} />
        <div class="actions">
          <button class="button button--primary" type="submit">
            Save
          </button>
          <a href={`/studio/sources/${id}`}>Cancel</a>
        </div>
      </form>
    </Layout>
  )
}

/** /studio/sources/:id: the metadata and the text, a page of sentences at a time, searchable. */
export function SourcePage({
  source,
  passages,
  total,
  page,
  pages,
  search,
  notice,
  error,
  draftAction,
}: {
  source: LibrarySource
  passages: Passage[]
  total: number
  page: number
  pages: number
  search: string
  notice?: string
  error?: string
  /** Where "Draft questions" goes, when drafting is available. */
  draftAction?: string
}) {
  const own = source.ownerId !== null
  const base = `/studio/sources/${source.id}`
  const pageLink = (to: number) =>
    `${base}?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(to) })}`
  const paragraphs = new Map<number, Passage[]>()
  for (const passage of passages)
    paragraphs.set(passage.paragraph, [...(paragraphs.get(passage.paragraph) ?? []), passage])
  return (
    <Layout title={error ? `Error: ${source.title}` : source.title}>
      {breadcrumbs(source.title)}
      <h1>{source.title}</h1>
      <FormError message={error} />
      <Notice message={notice} />
      <dl class="source-meta">
        <dt>Outlet</dt>
        <dd>{source.outlet}</dd>
        <dt>Author</dt>
        <dd>{source.author}</dd>
        <dt>Date</dt>
        <dd>{source.date}</dd>
        <dt>Kind</dt>
        <dd>{source.kind}</dd>
        <dt>Reliability</dt>
        <dd>{source.reliability}</dd>
        <dt>Cited by</dt>
        <dd>
          {source.citedBy} question{source.citedBy === 1 ? '' : 's'}
        </dd>
      </dl>
      {own && (
        <div class="actions">
          <a class="button" href={`${base}/edit`}>
            Edit details
          </a>
          {source.citedBy === 0 ? (
            <ActionButton action={`${base}/delete`} label="Delete" variant="danger" />
          ) : (
            <p class="hint">Questions cite this source, so it cannot be deleted.</p>
          )}
          {draftAction && (
            <a class="button" href={draftAction}>
              Draft questions
            </a>
          )}
        </div>
      )}
      <section aria-labelledby="source-text">
        <h2 id="source-text">Text ({source.sentences} sentences)</h2>
        {source.sentences === 0 ? (
          <p class="empty-state">No text is stored for this source, so quotes from it cannot be checked.</p>
        ) : (
          <>
            <form method="get" action={base} class="search-form">
              <label for="passage-search">Find sentences containing</label>
              <input id="passage-search" type="search" name="q" value={search} maxLength={200} />
              <button class="button" type="submit">
                Search
              </button>
            </form>
            <p class="hint" role="status">
              {total === 0
                ? 'No sentence matches.'
                : `${total} sentence${total === 1 ? '' : 's'}${search ? ' match' : ''}; page ${page} of ${pages}.`}
            </p>
            <div class="source-text">
              {[...paragraphs].map(([paragraph, sentences]) => (
                <p key={paragraph} id={`p${paragraph}`}>
                  {sentences.map((sentence) => (
                    <span key={sentence.sentence} id={`p${paragraph}s${sentence.sentence}`}>
                      {sentence.text}{' '}
                      <a
                        class="sentence-action"
                        href={`${base}/passage-question?${new URLSearchParams({ at: `${source.id}:${paragraph}:${sentence.sentence}` })}`}
                      >
                        make gaps
                        <span class="visually-hidden">
                          {' '}
                          (a passage question from “{sentence.text.slice(0, 40)}…”)
                        </span>
                      </a>{' '}
                    </span>
                  ))}
                </p>
              ))}
            </div>
            <Pager page={page} pages={pages} link={pageLink} label="Pages of the text" />
          </>
        )}
      </section>
    </Layout>
  )
}

/** Previous / next links for a paged list. */
export function Pager({
  page,
  pages,
  link,
  label,
}: {
  page: number
  pages: number
  link: (page: number) => string
  label: string
}) {
  if (pages <= 1) return null
  return (
    <nav aria-label={label} class="actions pager">
      {page > 1 && (
        <a class="button" href={link(page - 1)}>
          Previous page
        </a>
      )}
      {page < pages && (
        <a class="button" href={link(page + 1)}>
          Next page
        </a>
      )}
    </nav>
  )
}
