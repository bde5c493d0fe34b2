import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

/** The frame of every public page: header, navigation, footer; no third-party assets. */
export function Page(props: { title: string; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <link rel="stylesheet" href="/static/portal.css" />
        </head>
        <body>
          <header>
            <a class="brand" href="/">
              Glasshouse
            </a>
            <nav aria-label="Main">
              <a href="/register">Register</a> · <a href="/watchlists">Screening lists</a> ·{' '}
              <a href="/api/docs">API</a>
            </nav>
          </header>
          <main>{props.children}</main>
          <footer class="muted">
            Open export-control register. Data on this demo site is fictional.
          </footer>
        </body>
      </html>
    </>
  )
}
