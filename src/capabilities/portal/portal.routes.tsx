import { Hono } from 'hono'
import type { RegisterService } from '../licensing/register.service.ts'
import { PageQuerySchema, RegisterFilterSchema } from '../licensing/register-query.ts'
import { TechnologyCategorySchema } from '../reference-data/control-entries.ts'
import { countryName } from '../reference-data/countries.ts'
import type { ListStatus } from '../watchlists/watchlist.repository.ts'
import { Page } from './layout.tsx'
import { PORTAL_CSS } from './portal.css.ts'
import { WatchlistsPage } from './watchlists.page.tsx'

/**
 * The first public pages: what Glasshouse is, headline numbers and the register with filters.
 * Server-rendered, no JavaScript. The full portal (countries, exporters, verification) comes later.
 */
export function createPortalRoutes(
  register: RegisterService,
  watchlists: { status: () => Promise<ListStatus[]> },
) {
  const app = new Hono()

  app.get('/static/portal.css', (c) =>
    c.body(PORTAL_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  )

  app.get('/', async (c) => {
    const counts = await register.countsByState()
    const decided = [
      'granted',
      'refused',
      'revoked',
      'suspended',
      'annulled',
      'expired',
      'withdrawn',
    ]
    const latest = await register.listPublic({}, { limit: 10 })
    return c.html(
      <Page title="Glasshouse — the cyber-surveillance export register">
        <h1>Who exported surveillance technology to whom, and why it was allowed</h1>
        <p>
          Glasshouse is the register of export licences for cyber-surveillance items under
          Regulation (EU) 2021/821. Every decided application is published here with the item, the
          exporter, the end user, the destination, the intended use, the value and the reasons for
          the decision. Natural persons are never named.
        </p>
        <ul class="stats" aria-label="Decisions in the register">
          {decided.map((state) => (
            <li>
              <strong>{(counts[state] ?? 0).toLocaleString('en')}</strong> {state}
            </li>
          ))}
          <li>
            <strong>
              {((counts.submitted ?? 0) + (counts.under_review ?? 0)).toLocaleString('en')}
            </strong>{' '}
            pending (not published)
          </li>
        </ul>
        <LicenceTable caption="Latest decisions" items={latest.items} />
        <p>
          <a href="/register">Search the whole register</a> · <a href="/api/docs">API</a> ·{' '}
          <a href="/api/public/v1/licences">open data (JSON)</a>
        </p>
      </Page>,
    )
  })

  app.get('/watchlists', async (c) => c.html(<WatchlistsPage lists={await watchlists.status()} />))

  app.get('/register', async (c) => {
    const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''))
    const filter = RegisterFilterSchema.omit({ state: true }).safeParse(query)
    const page = PageQuerySchema.safeParse(query)
    if (!filter.success || !page.success) {
      const issues = [...(filter.error?.issues ?? []), ...(page.error?.issues ?? [])]
      return c.html(
        <Page title="Register — invalid search">
          <h1>That search is not valid</h1>
          <ul>
            {issues.map((i) => (
              <li>{`${i.path.join('.')}: ${i.message}`}</li>
            ))}
          </ul>
          <a href="/register">Start again</a>
        </Page>,
        400,
      )
    }
    const result = await register.listPublic(filter.data, {
      cursor: page.data.cursor,
      limit: page.data.limit,
    })
    const next = result.nextCursor
      ? `/register?${new URLSearchParams({ ...query, cursor: result.nextCursor })}`
      : undefined
    const f = filter.data
    return c.html(
      <Page title="Register — Glasshouse">
        <h1>The register</h1>
        <form class="filters" method="get" action="/register">
          <Field name="destination" label="Destination (ISO code)" value={f.destination} />
          <Field name="issuingState" label="Issuing state" value={f.issuingState} />
          <Field name="controlEntry" label="Control entry" value={f.controlEntry} />
          <Field name="exporter" label="Exporter" value={f.exporter} />
          <label>
            Technology
            <select name="technology">
              <option value="">any</option>
              {TechnologyCategorySchema.options.map((t) => (
                <option value={t} selected={t === f.technology}>
                  {t.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Decision
            <select name="decision">
              <option value="">any</option>
              {[
                'granted',
                'refused',
                'withdrawn',
                'revoked',
                'suspended',
                'annulled',
                'expired',
              ].map((d) => (
                <option value={d} selected={d === f.decision}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Search</button>
        </form>
        <LicenceTable caption="Decisions, newest first" items={result.items} />
        {next ? (
          <p class="pager">
            <a href={next}>Next page</a>
          </p>
        ) : (
          <p class="muted">End of the results.</p>
        )}
      </Page>,
    )
  })
  return app
}

function Field(props: { name: string; label: string; value: string | undefined }) {
  return (
    <label>
      {props.label}
      <input name={props.name} value={props.value ?? ''} />
    </label>
  )
}

type LicenceRow = Awaited<ReturnType<RegisterService['listPublic']>>['items'][number]

function LicenceTable(props: { caption: string; items: LicenceRow[] }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Decision</th>
          <th scope="col">Issuing state</th>
          <th scope="col">Exporter</th>
          <th scope="col">Destination</th>
          <th scope="col">End user</th>
          <th scope="col">Items</th>
          <th scope="col" class="num">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((l) => (
          <tr>
            <td>
              <a href={`/api/public/v1/licences/${l.reference}`}>{l.reference}</a>
            </td>
            <td>
              {l.decision}
              {l.decidedOn ? ` ${l.decidedOn}` : ''}
              {l.decisionReasons.length > 0 ? ` (${l.decisionReasons.join(', ')})` : ''}
            </td>
            <td>{l.issuingState}</td>
            <td>{l.exporterName}</td>
            <td>{countryName(l.destination) ?? l.destination}</td>
            <td>{l.endUser.description}</td>
            <td>{l.items.map((i) => i.controlEntry).join(', ')}</td>
            <td class="num">{l.totalValue.map((t) => `${t.value} ${t.currency}`).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
