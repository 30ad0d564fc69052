import type { QuizSetRow } from '../../db/schema'
import type { DetailsErrors, DetailsForm } from '../../studio/set-details'
import { Layout } from '../layout'
import { FormError, TextArea, TextField } from './fields'

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
    <Layout title={invalid ? `Error: ${heading}` : heading} studio={set ? { setSlug: set.slug } : {}}>
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
