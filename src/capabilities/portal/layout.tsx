import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

/** The frame of every public page: header, navigation, footer; no third-party assets. */
export function Page(props: {
  title: string
  children: Child
  /** The signed-in user, for the workspace pages: shows the workspace link and "Sign out". */
  account?: { name: string; csrfToken: string | undefined } | undefined
}) {
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
          <a class="skip" href="#main">
            Skip to the content
          </a>
          <header>
            <a class="brand" href="/">
              Glasshouse
            </a>
            <nav aria-label="Main">
              <a href="/register">Register</a> <a href="/countries">Countries</a>{' '}
              <a href="/exporters">Exporters</a> <a href="/reports">Annual reports</a>{' '}
              <a href="/decision-log">Decision log</a> <a href="/open-data">Open data</a>{' '}
              <a href="/recommendations">Why</a>{' '}
              {props.account ? (
                <>
                  <a href="/workspace">Workspace</a>
                  <form class="signout" method="post" action="/logout">
                    <input type="hidden" name="_csrf" value={props.account.csrfToken ?? ''} />
                    <span class="muted">{props.account.name}</span>{' '}
                    <button type="submit" class="link">
                      Sign out
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">Sign in</a>
              )}
            </nav>
          </header>
          <main id="main">{props.children}</main>
          <footer class="muted">
            <p>
              Glasshouse — an open export-control register for cyber-surveillance items under
              Regulation (EU) 2021/821. <a href="/open-data">Open data</a> ·{' '}
              <a href="/api/docs">API</a> · <a href="/decision-log">Verify the record</a> ·{' '}
              <a href="/watchlists">Screening lists</a>
            </p>
            <p>Data on this demo site is fictional.</p>
          </footer>
        </body>
      </html>
    </>
  )
}
