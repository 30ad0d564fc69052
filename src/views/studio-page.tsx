import { Layout } from './layout'

type Props = { email: string; liveSessions: number }

/**
 * The studio's home. Quiz sets are not built here yet (the builder is the
 * next part of the studio), so the list is honestly empty.
 */
export function StudioPage({ email, liveSessions }: Props) {
  return (
    <Layout title="Studio">
      <h1>Studio</h1>
      <p class="lead">
        Signed in as <strong>{email}</strong>.
      </p>
      <section aria-labelledby="your-sets">
        <h2 id="your-sets">Your quiz sets</h2>
        <p class="empty-state">You have no quiz sets yet.</p>
        <p class="hint">
          Building quiz sets in the studio is not available yet. Until it is, quiz sets are files in the
          question bank (see <code>questions/README.md</code>).
        </p>
      </section>
      <section aria-labelledby="account">
        <h2 id="account">Your account</h2>
        <p>
          {liveSessions === 1
            ? 'You are signed in on this device only.'
            : `You are signed in on ${liveSessions} devices or browsers, this one included.`}
        </p>
        <div class="actions">
          <form method="post" action="/studio/signout">
            <button class="button" type="submit">
              Sign out
            </button>
          </form>
          <form method="post" action="/studio/signout-everywhere">
            <button class="button" type="submit">
              Sign out everywhere
            </button>
          </form>
        </div>
        <p class="hint">
          "Sign out everywhere" ends every session of your account, on every device, including this one.
        </p>
      </section>
    </Layout>
  )
}
