import { MIN_PASSWORD_LENGTH } from '../../auth/credentials'
import { Layout } from '../layout'
import { PasskeyScript } from './account-page'
import { describedBy, FieldWrap } from './fields'

/** A problem with one field, shown under it and announced with it. */
export type FieldErrors = Partial<Record<'email' | 'password' | 'confirm', string>>

type FieldProps = {
  name: keyof FieldErrors
  label: string
  type: 'email' | 'password'
  autoComplete: 'email' | 'current-password' | 'new-password'
  value?: string
  hint?: string
  error?: string
  /** Also described by the form's own error (e.g. "wrong email or password"). */
  formErrorId?: string
  focus: boolean
  minLength?: number
  maxLength: number
}

function Field({
  name,
  label,
  type,
  autoComplete,
  value,
  hint,
  error,
  formErrorId,
  focus,
  ...limits
}: FieldProps) {
  const id = `field-${name}`
  const attributes = {
    id,
    name,
    autoComplete,
    value,
    required: true,
    ...limits,
    spellcheck: false,
    autoCapitalize: 'none' as const,
    'aria-invalid': error || formErrorId ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, hint, error, formErrorId),
    autofocus: focus,
  }
  return (
    <FieldWrap id={id} label={label} hint={hint} error={error}>
      {type === 'email' ? <input type="email" {...attributes} /> : <input type="password" {...attributes} />}
    </FieldWrap>
  )
}

/** The first field with a problem gets the focus (no script needed: `autofocus`). */
const firstInvalid = (errors: FieldErrors) =>
  (['email', 'password', 'confirm'] as const).find((name) => errors[name])

function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p class="form-error" id="form-error" role="alert">
      {message}
    </p>
  ) : null
}

type SignInProps = {
  email?: string
  /** Where to go after signing in (already checked to be a local path). */
  next: string
  /** A problem with the whole attempt: wrong credentials, too many tries. */
  error?: string
  fieldErrors?: FieldErrors
  notice?: string
  signupOpen: boolean
}

export function SignInPage({ email = '', next, error, fieldErrors = {}, notice, signupOpen }: SignInProps) {
  const invalid = firstInvalid(fieldErrors)
  // After a wrong password the email is kept, so the password field is where to carry on.
  const focus = invalid ?? (error ? 'password' : undefined)
  return (
    <Layout
      title={error || invalid ? 'Error: Sign in to the studio' : 'Sign in to the studio'}
      head={<PasskeyScript />}
    >
      <h1>Sign in to the studio</h1>
      <p class="lead">The studio is for instructors: build quiz sets and read your learners' results.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form method="post" action="/studio/signin" class="auth-form">
        <FormError message={error} />
        <input type="hidden" name="next" value={next} />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          error={fieldErrors.email}
          formErrorId={error ? 'form-error' : undefined}
          focus={focus === 'email' || (!focus && !notice)}
          maxLength={254}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={fieldErrors.password}
          formErrorId={error ? 'form-error' : undefined}
          focus={focus === 'password'}
          maxLength={500}
        />
        <button class="button button--primary" type="submit">
          Sign in
        </button>
      </form>
      <section aria-labelledby="passkey-heading" class="passkey-signin">
        <h2 id="passkey-heading">Or use a passkey</h2>
        <p class="form-error" id="passkey-signin-error" role="alert" hidden />
        {/* Shown by the passkey script when this browser can use passkeys. */}
        <button class="button" type="button" id="passkey-signin" hidden>
          Sign in with a passkey
        </button>
        <p class="hint" id="passkey-signin-needs-js">
          Signing in with a passkey needs JavaScript and a browser that supports passkeys. Without them, sign
          in with your email and password above.
        </p>
      </section>
      <p class="hint">
        Forgotten your password? Whoever runs this site can set a new one with{' '}
        <code>npm run instructor:create -- --email … --reset-password</code>.
      </p>
      {signupOpen && (
        <p>
          New here? <a href="/studio/signup">Create an instructor account</a>
        </p>
      )}
    </Layout>
  )
}

type SignUpProps = { email?: string; error?: string; fieldErrors?: FieldErrors }

export function SignUpPage({ email = '', error, fieldErrors = {} }: SignUpProps) {
  const invalid = firstInvalid(fieldErrors)
  return (
    <Layout title={error || invalid ? 'Error: Create an instructor account' : 'Create an instructor account'}>
      <h1>Create an instructor account</h1>
      <p class="lead">With an account you can build quiz sets and see how your learners do.</p>
      <form method="post" action="/studio/signup" class="auth-form">
        <FormError message={error} />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          error={fieldErrors.email}
          formErrorId={error ? 'form-error' : undefined}
          focus={invalid === 'email' || !invalid}
          maxLength={254}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`}
          error={fieldErrors.password}
          focus={invalid === 'password'}
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={500}
        />
        <Field
          name="confirm"
          label="Password again"
          type="password"
          autoComplete="new-password"
          error={fieldErrors.confirm}
          focus={invalid === 'confirm'}
          maxLength={500}
        />
        <button class="button button--primary" type="submit">
          Create account
        </button>
      </form>
      <p>
        Already have an account? <a href="/studio/signin">Sign in</a>
      </p>
    </Layout>
  )
}
