import type { QuizSetRow } from '../../db/schema'
import type { EmbedTheme } from '../../embed/theme'
import { visibilities } from '../../quiz/set-settings'
import type { SettingsErrors, SettingsForm } from '../../studio/set-settings-form'
import { Layout } from '../layout'
import { FormError, Notice, TextArea, TextField } from './fields'
import { SetDatesFields } from './set-dates-fields'

const visibilityText = {
  public: ['Public', 'Listed on the home page.'],
  unlisted: ['Unlisted', 'Not listed; anyone with the link can take it.'],
  private: ['Private', 'Only you can see it (a draft).'],
} as const

export function SettingsPage({
  set,
  form,
  errors = {},
  notice,
}: {
  set: QuizSetRow
  form: SettingsForm
  errors?: SettingsErrors
  notice?: string
}) {
  const base = `/studio/sets/${set.slug}`
  const order: (keyof SettingsForm)[] = [
    'feedback',
    'drawCount',
    'timeLimitMinutes',
    'attemptsAllowed',
    'passMark',
    'dateTimeZone',
    'opensAt',
    'closesAt',
    'graceMinutes',
    'triesPerQuestion',
    'tryPenalty',
    'hintPenalty',
    'visibility',
    'embedOrigins',
  ]
  const firstError = order.find((name) => errors[name])
  return (
    <Layout
      title={firstError ? `Error: Settings of "${set.title}"` : `Settings of "${set.title}"`}
      studio={{ setSlug: set.slug }}
      withTimeZone
    >
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Settings
      </p>
      <h1>Settings</h1>
      <Notice message={notice} />
      {set.publishedVersion !== null && (
        <p class="hint">
          Quiz settings are part of the draft: learners get them when you publish changes. Dates, visibility
          and embedding apply at once.
        </p>
      )}
      <form method="post" action={`${base}/settings`} class="studio-form" noValidate>
        <FormError message={firstError ? 'Please fix the fields marked below.' : undefined} />
        <fieldset>
          <legend>Feedback</legend>
          <label class="option">
            <input type="radio" name="feedback" value="each" checked={form.feedback !== 'end'} />
            <span>After each question</span>
          </label>
          <label class="option">
            <input type="radio" name="feedback" value="end" checked={form.feedback === 'end'} />
            <span>Only at the end (exam style)</span>
          </label>
        </fieldset>
        <fieldset>
          <legend>Order</legend>
          <label class="option">
            <input type="checkbox" name="shuffleQuestions" value="on" checked={form.shuffleQuestions} />
            <span>Shuffle the questions</span>
          </label>
          <label class="option">
            <input type="checkbox" name="shuffleChoices" value="on" checked={form.shuffleChoices} />
            <span>Shuffle the choices</span>
          </label>
        </fieldset>
        <TextField
          name="drawCount"
          label="Questions per attempt"
          hint="Drawn at random from the set. Empty for all of them."
          type="number"
          value={form.drawCount}
          error={errors.drawCount}
          focus={firstError === 'drawCount'}
        />
        <TextField
          name="timeLimitMinutes"
          label="Time limit (minutes)"
          hint="Empty for no limit."
          type="number"
          value={form.timeLimitMinutes}
          error={errors.timeLimitMinutes}
          focus={firstError === 'timeLimitMinutes'}
        />
        <TextField
          name="attemptsAllowed"
          label="Attempts allowed per learner"
          hint="Empty for unlimited."
          type="number"
          value={form.attemptsAllowed}
          error={errors.attemptsAllowed}
          focus={firstError === 'attemptsAllowed'}
        />
        <TextField
          name="passMark"
          label="Pass mark (%)"
          type="number"
          value={form.passMark}
          error={errors.passMark}
          focus={firstError === 'passMark'}
          required
        />
        <SetDatesFields
          form={form}
          errors={errors}
          focus={
            firstError === 'dateTimeZone' ||
            firstError === 'opensAt' ||
            firstError === 'closesAt' ||
            firstError === 'graceMinutes'
              ? firstError
              : undefined
          }
        />
        <p class="hint">
          <a href={`${base}/accommodations`}>Accommodations</a>: extra time, attempts or a later closing date
          for one learner.
        </p>
        <fieldset>
          <legend>Tries and hints</legend>
          <TextField
            name="triesPerQuestion"
            label="Tries per question"
            hint="1 to 5. After a wrong try learners see the feedback on their choice, not the answer, and try again. Several tries need feedback after each question (not at the end); live sessions and practice always give one try."
            type="number"
            value={form.triesPerQuestion}
            error={errors.triesPerQuestion}
            focus={firstError === 'triesPerQuestion'}
            required
          />
          <TextField
            name="tryPenalty"
            label="Penalty per extra try (% of the question's points)"
            hint="Taken off for each try after the first."
            type="number"
            value={form.tryPenalty}
            error={errors.tryPenalty}
            focus={firstError === 'tryPenalty'}
            required
          />
          <TextField
            name="hintPenalty"
            label="Cost of a hint (% of the question's points)"
            hint="0 makes hints free. Learners see the cost before they reveal a hint."
            type="number"
            value={form.hintPenalty}
            error={errors.hintPenalty}
            focus={firstError === 'hintPenalty'}
            required
          />
        </fieldset>
        <fieldset aria-describedby={errors.visibility ? 'visibility-error' : undefined}>
          <legend>Visibility</legend>
          {errors.visibility && (
            <p class="field-error" id="visibility-error">
              {errors.visibility}
            </p>
          )}
          {visibilities.map((visibility) => (
            <label class="option" key={visibility}>
              <input
                type="radio"
                name="visibility"
                value={visibility}
                checked={form.visibility === visibility}
                autofocus={firstError === 'visibility' && visibility === 'public'}
              />
              <span>
                {visibilityText[visibility][0]}: <span class="hint">{visibilityText[visibility][1]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Embedding in course sites</legend>
          <label class="option">
            <input type="checkbox" name="embedAnywhere" value="on" checked={form.embedAnywhere} />
            <span>Any site may embed this quiz</span>
          </label>
          <TextArea
            name="embedOrigins"
            label="Or only these sites (one origin a line)"
            hint="Like https://moodle.school.example. Empty (and the box above unticked): the quiz cannot be embedded."
            value={form.embedOrigins}
            error={errors.embedOrigins}
            focus={firstError === 'embedOrigins'}
            rows={4}
          />
        </fieldset>
        <button class="button button--primary" type="submit">
          Save settings
        </button>
      </form>
    </Layout>
  )
}

const EMBED_THEME_CHOICES: [EmbedTheme, string][] = [
  ['light', 'Light (most course pages)'],
  ['dark', 'Dark'],
  ['auto', "Follow the learner's device setting"],
]

type ShareProps = {
  set: QuizSetRow
  link: string
  snippet: string
  /** The colour scheme chosen for the snippet (light unless asked). */
  theme: EmbedTheme
  /** The embed page can be framed by the studio's own origin, so a live preview works. */
  livePreview: string | null
}

/** The link, its QR code (an SVG made on the server), the embed code and a live preview. */
export function SharePage({ set, link, snippet, theme, livePreview }: ShareProps) {
  const base = `/studio/sets/${set.slug}`
  const published = set.publishedVersion !== null
  return (
    <Layout title={`Share "${set.title}"`} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Share
      </p>
      <h1>Share</h1>
      {!published && (
        <p class="notice notice--info">
          Not published yet: learners who follow the link will not find the quiz.
        </p>
      )}
      {set.visibility === 'private' && (
        <p class="notice notice--info">
          The set is private: only you can open it. Make it public or unlisted in the{' '}
          <a href={`${base}/settings`}>settings</a> to share it.
        </p>
      )}
      <section aria-labelledby="share-link">
        <h2 id="share-link">Link</h2>
        <p>
          <a href={link}>{link}</a>
        </p>
        <figure class="qr">
          <img src={`${base}/qr.svg`} width={240} height={240} alt={`QR code for ${link}`} />
          <figcaption>
            Show it in class: phones open the quiz.{' '}
            <a href={`${base}/qr.svg`} download={`${set.slug}-qr.svg`}>
              Download the SVG
            </a>
          </figcaption>
        </figure>
      </section>
      <section aria-labelledby="share-embed" class="embed-code">
        <h2 id="share-embed">Embed in a course site</h2>
        <form method="get" action={`${base}/share`} class="embed-theme">
          <fieldset>
            <legend>Colour scheme inside the course page</legend>
            {EMBED_THEME_CHOICES.map(([value, label]) => (
              <label class="option" key={value}>
                <input type="radio" name="theme" value={value} checked={theme === value} />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          <button class="button" type="submit">
            Update the code
          </button>
        </form>
        <label for="embed-snippet">Paste this HTML into the page</label>
        <textarea id="embed-snippet" readOnly rows={5}>
          {snippet}
        </textarea>
        {livePreview ? (
          <>
            <h3>Live preview</h3>
            <iframe
              src={livePreview}
              title={`Preview: ${set.title}`}
              width={640}
              height={560}
              class="embed-preview"
            />
          </>
        ) : (
          <p class="hint">
            {published
              ? 'No live preview: the embedding settings do not allow this site to frame the quiz.'
              : 'The live preview appears once the set is published and embedding is allowed.'}{' '}
            <a href={`${base}/settings`}>Embedding settings</a>
          </p>
        )}
      </section>
    </Layout>
  )
}
