import type { Application } from '../licensing/application.schema.ts'
import { DataTable } from './data-table.tsx'
import { country, label } from './workspace.page.tsx'

/** What the exporter applied for: the parties, the end use and the items (Annex III-A). */
export function CaseParticulars(props: { application: Application }) {
  const a = props.application
  const parties = [
    { role: 'consignee', name: a.consignee.name, country: a.consignee.country, about: '' },
    {
      role: 'end user',
      name: a.endUser.name,
      country: a.endUser.country,
      about: `${label(a.endUser.type)}: ${a.endUser.description}`,
    },
    ...a.parties.map((p) => ({
      role: p.role,
      name: p.name,
      country: p.country,
      about: `${label(p.type)}${p.description ? `: ${p.description}` : ''}`,
    })),
  ]
  return (
    <>
      <h2>Parties</h2>
      <DataTable
        columns={[
          { header: 'Role', cell: (p) => p.role },
          { header: 'Name', cell: (p) => p.name },
          { header: 'Country', cell: (p) => country(p.country) },
          { header: 'Type and description', cell: (p) => p.about },
        ]}
        rows={parties}
      />
      <dl class="facts">
        <dt>Destination</dt>
        <dd>{country(a.destination)}</dd>
        <dt>Government agency</dt>
        <dd>{a.governmentAgency ?? '—'}</dd>
        <dt>Intended use (confidential)</dt>
        <dd>{a.intendedUse}</dd>
        <dt>Intended use, public summary</dt>
        <dd>{a.intendedUsePublic ?? 'not stated'}</dd>
        <dt>End-use red flags</dt>
        <dd>
          {a.endUseFlags === null
            ? 'not answered'
            : a.endUseFlags.length === 0
              ? 'none declared'
              : a.endUseFlags.map(label).join(', ')}
        </dd>
        <dt>Due diligence</dt>
        <dd>{a.dueDiligence?.summary ?? 'none given'}</dd>
        <dt>Internal compliance programme</dt>
        <dd>
          {a.internalComplianceProgramme === null
            ? 'not answered'
            : a.internalComplianceProgramme
              ? 'yes'
              : 'no'}
        </dd>
      </dl>

      <h2>Items</h2>
      <DataTable
        columns={[
          { header: '#', cell: (i) => i.lineNo },
          { header: 'Control entry', cell: (i) => i.controlEntry },
          { header: 'For', cell: (i) => i.forEntry ?? '' },
          {
            header: 'Cyber-surveillance',
            cell: (i) => (i.cyberSurveillance ? 'yes' : 'no'),
          },
          { header: 'Description', cell: (i) => i.description },
          { header: 'Quantity', headerClass: 'num', class: 'num', cell: (i) => i.quantity },
          {
            header: 'Value',
            headerClass: 'num',
            class: 'num',
            cell: (i) => `${i.value} ${i.currency}`,
          },
        ]}
        rows={a.items}
      />
    </>
  )
}

/** Art. 16: other authorities' standing denials of an essentially identical transaction. */
export function IdenticalDenialsSection(props: { application: Application }) {
  const denials = props.application.identicalDenials
  return (
    <section aria-labelledby="denials">
      <h2 id="denials">Essentially identical denials by other authorities</h2>
      {denials.length === 0 ? (
        <p>None found.</p>
      ) : (
        <DataTable
          columns={[
            { header: 'Authority', cell: (d) => `${d.authorityId} (${d.issuingState})` },
            { header: 'Kind', cell: (d) => d.kind },
            { header: 'Matched on', cell: (d) => label(d.matchedOn) },
            { header: 'Control entry', cell: (d) => d.controlEntry },
            { header: 'Name score', class: 'num', cell: (d) => d.nameScore.toFixed(2) },
            { header: 'Notified', cell: (d) => d.notifiedOn },
            { header: 'Reasons', cell: (d) => d.reasons.join(', ') },
          ]}
          rows={denials}
        />
      )}
    </section>
  )
}
