import { accommodationOf } from '../../db/accommodations'
import type { QuizSetRow } from '../../db/schema'
import type { AccommodationsView } from '../../services/accommodations'
import {
  type AccommodationErrors,
  type AccommodationForm,
  describeAccommodation,
  NEW_CODE,
} from '../../studio/accommodation-form'
import { Layout } from '../layout'
import { formatLocalTime } from '../time-zone-note'
import { ActionButton, FormError, Notice, TextArea, TextField } from './fields'

type Props = {
  set: QuizSetRow
  view: AccommodationsView
  search: string
  /** The zone the dates are entered and shown in. */
  zone: string
  form: AccommodationForm
  errors?: AccommodationErrors
  notice?: string
  /** A code just made, to give to the learner. */
  madeCode?: string
}

/** Extra time, attempts or a later closing for one learner: what is granted, and the form to grant more. */
export function AccommodationsPage({ set, view, search, zone, form, errors = {}, notice, madeCode }: Props) {
  const base = `/studio/sets/${set.slug}`
  const order = ['who', 'timeMultiplier', 'extraMinutes', 'extraAttempts', 'closesAt', 'note'] as const
  const firstError = order.find((name) => errors[name])
  const formatTime = (time: number) => `${formatLocalTime(time, zone)} (${zone.replaceAll('_', ' ')})`
  const action = `${base}/accommodations${search ? `?q=${encodeURIComponent(search)}` : ''}`
  return (
    <Layout
      title={
        firstError || errors.form
          ? `Error: Accommodations of "${set.title}"`
          : `Accommodations of "${set.title}"`
      }
      studio={{ setSlug: set.slug }}
    >
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> ›{' '}
        <a href={`${base}/settings`}>Settings</a> › Accommodations
      </p>
      <h1>Accommodations</h1>
      <Notice message={notice} />
      {madeCode && (
        <div class="notice" role="status">
          <p>
            Give this code to the learner: <strong class="code">{madeCode}</strong>
          </p>
          <p class="hint">
            They enter it on the page <a href={`/accommodation?code=${madeCode}`}>/accommodation</a> (or open
            that link) on the device they take the quiz with, before they start. The code works once.
          </p>
        </div>
      )}
      <p class="hint">
        Extra time multiplies the time limit (or adds minutes to it), extra attempts add to the attempts
        allowed, a later closing date lets one learner start after the class. They apply to attempts started
        after you grant them.
      </p>
      <h2>Granted</h2>
      {view.granted.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul class="plain-list accommodation-list">
          {view.granted.map(({ row, who }) => (
            <li key={row.id}>
              <p>
                <strong>{who ?? `Code ${row.code}, not claimed yet`}</strong>: {row.note}
              </p>
              <p class="hint">{describeAccommodation(accommodationOf(row), formatTime).join(' · ')}</p>
              <ActionButton
                action={`${base}/accommodations/${row.id}/delete`}
                label="Withdraw"
                ariaLabel={`Withdraw the accommodation for ${who ?? row.note}`}
                variant="danger"
              />
            </li>
          ))}
        </ul>
      )}
      <h2>Grant an accommodation</h2>
      <form method="get" action={`${base}/accommodations`} class="search-form">
        <label for="learner-search">Find a learner who attempted this quiz</label>
        <p class="hint" id="learner-search-hint">
          By the name they gave or their LMS sent, or by the pseudonym on the results page.
        </p>
        <input
          id="learner-search"
          type="search"
          name="q"
          value={search}
          aria-describedby="learner-search-hint"
        />
        <button class="button" type="submit">
          Search
        </button>
      </form>
      <form method="post" action={action} class="studio-form" noValidate>
        <FormError
          message={errors.form ?? (firstError ? 'Please fix the fields marked below.' : undefined)}
        />
        <fieldset aria-describedby={errors.who ? 'who-error' : undefined}>
          <legend>For whom</legend>
          {errors.who && (
            <p class="field-error" id="who-error">
              {errors.who}
            </p>
          )}
          {view.learners.length === 0 && (
            <p class="hint">
              {search ? `No learner matches "${search}".` : 'Nobody has attempted this quiz yet.'}
            </p>
          )}
          {view.learners.map((learner, index) => (
            <label class="option" key={learner.pseudonym}>
              <input
                type="radio"
                name="who"
                value={learner.pseudonym}
                checked={form.who === learner.pseudonym}
                autofocus={firstError === 'who' && index === 0}
              />
              <span>
                {learner.label}{' '}
                <span class="hint">
                  ({learner.pseudonym}
                  {learner.fromLms ? ', from the LMS' : ''}, {learner.attempts} attempt
                  {learner.attempts === 1 ? '' : 's'})
                </span>
              </span>
            </label>
          ))}
          {view.matched > view.learners.length && (
            <p class="hint">{view.matched - view.learners.length} more match: search to narrow the list.</p>
          )}
          <label class="option">
            <input type="radio" name="who" value={NEW_CODE} checked={form.who === NEW_CODE} />
            <span>
              Someone who has not started yet: <span class="hint">make a code they enter themselves</span>
            </span>
          </label>
        </fieldset>
        <TextField
          name="timeMultiplier"
          label="Time limit multiplied by"
          hint="1.5 for time and a half, 2 for double time. Empty: the set's time limit."
          value={form.timeMultiplier}
          inputMode="decimal"
          error={errors.timeMultiplier}
          focus={firstError === 'timeMultiplier'}
        />
        <TextField
          name="extraMinutes"
          label="Extra minutes"
          hint="Added to the time limit (after the multiplier). Empty: none."
          type="number"
          value={form.extraMinutes}
          error={errors.extraMinutes}
          focus={firstError === 'extraMinutes'}
        />
        <TextField
          name="extraAttempts"
          label="Extra attempts"
          hint="On top of the attempts the set allows."
          type="number"
          value={form.extraAttempts}
          error={errors.extraAttempts}
          focus={firstError === 'extraAttempts'}
        />
        <input type="hidden" name="dateTimeZone" value={form.dateTimeZone} />
        <TextField
          name="closesAt"
          label="Closes for this learner"
          hint={`In ${form.dateTimeZone.replaceAll('_', ' ')}. Only a date later than the set's closing counts. Empty: the set's.`}
          type="datetime-local"
          value={form.closesAt}
          error={errors.closesAt}
          focus={firstError === 'closesAt'}
        />
        <TextArea
          name="note"
          label="Note"
          hint="Whom it is for and why, as your class list names them: only you see it."
          value={form.note}
          rows={2}
          maxLength={400}
          error={errors.note}
          focus={firstError === 'note'}
          required
        />
        <button class="button button--primary" type="submit">
          Grant
        </button>
      </form>
    </Layout>
  )
}
