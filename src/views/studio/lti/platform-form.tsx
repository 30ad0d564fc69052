// The form that registers an LMS platform: its fields, their labels and hints for each LMS.

/** The registration form's fields, in order. */
export const PLATFORM_FIELDS = [
  'name',
  'issuer',
  'client_id',
  'auth_login_url',
  'auth_token_url',
  'jwks_url',
  'audience',
  'services_url',
  'deployment_ids',
] as const

export type PlatformField = (typeof PLATFORM_FIELDS)[number]
export type PlatformForm = Partial<Record<PlatformField, string>>

const fieldText: Record<PlatformField, { label: string; hint: string; type: 'text' | 'url' }> = {
  name: { label: 'Name', hint: 'For you, e.g. "Moodle at Riverside".', type: 'text' },
  issuer: {
    label: 'Issuer (platform ID)',
    hint: 'Moodle: the "Platform ID" (your site URL). Canvas: https://canvas.instructure.com.',
    type: 'text',
  },
  client_id: {
    label: 'Client ID',
    hint: 'Moodle shows it after you add the tool; Canvas: the developer key ID.',
    type: 'text',
  },
  auth_login_url: {
    label: 'Authentication request URL',
    hint: 'Moodle: …/mod/lti/auth.php. Canvas: https://sso.canvaslms.com/api/lti/authorize_redirect.',
    type: 'url',
  },
  auth_token_url: {
    label: 'Access token URL',
    hint: 'Moodle: …/mod/lti/token.php. Canvas: https://sso.canvaslms.com/login/oauth2/token.',
    type: 'url',
  },
  jwks_url: {
    label: 'Public keyset URL (JWKS)',
    hint: 'Moodle: …/mod/lti/certs.php. Canvas: https://sso.canvaslms.com/api/lti/security/jwks.',
    type: 'url',
  },
  audience: {
    label: 'Access token audience (optional)',
    hint: 'Leave empty unless the LMS names one: Brightspace shows it as "OAuth2 Audience" (https://api.brightspace.com/auth/token). Empty: the access token URL.',
    type: 'text',
  },
  services_url: {
    label: 'Grade services address (optional)',
    hint: "Canvas Cloud and Blackboard: your school's LMS address (e.g. https://school.instructure.com), where grades are sent. Leave empty when grades go to the issuer's, token or keyset host.",
    type: 'url',
  },
  deployment_ids: {
    label: 'Deployment IDs',
    hint: 'One or more, separated by commas. Moodle shows it beside the client ID; Canvas: the app\'s "Deployment ID".',
    type: 'text',
  },
}

/** The first field with an error: it gets the focus, and the page title says there is an error. */
export function firstInvalidField(fieldErrors: PlatformForm): PlatformField | undefined {
  return PLATFORM_FIELDS.find((name) => fieldErrors[name])
}

/** The "Add a platform" form, refilled with what was sent and its errors after a refused registration. */
export function AddPlatformForm({ form, fieldErrors }: { form: PlatformForm; fieldErrors: PlatformForm }) {
  const firstInvalid = firstInvalidField(fieldErrors)
  return (
    <form method="post" action="/studio/lti/platforms" class="auth-form lti-form">
      {PLATFORM_FIELDS.map((name) => {
        const id = `platform-${name}`
        const error = fieldErrors[name]
        const text = fieldText[name]
        const attributes = {
          id,
          name,
          value: form[name] ?? '',
          required: name !== 'audience' && name !== 'services_url',
          maxLength: name === 'deployment_ids' ? 2000 : 500,
          spellcheck: false,
          autoCapitalize: 'none' as const,
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' '),
          autofocus: name === firstInvalid,
        }
        return (
          <div class="field" key={name}>
            <label for={id}>{text.label}</label>
            <p class="hint" id={`${id}-hint`}>
              {text.hint}
            </p>
            {text.type === 'url' ? (
              <input type="url" {...attributes} />
            ) : (
              <input type="text" {...attributes} />
            )}
            {error && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </div>
        )
      })}
      <button class="button button--primary" type="submit">
        Add platform
      </button>
    </form>
  )
}
