import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser'

/**
 * Passkeys on the studio's sign-in and account pages (never on a quiz page).
 * Without this script, or without WebAuthn, the pages say so and the password
 * form is the way in. The server keeps the challenges; this only carries the
 * options to the browser's passkey dialog and its answer back.
 */

type ErrorBody = { error?: { message?: string } }

async function postJson(path: string, body: unknown): Promise<{ ok: boolean; body: unknown }> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  })
  return { ok: response.ok, body: await response.json().catch(() => ({})) }
}

const messageOf = (body: unknown, fallback: string) => (body as ErrorBody).error?.message ?? fallback

function show(element: HTMLElement | null, text?: string) {
  if (!element) return
  if (text !== undefined) element.textContent = text
  element.hidden = false
}

/** What went wrong in the browser's own dialog, in words (cancelling is not an error worth shouting about). */
function dialogProblem(error: unknown): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'AbortError')
    return 'No passkey was used (the dialog was closed or timed out). Try again, or use your password.'
  if (name === 'InvalidStateError') return 'This device already has a passkey for your account.'
  return error instanceof Error ? error.message : 'The passkey dialog failed.'
}

function setUpSignIn(button: HTMLButtonElement) {
  const error = document.getElementById('passkey-signin-error')
  document.getElementById('passkey-signin-needs-js')?.setAttribute('hidden', '')
  button.hidden = false
  button.addEventListener('click', async () => {
    button.disabled = true
    error?.setAttribute('hidden', '')
    try {
      const options = await postJson('/studio/signin/passkey/options', {})
      if (!options.ok) return show(error, messageOf(options.body, 'Passkey sign-in is not available now.'))
      let response: Awaited<ReturnType<typeof startAuthentication>>
      try {
        response = await startAuthentication({ optionsJSON: (options.body as { options: never }).options })
      } catch (problem) {
        return show(error, dialogProblem(problem))
      }
      const next = document.querySelector<HTMLInputElement>('input[name="next"]')?.value
      const result = await postJson('/studio/signin/passkey', { response, next })
      if (!result.ok) return show(error, messageOf(result.body, 'That passkey did not sign you in.'))
      location.assign((result.body as { redirect: string }).redirect)
    } finally {
      button.disabled = false
    }
  })
}

function setUpRegistration(form: HTMLFormElement) {
  const error = document.getElementById('passkey-register-error')
  form.hidden = false
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const submit = form.querySelector('button')
    if (submit) submit.disabled = true
    error?.setAttribute('hidden', '')
    try {
      const options = await postJson('/api/studio/passkeys/options', {})
      if (!options.ok) return show(error, messageOf(options.body, 'A passkey cannot be added now.'))
      let response: Awaited<ReturnType<typeof startRegistration>>
      try {
        response = await startRegistration({ optionsJSON: (options.body as { options: never }).options })
      } catch (problem) {
        return show(error, dialogProblem(problem))
      }
      const name = new FormData(form).get('name')
      const result = await postJson('/api/studio/passkeys', { name, response })
      if (!result.ok) return show(error, messageOf(result.body, 'The passkey was not added.'))
      location.assign('/studio/account?done=passkey-added')
    } finally {
      if (submit) submit.disabled = false
    }
  })
}

const signIn = document.getElementById('passkey-signin')
const register = document.getElementById('passkey-register')
if (!browserSupportsWebAuthn()) show(document.getElementById('passkey-unsupported'))
else {
  if (signIn instanceof HTMLButtonElement) setUpSignIn(signIn)
  if (register instanceof HTMLFormElement) setUpRegistration(register)
}
