import type { Application } from '../licensing/application.schema.ts'
import { type Column, DataTable } from './data-table.tsx'
import { label } from './workspace.page.tsx'

type HistoryEntry = Application['history'][number]

const DATE: Column<HistoryEntry> = { header: 'Date', cell: (h) => h.decidedOn }
const ACTION: Column<HistoryEntry> = { header: 'Action', cell: (h) => label(h.action) }

/** The exporter's view: what happened, the state it led to and the reasons given. */
const EXPORTER_COLUMNS: Column<HistoryEntry>[] = [
  DATE,
  ACTION,
  { header: 'State', cell: (h) => label(h.toState) },
  {
    header: 'Reasons',
    cell: (h) => [...h.reasons, h.explanation ?? ''].filter(Boolean).join('; '),
  },
]

/** The officer's view adds who acted (and confirmed) and any decision against the recommendation. */
function officerColumns(who: (id: string) => string): Column<HistoryEntry>[] {
  return [
    DATE,
    ACTION,
    { header: 'To state', cell: (h) => label(h.toState) },
    {
      header: 'By',
      cell: (h) => (
        <>
          {who(h.actor)}
          {h.confirmedBy ? `, confirmed by ${who(h.confirmedBy)}` : ''}
        </>
      ),
    },
    {
      header: 'Reasons and explanation',
      cell: (h) =>
        [
          h.reasons.join(', '),
          h.explanation ?? '',
          h.againstRecommendation ? `against the recommendation: ${h.justification ?? ''}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    },
  ]
}

/** An application's decision history; with `who` (user id → name) in the officer's detail. */
export function HistoryTable(props: {
  history: HistoryEntry[]
  who?: ((id: string) => string) | undefined
}) {
  const columns = props.who ? officerColumns(props.who) : EXPORTER_COLUMNS
  return <DataTable columns={columns} rows={props.history} />
}
