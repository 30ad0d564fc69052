import type { ComponentChildren } from 'preact'
import { colorSchemeOf, type EmbedTheme } from '../embed/theme'

/** The studio's own header: which set the page is about, if any (its results are one tap away). */
export type StudioArea = { setSlug?: string }

/**
 * What an embedded page needs: the quiz, the host origins its frame script may
 * post to, the colour scheme the course site asked for and, on an attempt's
 * pages, the learner token the frame hands to embed.js on its parent only.
 */
export type EmbedFrame = { quiz: string; targets: string[]; theme: EmbedTheme; learner?: string | null }

type Props = {
  title: string
  description?: string
  /** Only pages with an island load the client script. */
  withIslands?: boolean
  /** Set on pages shown inside a course site's iframe: no site chrome, plus the frame script. */
  embed?: EmbedFrame
  /** Pages that show due counts, days or times load the tiny script that sends the learner's time zone. */
  withTimeZone?: boolean
  /** Set on studio pages: the studio's own navigation (sets, sources, results, LTI, sign out). */
  studio?: StudioArea
  /** Extra elements for the head (e.g. an oEmbed discovery link). */
  head?: ComponentChildren
  children: ComponentChildren
}

export function Layout({
  title,
  description,
  withIslands = false,
  withTimeZone = false,
  studio,
  embed,
  head,
  children,
}: Props) {
  return (
    <html lang="en" data-theme={embed && embed.theme !== 'auto' ? embed.theme : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Cited`}</title>
        <meta
          name="description"
          content={
            description ?? 'Quizzes where every answer cites its source: Kazakhstan and Russia in 2022.'
          }
        />
        <meta name="color-scheme" content={embed ? colorSchemeOf(embed.theme) : 'light dark'} />
        <meta name="theme-color" content="#1f3a5f" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <link rel="stylesheet" href="/app.css" />
        {withIslands && <script type="module" src="/build/islands.js" />}
        {embed && <script type="module" src="/build/embed-frame.js" />}
        {withTimeZone && <script type="module" src="/build/time-zone.js" />}
        {head}
      </head>
      {embed ? (
        <body class="embedded" data-cited-embed={JSON.stringify(embed)}>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </body>
      ) : (
        <body>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          {studio ? <StudioHeader area={studio} /> : <LearnerHeader />}
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            {studio ? (
              <p>
                What learners see: <a href="/">all quizzes</a>.
              </p>
            ) : (
              <>
                <p>
                  Questions are written from the listed sources; each answer shows the passage that supports
                  it.
                </p>
                <p>
                  Teaching? <a href="/studio">Build your own quiz sets in the studio</a>.
                </p>
              </>
            )}
          </footer>
        </body>
      )}
    </html>
  )
}

function LearnerHeader() {
  return (
    <header class="site-header">
      <a class="brand" href="/">
        Cited
      </a>
      <nav aria-label="Main">
        <ul>
          <li>
            <a href="/">Quizzes</a>
          </li>
          <li>
            <a href="/practice">Practice</a>
          </li>
          <li>
            <a href="/progress">Progress</a>
          </li>
        </ul>
      </nav>
    </header>
  )
}

/**
 * The studio's navigation, on every studio page: sets (the dashboard), sources
 * (the bank's source list), results (this set's, or the list of sets to pick
 * one from), LTI set-up, and signing out (a form: it changes state).
 */
function StudioHeader({ area }: { area: StudioArea }) {
  const results = area.setSlug ? `/studio/sets/${area.setSlug}/results` : '/studio#your-sets'
  return (
    <header class="site-header site-header--studio">
      <a class="brand" href="/studio">
        Cited <span class="brand__area">Studio</span>
      </a>
      <nav aria-label="Studio">
        <ul>
          <li>
            <a href="/studio">Sets</a>
          </li>
          <li>
            <a href="/#about-sources">Sources</a>
          </li>
          <li>
            <a href={results}>Results</a>
          </li>
          <li>
            <a href="/studio/lti">LTI</a>
          </li>
          <li>
            <form method="post" action="/studio/signout">
              <button class="nav-button" type="submit">
                Sign out
              </button>
            </form>
          </li>
        </ul>
      </nav>
    </header>
  )
}
