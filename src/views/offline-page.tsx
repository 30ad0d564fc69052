import { Island } from './island'
import { Layout } from './layout'

/**
 * What the service worker shows for a page that is not kept on the device
 * while offline. Rendered once at build time (scripts/build-client.ts) into
 * public/offline.html, so it needs no server; its island lists the answers
 * still waiting and sends them when the connection is back.
 */
export function OfflinePage() {
  return (
    <Layout title="Offline" withIslands>
      <h1>You're offline</h1>
      <p class="lead">This page is not saved on this phone, so it needs a connection.</p>
      <p>
        Quizzes you have opened here still work offline: go back to your quiz and carry on. Answers you give
        offline are saved on this phone and graded when you're back online.
      </p>
      <Island of="offline-status" props={{ keep: [], sayOffline: false }} />
      <div class="actions">
        {/* An empty href is this page's own address: the page asked for, once back online. */}
        {/* biome-ignore lint/a11y/useValidAnchor: an empty href is a valid link to the current URL */}
        <a class="button button--primary" href="">
          Try again
        </a>
        <a class="button" href="/">
          All quizzes
        </a>
      </div>
    </Layout>
  )
}
