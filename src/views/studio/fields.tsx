import type { ComponentChildren } from 'preact'

type Common = {
  name: string
  label: string
  value?: string
  hint?: string
  error?: string
  required?: boolean
  maxLength?: number
  /** Put the cursor here when the page opens (the first field with an error). */
  focus?: boolean
}

/**
 * The ids that describe field `id`: its hint, its error, and any others (the form's own error).
 * @example describedBy('field-email', 'Your work address', undefined, 'form-error') // "field-email-hint form-error"
 */
export const describedBy = (id: string, hint?: string, error?: string, ...others: (string | undefined)[]) =>
  [hint && `${id}-hint`, error && `${id}-error`, ...others].filter(Boolean).join(' ') || undefined

type WrapProps = { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }

/** A field's label, hint and error around its control; the control carries `id` and `describedBy`. */
export function FieldWrap({ id, label, hint, error, children }: WrapProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/**
 * A labelled text input with its hint and error, the error announced with the
 * field (`aria-describedby`) and the field marked invalid.
 */
export function TextField(
  props: Common & { type?: 'text' | 'number' | 'date' | 'datetime-local'; inputMode?: 'decimal' },
) {
  const id = `field-${props.name}`
  const attributes = {
    id,
    name: props.name,
    inputMode: props.inputMode,
    value: props.value ?? '',
    required: props.required,
    maxLength: props.maxLength,
    autofocus: props.focus,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props.hint, props.error),
  }
  return (
    <FieldWrap {...props} id={id}>
      {props.type === 'number' ? (
        <input type="number" {...attributes} />
      ) : props.type === 'date' ? (
        <input type="date" {...attributes} />
      ) : props.type === 'datetime-local' ? (
        <input type="datetime-local" {...attributes} />
      ) : (
        <input type="text" {...attributes} />
      )}
    </FieldWrap>
  )
}

export function TextArea(props: Common & { rows?: number }) {
  const id = `field-${props.name}`
  return (
    <FieldWrap {...props} id={id}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        required={props.required}
        maxLength={props.maxLength}
        autofocus={props.focus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldWrap>
  )
}

export function SelectField(
  props: Common & { options: { value: string; label: string }[]; placeholder?: string },
) {
  const id = `field-${props.name}`
  return (
    <FieldWrap {...props} id={id}>
      <select
        id={id}
        name={props.name}
        required={props.required}
        autofocus={props.focus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldWrap>
  )
}

/** A problem with the whole form, announced when the page opens. */
/**
 * An error about the whole form or page, shown at the top. `focus` moves the
 * focus (and the view) to it when no field is to blame.
 */
export function FormError({ message, focus = false }: { message?: string; focus?: boolean }) {
  return message ? (
    <p class="form-error" role="alert" tabIndex={focus ? -1 : undefined} autofocus={focus}>
      {message}
    </p>
  ) : null
}

export function Notice({ message }: { message?: string }) {
  return message ? (
    <p class="notice" role="status">
      {message}
    </p>
  ) : null
}

/** A one-button form (POST), the no-JavaScript way to change something. */
export function ActionButton({
  action,
  label,
  fields = {},
  ariaLabel,
  variant,
}: {
  action: string
  label: string
  fields?: Record<string, string>
  ariaLabel?: string
  variant?: 'primary' | 'danger'
}) {
  return (
    <form method="post" action={action} class="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button class={variant ? `button button--${variant}` : 'button'} type="submit" aria-label={ariaLabel}>
        {label}
      </button>
    </form>
  )
}
