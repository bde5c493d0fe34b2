import { Hono } from 'hono'
import type { Db } from '../../platform/db/database.ts'
import { Page } from '../portal/layout.tsx'
import { findInvestigation } from './investigation.repository.ts'
import { FINDING_KIND_TITLES, FINDING_KINDS, type ProposalOutcome } from './investigation.ts'
import { buildInvestigationReport, type InvestigationReport } from './investigation-report.ts'

const OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  open: 'Awaiting the authority’s decision',
  revocation_awaiting_confirmation: 'Revocation awaiting a second officer',
  suspension_awaiting_confirmation: 'Suspension awaiting a second officer',
  revoked: 'Revoked',
  suspended: 'Suspended',
  maintained: 'Maintained, with reasons',
  ended_otherwise: 'Expired or annulled meanwhile',
}

/** At most this many licence rows on the page; the CSV has every one. */
const ROWS_SHOWN = 500

/** The public page of a completed investigation: `/investigations/{id}`. */
export function createInvestigationPages({ db }: { db: Db }) {
  const app = new Hono()
  app.get('/investigations/:id{[0-9]{1,15}}', async (c) => {
    const investigation = await findInvestigation(db, Number(c.req.param('id')))
    if (investigation?.status !== 'completed')
      return c.html(
        <Page title="Investigation not found — Glasshouse">
          <h1>No such investigation</h1>
          <p>Its report is published here once the investigation is completed.</p>
        </Page>,
        404,
      )
    return c.html(<InvestigationPage report={await buildInvestigationReport(db, investigation)} />)
  })
  return app
}

function InvestigationPage({ report }: { report: InvestigationReport }) {
  const i = report.investigation
  const t = report.totals
  return (
    <Page title={`Investigation ${i.id} — Glasshouse`}>
      <h1>Investigation {i.id}</h1>
      <p>{i.reason}</p>
      <dl>
        <dt>Licences re-screened</dt>
        <dd>
          {i.licencesReviewed.toLocaleString('en')} granted, still valid licences and general
          authorisation registrations
          {i.authorityScope ? ` of ${i.authorityScope}` : ''} as of {i.asOf}
        </dd>
        <dt>Policy</dt>
        <dd>
          version {i.policyVersion} (<a href="/api/public/v1/policy/versions">history</a>)
        </dd>
        <dt>Completed</dt>
        <dd>{i.completedAt?.slice(0, 10)}</dd>
        <dt>Downloads</dt>
        <dd>
          <a href={`/api/public/v1/investigations/${i.id}/report.csv`}>CSV</a>,{' '}
          <a href={`/api/public/v1/investigations/${i.id}/report`}>JSON</a>
        </dd>
      </dl>
      <h2>What it found</h2>
      <table>
        <caption>Licences by finding (a licence can have several)</caption>
        <thead>
          <tr>
            <th scope="col">Finding</th>
            <th scope="col" class="num">
              Licences
            </th>
          </tr>
        </thead>
        <tbody>
          {FINDING_KINDS.map((k) => (
            <tr>
              <td>{FINDING_KIND_TITLES[k]}</td>
              <td class="num">{t.byKind[k].toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>What the authorities did</h2>
      <p>
        {t.proposals.toLocaleString('en')} revocation proposals;{' '}
        {t.infringements.toLocaleString('en')} licences flagged as granted contrary to the
        Regulation or the policy.
      </p>
      <table>
        <caption>Proposals by outcome</caption>
        <tbody>
          {Object.entries(OUTCOME_LABELS).map(([key, label]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="num">{t.byOutcome[key as ProposalOutcome].toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>By issuing member state</caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col" class="num">
              With findings
            </th>
            <th scope="col" class="num">
              Proposals
            </th>
            <th scope="col" class="num">
              Revoked
            </th>
            <th scope="col" class="num">
              Suspended
            </th>
            <th scope="col" class="num">
              Maintained
            </th>
            <th scope="col" class="num">
              Infringements
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byIssuingState.map((s) => (
            <tr>
              <th scope="row">{s.issuingState}</th>
              <td class="num">{s.licencesWithFindings}</td>
              <td class="num">{s.proposals}</td>
              <td class="num">{s.revoked}</td>
              <td class="num">{s.suspended}</td>
              <td class="num">{s.maintained}</td>
              <td class="num">{s.infringements}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Licences</h2>
      {report.licences.length > ROWS_SHOWN ? (
        <p>
          The first {ROWS_SHOWN} of {report.licences.length.toLocaleString('en')}; the CSV has every
          one.
        </p>
      ) : null}
      <table>
        <caption>Licences with findings</caption>
        <thead>
          <tr>
            <th scope="col">Licence</th>
            <th scope="col">Issued by</th>
            <th scope="col">Destination</th>
            <th scope="col">Risk then → now</th>
            <th scope="col">Findings</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {report.licences.slice(0, ROWS_SHOWN).map((l) => (
            <tr>
              <td>
                <a href={`/licences/${encodeURIComponent(l.reference)}`}>{l.reference}</a>
                {l.gea ? ` (${l.gea})` : ''}
              </td>
              <td>{l.authorityId}</td>
              <td>{l.destination}</td>
              <td>
                {l.levelThen ?? 'not assessed'} → {l.levelNow}
              </td>
              <td>
                {l.kinds.map((k) => FINDING_KIND_TITLES[k]).join('; ')}
                {l.confidentialFindings > 0 ? ` (+${l.confidentialFindings} confidential)` : ''}
                {l.infringement ? ' — flagged as an infringement' : ''}
              </td>
              <td>{l.proposal ? OUTCOME_LABELS[l.proposal] : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  )
}
