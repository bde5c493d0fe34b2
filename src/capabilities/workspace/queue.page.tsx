import type { ProposedAction } from '../../platform/db/schema.ts'
import type { Principal } from '../accounts/principal.ts'
import { PROPOSAL_NOUNS } from '../licensing/proposals.ts'
import { LEVELS } from '../risk-assessment/level.ts'
import { DataTable } from './data-table.tsx'
import { country, label, type WsContext, WsPage } from './workspace.page.tsx'
import { QUEUE_STATES, type QueueFilter, type QueueRow } from './workspace.queries.ts'

/** The officer's queue: filters, one page of applications waiting for a decision, a pager. */
export function QueuePage(props: {
  c: WsContext
  principal: Principal
  filter: QueueFilter
  rows: QueueRow[]
  more: boolean
}) {
  const { filter, rows, more } = props
  const { state, level, page } = filter
  const pageLink = (n: number) =>
    `/workspace/queue?${new URLSearchParams({
      ...(state ? { state } : {}),
      ...(level ? { level } : {}),
      ...(filter.destination ? { destination: filter.destination } : {}),
      page: String(n),
    })}`
  return (
    <WsPage c={props.c} title="Queue">
      <h1>Applications waiting for a decision</h1>
      <p>
        {`${props.principal.authorityId ?? ''}: submitted and under-review applications, oldest submission first. `}
        <a href="/workspace/denial-notices">Denial notices of other authorities</a>
      </p>
      <form class="filters" method="get" action="/workspace/queue">
        <label>
          State
          <select name="state">
            <option value="">submitted or under review</option>
            {QUEUE_STATES.map((s) => (
              <option value={s} selected={s === state}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Risk level
          <select name="level">
            <option value="">any</option>
            {LEVELS.map((l) => (
              <option value={l} selected={l === level}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Destination (ISO code)
          <input type="text" name="destination" value={filter.destination ?? ''} size={4} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {rows.length === 0 ? (
        <p>Nothing waits in the queue.</p>
      ) : (
        <DataTable
          caption={`Page ${page}`}
          columns={[
            {
              header: 'Reference',
              cell: (r) => <a href={`/workspace/cases/${r.reference}`}>{r.reference}</a>,
            },
            { header: 'Exporter', cell: (r) => r.exporterName },
            { header: 'Destination', cell: (r) => country(r.destination) },
            { header: 'Control entries', cell: (r) => r.controlEntries.join(', ') },
            { header: 'Submitted', cell: (r) => r.submittedOn ?? '—' },
            { header: 'State', cell: (r) => label(r.state) },
            {
              header: 'Level',
              cell: (r) => (
                <>
                  {r.level ? <span class={`badge ${r.level}`}>{r.level}</span> : '—'}
                  {r.recommendation ? ` (${label(r.recommendation)})` : ''}
                </>
              ),
            },
            { header: 'Waiting on', cell: waitingOn },
          ]}
          rows={rows}
        />
      )}
      <p class="pager">
        {page > 1 ? <a href={pageLink(page - 1)}>Previous page</a> : null}{' '}
        {more ? <a href={pageLink(page + 1)}>Next page</a> : null}
      </p>
    </WsPage>
  )
}

/** What a queued application waits for: a four-eyes confirmation, the exporter's answers. */
function waitingOn(r: QueueRow): string {
  const proposal = r.pendingAction
    ? (PROPOSAL_NOUNS[r.pendingAction as ProposedAction] ?? r.pendingAction)
    : ''
  return [
    proposal
      ? r.pendingByOther
        ? `your confirmation of a ${proposal}`
        : `a second officer to confirm your ${proposal}`
      : '',
    r.unansweredRequests > 0 ? `${r.unansweredRequests} unanswered question(s)` : '',
  ]
    .filter(Boolean)
    .join('; ')
}
