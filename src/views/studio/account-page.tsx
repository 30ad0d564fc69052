import { PASSKEY_NAME_MAX } from '../../auth/passkey'
import type { PasskeyRow } from '../../db/schema'
import { Layout } from '../layout'
import { ActionButton, Notice } from './fields'

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })
const day = (at: number) => dayFormat.format(new Date(at))

/** The passkey script (src/client/passkeys.ts): studio sign-in and account pages only, never a quiz page. */
export const PasskeyScript = () => <script type="module" src="/build/passkeys.js" />

type AccountProps = { email: string; passkeys: PasskeyRow[]; notice?: string }

/** /studio/account: how the instructor signs in; their passkeys (list, add, remove). */
export function AccountPage({ email, passkeys, notice }: AccountProps) {
  return (
    <Layout title="Sign-in and security" head={<PasskeyScript />}>
      <p>
        <a href="/studio">Back to the studio</a>
      </p>
      <h1>Sign-in and security</h1>
      <p class="lead">
        Signed in as <strong>{email}</strong>.
      </p>
      <Notice message={notice} />
      <section aria-labelledby="passkeys">
        <h2 id="passkeys">Passkeys</h2>
        <p>
          A passkey signs you in with your device's fingerprint, face or screen lock instead of your password.
          It cannot be phished or guessed, and your password keeps working as well.
        </p>
        {passkeys.length === 0 ? (
          <p class="empty-state">You have no passkeys yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="studio-table">
              <caption class="visually-hidden">Your passkeys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Added</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {passkeys.map((passkey) => (
                  <tr key={passkey.id}>
                    <th scope="row">{passkey.name}</th>
                    <td>{day(passkey.createdAt)}</td>
                    <td>{passkey.lastUsedAt === null ? 'Never' : day(passkey.lastUsedAt)}</td>
                    <td>
                      <ActionButton
                        action={`/studio/account/passkeys/${encodeURIComponent(passkey.id)}/delete`}
                        label="Remove"
                        ariaLabel={`Remove the passkey ${passkey.name}`}
                        variant="danger"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Add a passkey</h3>
        <noscript>
          <p class="hint">
            Adding a passkey needs JavaScript. Turn it on, or keep signing in with your password.
          </p>
        </noscript>
        {/* Shown by the passkey script when this browser can make passkeys. */}
        <form class="auth-form" id="passkey-register" hidden>
          <p class="form-error" id="passkey-register-error" role="alert" hidden />
          <div class="field">
            <label for="passkey-name">Name of this passkey</label>
            <p class="hint" id="passkey-name-hint">
              Something to tell it apart, e.g. "Work laptop" or "Phone".
            </p>
            <input
              id="passkey-name"
              name="name"
              required
              maxLength={PASSKEY_NAME_MAX}
              autoComplete="off"
              aria-describedby="passkey-name-hint"
            />
          </div>
          <button class="button button--primary" type="submit">
            Add a passkey
          </button>
        </form>
        <p class="hint" id="passkey-unsupported" hidden>
          This browser cannot make passkeys. Keep signing in with your password.
        </p>
      </section>
      <section aria-labelledby="password">
        <h2 id="password">Password</h2>
        <p>
          Your password always works too. Forgotten it? Whoever runs this site can set a new one with{' '}
          <code>npm run instructor:create -- --email … --reset-password</code>.
        </p>
      </section>
    </Layout>
  )
}
