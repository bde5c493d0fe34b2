import type { ListStatus } from '../watchlists/watchlist.repository.ts'
import { Page } from './layout.tsx'

const LABELS: Record<string, string> = {
  'un-sc': 'UN Security Council Consolidated List',
  'ofac-sdn': 'US OFAC Specially Designated Nationals (SDN)',
  'ofac-cons': 'US OFAC Consolidated (non-SDN) lists',
  'bis-dpl': 'US BIS Denied Persons List',
  'us-csl': 'US Consolidated Screening List',
  'eu-fsf': 'EU Financial Sanctions File',
  'glasshouse-surveillance-vendors':
    'Surveillance vendors publicly restricted (authored in Glasshouse)',
}

/** Which lists every party is screened against, how recent they are and how large. */
export function WatchlistsPage(props: { lists: ListStatus[] }) {
  return (
    <Page title="Screening lists — Glasshouse">
      <h1>The lists every party is screened against</h1>
      <p>
        Every exporter, consignee, end user, intermediary and agent named in an application is
        matched against these sanctions and denied-party lists when the application is submitted.
        The result is stored with the list versions used, so a decision can always be traced to the
        lists in force at the time.
      </p>
      <table>
        <caption>Lists in force</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">List date</th>
            <th scope="col">Imported</th>
            <th scope="col" class="num">
              Entities
            </th>
            <th scope="col" class="num">
              Names
            </th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {props.lists.map((l) => (
            <tr>
              <td>
                {LABELS[l.source] ?? l.source} <span class="muted">({l.source})</span>
              </td>
              <td>{l.listDate ?? 'not given by the publisher'}</td>
              <td>{l.importedAt.slice(0, 10)}</td>
              <td class="num">{l.entities.toLocaleString('en')}</td>
              <td class="num">{l.names.toLocaleString('en')}</td>
              <td>{`+${l.added} added, ${l.removed} removed, ${l.modified} modified`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.lists.length === 0 ? <p>No list has been imported yet.</p> : null}
      <p>
        Machine-readable: <a href="/api/public/v1/watchlists">/api/public/v1/watchlists</a>.
      </p>
    </Page>
  )
}
