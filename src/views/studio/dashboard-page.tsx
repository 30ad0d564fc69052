import type { OwnedSetSummary } from '../../db/owned-sets'
import { setStatus } from '../../studio/set-details'
import { Layout } from '../layout'
import { ActionButton, Notice } from './fields'
import { visibilityLabels } from './labels'

type DashboardProps = {
  email: string
  liveSessions: number
  sets: OwnedSetSummary[]
  /** Open problem reports per set slug (sets without any are absent). */
  openReports?: ReadonlyMap<string, number>
  notice?: string
}

/** /studio: the instructor's quiz sets, and their account. */
export function StudioDashboard({
  email,
  liveSessions,
  sets,
  openReports = new Map(),
  notice,
}: DashboardProps) {
  return (
    <Layout title="Studio" studio={{}}>
      <h1>Studio</h1>
      <p class="lead">
        Signed in as <strong>{email}</strong>.
      </p>
      <Notice message={notice} />
      <section aria-labelledby="your-sets">
        <h2 id="your-sets">Your quiz sets</h2>
        <p>
          <a class="button button--primary" href="/studio/sets/new">
            New quiz set
          </a>{' '}
          <a class="button" href="/studio/live">
            Start a live session
          </a>
        </p>
        {sets.length === 0 ? (
          <p class="empty-state">You have no quiz sets yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="studio-table card-table">
              <caption class="visually-hidden">Your quiz sets</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Visibility</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Results</th>
                  <th scope="col">Reports</th>
                </tr>
              </thead>
              <tbody>
                {sets.map((set) => (
                  <tr key={set.slug} class={set.archivedAt ? 'is-archived' : undefined}>
                    <th scope="row">
                      <a href={`/studio/sets/${set.slug}`}>{set.title}</a>
                    </th>
                    <td data-label="Status">{setStatus(set)}</td>
                    <td data-label="Visibility">{visibilityLabels[set.visibility]}</td>
                    <td data-label="Questions">{set.questionCount}</td>
                    <td>
                      <a href={`/studio/sets/${set.slug}/results`}>
                        Results<span class="visually-hidden"> of {set.title}</span>
                      </a>
                    </td>
                    <td data-label="Reports">
                      <OpenReports slug={set.slug} title={set.title} open={openReports.get(set.slug) ?? 0} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="library">
        <h2 id="library">Sources</h2>
        <p>
          Paste or upload the articles your questions cite: <a href="/studio/sources">your sources</a>.
        </p>
      </section>
      <section aria-labelledby="lms">
        <h2 id="lms">Learning management systems</h2>
        <p>
          Add Cited to Moodle, Canvas or another LMS as an LTI 1.3 tool: <a href="/studio/lti">LTI set-up</a>.
        </p>
      </section>
      <section aria-labelledby="account">
        <h2 id="account">Your account</h2>
        <p>
          {liveSessions === 1
            ? 'You are signed in on this device only.'
            : `You are signed in on ${liveSessions} devices or browsers, this one included.`}
        </p>
        <p>
          <a href="/studio/account">Sign-in and security</a>: add a passkey to sign in with your fingerprint,
          face or screen lock.
        </p>
        <div class="actions">
          <ActionButton action="/studio/signout" label="Sign out" />
          <ActionButton action="/studio/signout-everywhere" label="Sign out everywhere" />
        </div>
        <p class="hint">
          "Sign out everywhere" ends every session of your account, on every device, including this one.
        </p>
      </section>
    </Layout>
  )
}

/** A set's open problem reports on the dashboard: a link when there are any. */
function OpenReports({ slug, title, open }: { slug: string; title: string; open: number }) {
  if (open === 0) return <>None open</>
  return (
    <a href={`/studio/sets/${slug}/reports`}>
      {open} open<span class="visually-hidden"> reports on {title}</span>
    </a>
  )
}
