import type { PassbackRow } from '../../db/lti-passbacks'
import type { PlatformWithDeployments } from '../../db/lti-platforms'
import type { ToolUrls } from '../../lti/endpoints'
import { Layout } from '../layout'

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

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

function ToolUrlList({ urls }: { urls: ToolUrls }) {
  const rows: [string, string, string][] = [
    [
      'Login initiation URL',
      'Moodle: "Initiate login URL"; Canvas: "OpenID Connect Initiation Url"',
      urls.login,
    ],
    [
      'Launch (redirect) URL',
      'Moodle: "Tool URL" and "Redirection URI(s)"; Canvas: "Target Link URI" and "Redirect URIs"',
      urls.launch,
    ],
    [
      'Deep linking URL',
      'Moodle: "Content Selection URL"; Canvas: the Deep Linking placement\'s target',
      urls.deepLinking,
    ],
    [
      'Public keyset (JWKS) URL',
      'Moodle: "Public key type: Keyset URL"; Canvas: "Public JWK URL"',
      urls.jwks,
    ],
  ]
  return (
    <dl class="lti-urls">
      {rows.map(([term, hint, url]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>
            <code>{url}</code>
            <span class="hint">{hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  )
}

function PlatformCard({ platform }: { platform: PlatformWithDeployments }) {
  const base = `/studio/lti/platforms/${platform.id}`
  return (
    <li class="card">
      <h3>{platform.name}</h3>
      <dl class="lti-urls">
        <div>
          <dt>Issuer</dt>
          <dd>
            <code>{platform.issuer}</code>
          </dd>
        </div>
        <div>
          <dt>Client ID</dt>
          <dd>
            <code>{platform.clientId}</code>
          </dd>
        </div>
        <div>
          <dt>Authentication request URL</dt>
          <dd>
            <code>{platform.authLoginUrl}</code>
          </dd>
        </div>
        <div>
          <dt>Access token URL</dt>
          <dd>
            <code>{platform.authTokenUrl}</code>
          </dd>
        </div>
        <div>
          <dt>JWKS URL</dt>
          <dd>
            <code>{platform.jwksUrl}</code>
          </dd>
        </div>
        {platform.servicesUrl && (
          <div>
            <dt>Grade services address</dt>
            <dd>
              <code>{platform.servicesUrl}</code>
            </dd>
          </div>
        )}
        {platform.audience && (
          <div>
            <dt>Access token audience</dt>
            <dd>
              <code>{platform.audience}</code>
            </dd>
          </div>
        )}
      </dl>
      <h4>Deployments</h4>
      {platform.deploymentIds.length === 0 ? (
        <p class="hint">None: every launch is refused until you add the deployment ID.</p>
      ) : (
        <ul class="lti-deployments">
          {platform.deploymentIds.map((deploymentId) => (
            <li key={deploymentId}>
              <code>{deploymentId}</code>
              <form method="post" action={`${base}/deployments/remove`}>
                <input type="hidden" name="deployment_id" value={deploymentId} />
                <button class="button" type="submit" aria-label={`Remove deployment ${deploymentId}`}>
                  Remove
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/deployments`} class="lti-inline-form">
        <label for={`deployment-${platform.id}`}>Add a deployment ID</label>
        <input type="text" id={`deployment-${platform.id}`} name="deployment_id" required maxLength={255} />
        <button class="button" type="submit">
          Add
        </button>
      </form>
      <details>
        <summary>Remove this platform…</summary>
        <p>
          Launches from {platform.name} stop working at once, and its launch and score history in Cited is
          deleted. Attempts and answers stay.
        </p>
        <form method="post" action={`${base}/delete`}>
          <button class="button button--danger" type="submit">
            Remove {platform.name}
          </button>
        </form>
      </details>
    </li>
  )
}

const statusText: Record<PassbackRow['status'], string> = {
  none: 'Not sent',
  pending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
}

function Passbacks({ rows }: { rows: PassbackRow[] }) {
  if (!rows.length) return <p class="empty-state">No scores have been sent back yet.</p>
  return (
    <ul class="card-list">
      {rows.map((row) => (
        <li class="card" key={row.launchId}>
          <p>
            <strong>{statusText[row.status]}</strong>: {row.score} / {row.total} on <code>{row.setSlug}</code>{' '}
            for LMS user <code>{row.userSub ?? 'anonymous'}</code> ({row.platformName})
          </p>
          <p class="meta">
            {row.tries} {row.tries === 1 ? 'try' : 'tries'}
            {row.at === null ? '' : `, last ${dateTime.format(row.at)} UTC`}
          </p>
          {row.error && <p class="field-error">{row.error}</p>}
          {row.status !== 'sent' && (
            <form method="post" action={`/studio/lti/passbacks/${row.launchId}/retry`}>
              <button class="button" type="submit">
                Send again
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  )
}

type Props = {
  urls: ToolUrls
  platforms: PlatformWithDeployments[]
  passbacks: PassbackRow[]
  form?: PlatformForm
  fieldErrors?: PlatformForm
  notice?: string
}

/** /studio/lti: the tool's URLs to paste into an LMS, the instructor's platforms, and recent score passbacks. */
export function LtiStudioPage({ urls, platforms, passbacks, form = {}, fieldErrors = {}, notice }: Props) {
  const firstInvalid = PLATFORM_FIELDS.find((name) => fieldErrors[name])
  return (
    <Layout title={firstInvalid ? 'Error: LTI platforms' : 'LTI platforms'}>
      <p>
        <a href="/studio">← Studio</a>
      </p>
      <h1>LTI platforms</h1>
      <p class="lead">
        Add Cited quizzes to Moodle, Canvas or another LMS as LTI 1.3 activities: learners start the quiz from
        the course and their scores go to its gradebook.
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="tool-urls">
        <h2 id="tool-urls">1. Register Cited in your LMS</h2>
        <p>
          Paste these into the LMS's LTI 1.3 tool registration. Turn on Deep Linking and Assignment and Grade
          Services.
        </p>
        <ToolUrlList urls={urls} />
      </section>
      <section aria-labelledby="platforms">
        <h2 id="platforms">2. Your platforms</h2>
        {platforms.length === 0 ? (
          <p class="empty-state">You have not registered a platform yet.</p>
        ) : (
          <ul class="card-list">
            {platforms.map((platform) => (
              <PlatformCard platform={platform} key={platform.id} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-platform">
        <h2 id="add-platform">Add a platform</h2>
        <p>Copy these from the LMS once it has registered Cited.</p>
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
      </section>
      <section aria-labelledby="passbacks">
        <h2 id="passbacks">Scores sent to your platforms</h2>
        <Passbacks rows={passbacks} />
      </section>
    </Layout>
  )
}
