import { DataTable } from './data-table.tsx'
import { country, label, type WsContext, WsPage } from './workspace.page.tsx'
import type { OwnApplicationRow } from './workspace.queries.ts'

/** The exporter's applications, latest change first, with a link to start a new one. */
export function ApplicationListPage(props: {
  c: WsContext
  base: string
  rows: OwnApplicationRow[]
}) {
  const { base, rows } = props
  return (
    <WsPage c={props.c} title="Your applications">
      <h1>Your applications</h1>
      <p>
        <a href={`${base}/new`}>New application</a>
      </p>
      {rows.length === 0 ? (
        <p>You have no applications yet.</p>
      ) : (
        <DataTable
          caption="Applications of your organisation, latest change first"
          columns={[
            {
              header: 'Reference',
              cell: (r) => <a href={`${base}/${r.reference}`}>{r.reference}</a>,
            },
            { header: 'State', cell: (r) => label(r.state) },
            { header: 'End user', cell: (r) => r.endUserName },
            { header: 'Destination', cell: (r) => country(r.destination) },
            { header: 'Submitted', cell: (r) => r.submittedOn ?? '—' },
            { header: 'Decided', cell: (r) => r.decidedOn ?? '—' },
            { header: 'Open questions', class: 'num', cell: (r) => r.unansweredRequests || '' },
          ]}
          rows={rows}
        />
      )}
    </WsPage>
  )
}
