import type { Context, MiddlewareHandler } from 'hono'
import { html } from 'hono/html'
import { formatBytes, limitBodies } from './body-limit.ts'
import { refuseControlCharacters } from './control-characters.ts'
import type { FieldIssue } from './errors.ts'
import { problemResponse } from './problem.ts'

/** The largest body the API takes (JSON): an application with its items and parties fits many times. */
export const API_BODY_LIMIT = 2 * 1024 * 1024
/** The largest body a page takes (sign-in, setup, activation, workspace forms, OIDC callbacks). */
export const PAGE_BODY_LIMIT = 256 * 1024

const isApi = (c: Context) => c.req.path.startsWith('/api/')

/**
 * The limits every request passes before any route sees it: the body limit (413), then no
 * control characters in path, query or body, and no unreadable form (400 naming the field). The API answers in
 * problem+json, pages with a short HTML page that quotes nothing of what was sent.
 */
export function requestLimits(): MiddlewareHandler[] {
  return [
    limitBodies({
      maxBytes: (c) => (isApi(c) ? API_BODY_LIMIT : PAGE_BODY_LIMIT),
      tooLarge: (c, max) =>
        isApi(c)
          ? problemResponse(c, 413, 'body_too_large', `The body is larger than ${formatBytes(max)}`)
          : c.html(
              shortPage(
                'The form is too large',
                html`<p>
                  Glasshouse takes forms of up to ${formatBytes(max)}. Nothing was saved: go back,
                  shorten the text and send the form again.
                </p>`,
              ),
              413,
            ),
    }),
    refuseControlCharacters({
      refused: (c, issues) =>
        isApi(c)
          ? problemResponse(c, 400, 'validation_failed', detailOf(issues), issues)
          : c.html(
              shortPage(
                'Part of the request cannot be accepted',
                html`<p>Nothing was saved. Correct this and send it again:</p>
                  <ul>
                    ${issues.map((i) => html`<li>“${i.field}”: ${i.message}</li>`)}
                  </ul>`,
              ),
              400,
            ),
    }),
  ]
}

const detailOf = (issues: FieldIssue[]) => issues.map((i) => `${i.field}: ${i.message}`).join('; ')

function shortPage(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Glasshouse</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`
}
