import type { DatesErrors, DatesForm } from '../../studio/set-dates-form'
import { TextField } from './fields'

let zones: string[] | null = null

/** Every zone `Intl` knows, UTC first (made once per isolate). */
function timeZoneNames(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')]
  return zones
}

/**
 * Opening and closing dates with the zone they are read in, and the grace
 * period. Plain datetime-local inputs and a select: no script needed.
 */
export function SetDatesFields({
  form,
  errors,
  focus,
}: {
  form: DatesForm
  errors: DatesErrors
  focus: keyof DatesForm | undefined
}) {
  const names = timeZoneNames()
  const options = names.includes(form.dateTimeZone) ? names : [form.dateTimeZone, ...names]
  return (
    <fieldset>
      <legend>Dates</legend>
      <p class="hint">
        Learners see the dates in their own time zone. Before the opening nobody can start; after the closing
        no new attempts start, and attempts in progress get the grace period. Dates apply at once, without
        publishing.
      </p>
      <div class="field">
        <label for="field-dateTimeZone">Time zone of these dates</label>
        <select
          id="field-dateTimeZone"
          name="dateTimeZone"
          aria-invalid={errors.dateTimeZone ? 'true' : undefined}
          aria-describedby={errors.dateTimeZone ? 'field-dateTimeZone-error' : undefined}
          autofocus={focus === 'dateTimeZone'}
        >
          {options.map((zone) => (
            <option key={zone} value={zone} selected={zone === form.dateTimeZone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        {errors.dateTimeZone && (
          <p class="field-error" id="field-dateTimeZone-error">
            {errors.dateTimeZone}
          </p>
        )}
      </div>
      <TextField
        name="opensAt"
        label="Opens"
        hint="Empty: open as soon as it is published."
        type="datetime-local"
        value={form.opensAt}
        error={errors.opensAt}
        focus={focus === 'opensAt'}
      />
      <TextField
        name="closesAt"
        label="Closes"
        hint="Empty: never closes."
        type="datetime-local"
        value={form.closesAt}
        error={errors.closesAt}
        focus={focus === 'closesAt'}
      />
      <TextField
        name="graceMinutes"
        label="Grace period after closing (minutes)"
        hint="Attempts in progress at the closing may go on this long (0 to 1440)."
        type="number"
        value={form.graceMinutes}
        error={errors.graceMinutes}
        focus={focus === 'graceMinutes'}
      />
    </fieldset>
  )
}
