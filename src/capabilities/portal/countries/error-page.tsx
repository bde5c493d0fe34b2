import type { Context } from 'hono'
import { Page } from '../layout.tsx'

/**
 * An HTML error page in the portal's frame for the country and exporter pages: people arrive
 * from links and search engines, so a 404 or 400 should read as a page, not as problem+json.
 */
export function portalErrorPage(
  c: Context,
  status: 400 | 404,
  props: { title: string; message: string; issues?: { field: string; message: string }[] },
  back: { href: string; label: string },
) {
  return c.html(
    <Page title={`${props.title} — Glasshouse`}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.issues && props.issues.length > 0 ? (
        <ul class="errors">
          {props.issues.map((issue) => (
            <li>
              <strong>{issue.field}</strong>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </Page>,
    status,
  )
}
