import type { PassbackRow } from '../../../db/lti-passbacks'
import type { PlatformWithDeployments } from '../../../db/lti-platforms'
import type { ToolUrls } from '../../../lti/endpoints'
import { Layout } from '../../layout'
import { Passbacks } from './passbacks'
import { AddPlatformForm, firstInvalidField, type PlatformForm } from './platform-form'
import { PlatformList } from './platform-list'

/** The tool's URLs, each with where it goes in Moodle and in Canvas. */
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
  const firstInvalid = firstInvalidField(fieldErrors)
  return (
    <Layout title={firstInvalid ? 'Error: LTI platforms' : 'LTI platforms'} studio={{}}>
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
        <PlatformList platforms={platforms} />
      </section>
      <section aria-labelledby="add-platform">
        <h2 id="add-platform">Add a platform</h2>
        <p>Copy these from the LMS once it has registered Cited.</p>
        <AddPlatformForm form={form} fieldErrors={fieldErrors} />
      </section>
      <section aria-labelledby="passbacks">
        <h2 id="passbacks">Scores sent to your platforms</h2>
        <Passbacks rows={passbacks} />
      </section>
    </Layout>
  )
}
