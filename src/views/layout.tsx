import type { ComponentChildren } from 'preact'
import { colorSchemeOf, type EmbedTheme } from '../embed/theme'

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
  /** Extra elements for the head (e.g. an oEmbed discovery link). */
  head?: ComponentChildren
  children: ComponentChildren
}

export function Layout({ title, description, withIslands = false, embed, head, children }: Props) {
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
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <p>
              Questions are written from the listed sources; each answer shows the passage that supports it.
            </p>
            <p>
              Teaching? <a href="/studio">Build your own quiz sets in the studio</a>.
            </p>
          </footer>
        </body>
      )}
    </html>
  )
}
