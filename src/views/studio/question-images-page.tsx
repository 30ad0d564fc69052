import { ResponsiveImage } from '../../components/responsive-image'
import type { QuizSetRow } from '../../db/schema'
import { publicImage } from '../../quiz/image-ref'
import type { Question } from '../../quiz/question'
import { type ImageTarget, imageTargetsOf, targetValue } from '../../studio/question-images'
import { Layout } from '../layout'
import { describedBy, FormError, Notice } from './fields'

/** What the instructor typed into one target's form when it was refused, and why. */
export type ImageFormState = {
  target: ImageTarget
  alt: string
  decorative: boolean
  caption: string
  errors: Record<string, string>
}

/**
 * A question's images: one form per place (the prompt, each choice, each cited
 * passage), each a multipart post with the file, its alt text (or
 * "decorative") and, for a figure, its caption. Works without JavaScript.
 */
export function QuestionImagesPage({
  set,
  question,
  refused,
  notice,
}: {
  set: QuizSetRow
  question: Question
  refused: ImageFormState | null
  notice?: string
}) {
  const base = `/studio/sets/${set.slug}`
  const action = `${base}/questions/${question.id}/images`
  return (
    <Layout title={refused ? 'Error: Images' : 'Images'} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Images
      </p>
      <h1>Images</h1>
      <p class="hint">
        For “{question.prompt}”. PNG, JPEG, WebP or GIF, at most 2 MB each (SVG is not accepted). Learners see
        each image at most as wide as their screen.
      </p>
      <Notice message={notice} />
      <p>
        <a href={`${base}/questions/${question.id}/edit`}>Edit the question</a> ·{' '}
        <a href={`${base}/questions/${question.id}/preview`}>Preview</a>
      </p>
      {imageTargetsOf(question).map((place) => {
        const value = targetValue(place.target)
        const mine = refused && targetValue(refused.target) === value ? refused : null
        const id = value.replace(':', '-')
        const alt = mine ? mine.alt : (place.image?.alt ?? '')
        const decorative = mine ? mine.decorative : Boolean(place.image?.decorative)
        const caption = mine ? mine.caption : (place.caption ?? '')
        const errors = mine?.errors ?? {}
        const headingId = `heading-${id}`
        return (
          <section class="image-place" key={value} aria-labelledby={headingId}>
            <h2 id={headingId}>{place.label}</h2>
            {place.image && <ResponsiveImage image={publicImage(place.image)} />}
            <form method="post" action={action} enctype="multipart/form-data" class="studio-form">
              <FormError message={mine ? 'Please fix the fields marked below.' : undefined} />
              <input type="hidden" name="target" value={value} />
              <div class="field">
                <label for={`file-${id}`}>{place.image ? 'Replace with another image' : 'Image file'}</label>
                <input
                  type="file"
                  id={`file-${id}`}
                  name="image"
                  accept="image/png,image/jpeg,image/webp,image/gif"
                  aria-invalid={errors.image ? 'true' : undefined}
                  aria-describedby={describedBy(`file-${id}`, undefined, errors.image)}
                  autofocus={Boolean(errors.image)}
                />
                {errors.image && (
                  <p class="field-error" id={`file-${id}-error`}>
                    {errors.image}
                  </p>
                )}
              </div>
              <div class="field">
                <label for={`alt-${id}`}>Alt text</label>
                <p class="hint" id={`alt-${id}-hint`}>
                  What the image shows, for learners who cannot see it (at most 300 characters).
                </p>
                <input
                  type="text"
                  id={`alt-${id}`}
                  name="alt"
                  value={alt}
                  maxLength={300}
                  aria-invalid={errors.alt ? 'true' : undefined}
                  aria-describedby={describedBy(`alt-${id}`, 'hint', errors.alt)}
                  autofocus={Boolean(errors.alt) && !errors.image}
                />
                {errors.alt && (
                  <p class="field-error" id={`alt-${id}-error`}>
                    {errors.alt}
                  </p>
                )}
              </div>
              <label class="option">
                <input type="checkbox" name="decorative" value="yes" checked={decorative} />
                <span>Decorative: it adds nothing to the text (no alt text then)</span>
              </label>
              {place.target.kind === 'evidence' && (
                <div class="field">
                  <label for={`caption-${id}`}>Caption</label>
                  <input
                    type="text"
                    id={`caption-${id}`}
                    name="caption"
                    value={caption}
                    maxLength={300}
                    aria-invalid={errors.caption ? 'true' : undefined}
                    aria-describedby={describedBy(`caption-${id}`, undefined, errors.caption)}
                  />
                  {errors.caption && (
                    <p class="field-error" id={`caption-${id}-error`}>
                      {errors.caption}
                    </p>
                  )}
                </div>
              )}
              <div class="actions">
                <button class="button button--primary" type="submit" name="intent" value="save">
                  {place.image ? 'Save' : 'Upload'}
                </button>
                {place.image && (
                  <button class="button" type="submit" name="intent" value="remove">
                    Remove image
                  </button>
                )}
              </div>
            </form>
          </section>
        )
      })}
    </Layout>
  )
}
