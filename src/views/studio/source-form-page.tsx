import type { QuizSetRow } from '../../db/schema'
import { SOURCE_FIELDS, type SourceFields } from '../../studio/source-form'
import { Layout } from '../layout'
import { FormError } from './fields'
import { SourceMetadataFields } from './source-pages'

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
  form: SourceFields
  errors: SourceFields
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
        <SourceMetadataFields form={form} errors={errors} focusWhenClean />
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
