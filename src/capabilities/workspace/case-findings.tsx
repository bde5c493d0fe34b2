import type { StoredAssessment } from '../risk-assessment/assessment.repository.ts'
import type { ApplicationScreening } from '../watchlists/screen-application.ts'
import { type Column, DataTable } from './data-table.tsx'
import { label } from './workspace.page.tsx'

type Party = ApplicationScreening['parties'][number]
type PartyHit = { party: Party; hit: Party['hits'][number] }

const HIT_COLUMNS: Column<PartyHit>[] = [
  { header: 'Party', cell: ({ party: p }) => `${label(p.role)}: ${p.name} (${p.country})` },
  {
    header: 'List',
    cell: ({ hit: h }) =>
      `${h.source}${h.programmes.length ? ` — ${h.programmes.join(', ')}` : ''}`,
  },
  { header: 'Matched name', cell: ({ hit }) => hit.matchedName },
  { header: 'Score', headerClass: 'num', class: 'num', cell: ({ hit }) => hit.score.toFixed(2) },
  { header: 'Explanation', cell: ({ hit }) => hit.explanation.summary },
]

/** The latest screening run of the case's parties against the lists in force. */
export function ScreeningSection(props: { screenings: ApplicationScreening[] }) {
  const latest = props.screenings[0]
  return (
    <section aria-labelledby="screening">
      <h2 id="screening">Screening findings</h2>
      {!latest ? (
        <p>The parties have not been screened yet (screening runs on submission).</p>
      ) : (
        <>
          <p>
            {`Screened ${latest.screenedAt.slice(0, 16).replace('T', ' ')} UTC: ${latest.partyCount} parties, ${latest.hitCount} hit(s) at threshold ${latest.threshold}.`}
          </p>
          {latest.hitCount === 0 ? (
            <p>No party matched any list in force.</p>
          ) : (
            <DataTable
              columns={HIT_COLUMNS}
              rows={latest.parties.flatMap((party) => party.hits.map((hit) => ({ party, hit })))}
            />
          )}
        </>
      )}
    </section>
  )
}

/** The latest risk assessment: level, recommendation and findings with their evidence. */
export function AssessmentSection(props: { assessment: StoredAssessment | undefined }) {
  const a = props.assessment
  return (
    <section aria-labelledby="assessment">
      <h2 id="assessment">Risk assessment</h2>
      {!a ? (
        <p>Not assessed yet.</p>
      ) : (
        <>
          <p>
            Level <span class={`badge ${a.level}`}>{a.level}</span>, recommendation{' '}
            <strong>{label(a.recommendation)}</strong>
            {` (policy version ${a.policyVersion}, ${a.assessedAt.slice(0, 10)})`}
          </p>
          <p>{a.summary}</p>
          <DataTable
            columns={[
              {
                header: 'Severity',
                cell: (f) => <span class={`badge ${f.severity}`}>{f.severity}</span>,
              },
              { header: 'Finding', cell: (f) => f.title },
              { header: 'Evidence and sources', cell: (f) => f.evidence },
              { header: 'Legal basis', cell: (f) => f.legalBasis },
            ]}
            rows={a.findings}
          />
        </>
      )}
    </section>
  )
}
