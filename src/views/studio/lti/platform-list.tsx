import type { PlatformWithDeployments } from '../../../db/lti-platforms'

/** An instructor's registered platforms, each with its deployments and the forms that change them. */
export function PlatformList({ platforms }: { platforms: PlatformWithDeployments[] }) {
  if (platforms.length === 0) return <p class="empty-state">You have not registered a platform yet.</p>
  return (
    <ul class="card-list">
      {platforms.map((platform) => (
        <PlatformCard platform={platform} key={platform.id} />
      ))}
    </ul>
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
