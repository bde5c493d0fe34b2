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

type ProposalEntry = Application['proposals'][number]

/**
 * The officer's view of the four-eyes proposals: who proposed what, and what became of it —
 * confirmed or rejected by a second officer, or voided when a state change overtook it.
 */
export function ProposalsTable(props: { proposals: ProposalEntry[]; who: (id: string) => string }) {
  const { who } = props
  const columns: Column<ProposalEntry>[] = [
    { header: 'Proposed', cell: (p) => p.proposedAt.slice(0, 10) },
    { header: 'Proposal', cell: (p) => p.summary },
    {
      header: 'By',
      cell: (p) =>
        `${who(p.proposedBy)}${p.answeredBy ? `; ${p.status} by ${who(p.answeredBy)}` : ''}`,
    },
    {
      header: 'Reasons and note',
      cell: (p) =>
        [p.reasons.join(', '), p.explanation ?? '', p.note ? `note: ${p.note}` : '']
          .filter(Boolean)
          .join('; '),
    },
  ]
  return <DataTable caption="Four-eyes proposals" columns={columns} rows={props.proposals} />
}
