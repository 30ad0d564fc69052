import type { QuizSetRow } from '../../db/schema'
import { sourceKinds } from '../../quiz/source'
import { Layout } from '../layout'
import { FormError, SelectField, TextArea, TextField } from './fields'

export const SOURCE_FIELDS = ['title', 'outlet', 'author', 'date', 'kind', 'reliability'] as const
export type SourceForm = Partial<Record<(typeof SOURCE_FIELDS)[number], string>>

/** Add one of the instructor's own sources. */
export function SourceFormPage({
  set,
  back,
  form,
  errors,
  draft,
}: {
  set: QuizSetRow
  back: string
  form: SourceForm
  errors: SourceForm
  /** The question form's fields as JSON, carried through so nothing typed there is lost. */
  draft?: string
}) {
  const base = `/studio/sets/${set.slug}`
  const firstError = SOURCE_FIELDS.find((name) => errors[name])
  return (
    <Layout title={firstError ? 'Error: Add a source' : 'Add a source'} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › New source
      </p>
      <h1>Add a source</h1>
      <form method="post" action={`${base}/sources/new`} class="studio-form">
        <FormError message={firstError ? 'Please fix the fields marked below.' : undefined} />
        <input type="hidden" name="back" value={back} />
        {draft && <input type="hidden" name="draft" value={draft} />}
        <TextField
          name="title"
          label="Title"
          value={form.title}
          error={errors.title}
          focus={firstError === 'title' || !firstError}
          maxLength={200}
          required
        />
        <TextField
          name="outlet"
          label="Outlet"
          value={form.outlet}
          error={errors.outlet}
          focus={firstError === 'outlet'}
          maxLength={120}
          required
        />
        <TextField
          name="author"
          label="Author"
          value={form.author}
          error={errors.author}
          focus={firstError === 'author'}
          maxLength={120}
          required
        />
        <TextField
          name="date"
          label="Date"
          type="date"
          value={form.date}
          error={errors.date}
          focus={firstError === 'date'}
          required
        />
        <SelectField
          name="kind"
          label="Kind"
          value={form.kind}
          placeholder="Choose a kind"
          options={sourceKinds.map((kind) => ({ value: kind, label: kind }))}
          error={errors.kind}
          focus={firstError === 'kind'}
          required
        />
        <TextArea
          name="reliability"
          label="Reliability note"
          hint="What learners should know about how far to trust it."
          value={form.reliability}
          error={errors.reliability}
          focus={firstError === 'reliability'}
          maxLength={500}
          required
        />
        <div class="actions">
          <button class="button button--primary" type="submit">
            Add source
          </button>
          <a href={back}>Cancel</a>
        </div>
      </form>
    </Layout>
  )
}
