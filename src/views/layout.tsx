import type { ComponentChildren } from 'preact'

type Props = {
  title: string
  description?: string
  /** Only pages with an island load the client script. */
  withIslands?: boolean
  children: ComponentChildren
}

export function Layout({ title, description, withIslands = false, children }: Props) {
  return (
    <html lang="en">
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
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content="#1f3a5f" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/app.css" />
        {withIslands && <script type="module" src="/build/islands.js" />}
      </head>
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
        </footer>
      </body>
    </html>
  )
}
