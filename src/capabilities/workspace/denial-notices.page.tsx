import { DataTable } from './data-table.tsx'
import { country, type WsContext, WsPage } from './workspace.page.tsx'
import type { DenialNoticeRow } from './workspace.queries.ts'

/** Other authorities' Art. 23 denial notices, newest first, a page at a time. */
export function DenialNoticesPage(props: { c: WsContext; rows: DenialNoticeRow[]; more: boolean }) {
  const { rows, more } = props
  const last = rows.at(-1)
  return (
    <WsPage c={props.c} title="Denial notices">
      <h1>Denial notices of other authorities</h1>
      <p>
        Refusals, revocations and annulments notified under Art. 23 of Regulation (EU) 2021/821,
        newest first. Before granting an essentially identical transaction, consult the authority
        that denied it.
      </p>
      {rows.length === 0 ? (
        <p>No denial notices from other authorities.</p>
      ) : (
        <DataTable
          columns={[
            { header: 'Notified', cell: (r) => r.notifiedOn },
            { header: 'Authority', cell: (r) => `${r.authorityId} (${r.issuingState})` },
            { header: 'Kind', cell: (r) => r.kind },
            { header: 'Destination', cell: (r) => country(r.destination) },
            { header: 'End user', cell: (r) => r.endUserName },
            { header: 'Consignee', cell: (r) => r.consigneeName },
            { header: 'Control entries', cell: (r) => r.controlEntries.join(', ') },
            { header: 'Reasons', cell: (r) => r.reasonCodes.join(', ') },
            { header: 'Review due', cell: (r) => r.reviewDue },
            { header: 'Status', cell: (r) => r.status },
          ]}
          rows={rows}
        />
      )}
      {more && last ? (
        <p class="pager">
          <a href={`/workspace/denial-notices?after=${last.id}`}>Older notices</a>
        </p>
      ) : null}
    </WsPage>
  )
}
