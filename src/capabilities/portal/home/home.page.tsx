import { PEGASUS_PROJECT_STATES } from '../../reference-data/briefing-lists.ts'
import { countryName } from '../../reference-data/countries.ts'
import type { BreakdownRow } from '../../reporting/annual-report.ts'
import { OutcomesByPeriodChart } from '../../reporting/render/charts.tsx'
import { WorldMap } from '../../reporting/render/world-map.tsx'
import { PUBLISHED_STATES } from '../countries/decision-counts.tsx'
import { Page } from '../layout.tsx'
import { LicenceTable, type PublicLicenceRow } from '../licence-table.tsx'
import { countryHref, registerHref } from '../links.ts'
import type { HomeFigures } from './home.query.ts'

export type CheckpointSummary = { size: number; rootHash: string; signedAt: string; origin: string }

/** The front page: what Glasshouse is, the numbers, where licences went, the latest decisions. */
export function HomePage(props: {
  counts: Record<string, number>
  figures: HomeFigures
  latest: PublicLicenceRow[]
  checkpoint: CheckpointSummary | null | undefined
  year: number
}) {
  const { counts, figures } = props
  const pending = (counts.submitted ?? 0) + (counts.under_review ?? 0)
  return (
    <Page title="Glasshouse — the cyber-surveillance export register">
      <h1>Who exported surveillance technology to whom, and why it was allowed</h1>
      <p class="lead">
        Glasshouse is the public register of export licences for cyber-surveillance and other
        dual-use items under Regulation (EU) 2021/821. Every decided application is published with
        the item, the exporter, the end user, the destination, the intended use, the value and the
        reasons for the decision — and every decision is written to a signed, append-only log that
        anyone can check. Natural persons are never named.
      </p>
      <ul class="stats" aria-label="Decisions in the register">
        {PUBLISHED_STATES.map((state) => (
          <li>
            <a href={registerHref({ decision: state })}>
              <strong>{(counts[state] ?? 0).toLocaleString('en')}</strong> {state}
            </a>
          </li>
        ))}
        <li>
          <strong>{pending.toLocaleString('en')}</strong> pending (not published)
        </li>
      </ul>
      <section aria-labelledby="pegasus">
        <h2 id="pegasus">Licences to states named by the Pegasus Project</h2>
        <p>
          The Pegasus Project named eleven states as having selected people for potential targeting
          with NSO Group's spyware.{' '}
          <a href={registerHref({ pegasus: 'yes', decision: 'granted' })}>
            Every licence granted to one of them
          </a>{' '}
          · <a href={registerHref({ pegasus: 'yes' })}>every decision about them</a>.
        </p>
        <ul class="inline-list">
          {PEGASUS_PROJECT_STATES.map((code) => (
            <li>
              <a href={countryHref(code)}>{countryName(code) ?? code}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="where">
        <h2 id="where">Where licences went</h2>
        <WorldMap
          rows={figures.grantedByDestination.map(asRow)}
          metric={{ kind: 'applications' }}
          year={props.year}
          id="home-map"
          relabel={{ what: 'Licences granted by destination, all years', noun: 'licence' }}
        />
        {figures.byYear.length > 0 ? (
          <OutcomesByPeriodChart
            id="home-years"
            caption="Decisions by year of decision and current state"
            periods={figures.byYear}
          />
        ) : null}
      </section>
      <section aria-labelledby="latest">
        <h2 id="latest">Latest decisions</h2>
        <LicenceTable caption="The ten most recent decisions" items={props.latest} />
        <p>
          <a href="/register">Search the whole register</a> · <a href="/countries">Countries</a> ·{' '}
          <a href="/exporters">Exporters</a> · <a href="/reports">Annual reports</a> ·{' '}
          <a href="/open-data">Open data</a>
        </p>
      </section>
      <section aria-labelledby="log">
        <h2 id="log">The decision log</h2>
        {props.checkpoint !== undefined ? (
          <p>
            Every decision in this register is in the signed decision log, saved together with the
            decision: grants, refusals, withdrawals, suspensions, reinstatements, revocations,
            annulments and expiries, whether taken here or imported from an authority's earlier
            records (marked as imported, with the SHA-256 of the file), and, on a demonstration
            installation, the fictional demo register (marked as demo). So is every version of the
            assessment policy, the moratorium included, and every published annual report. Drafts
            and applications not yet decided are not in it, and confidential fields (who decided,
            the justification) are only committed to as salted hashes. A decision recorded before
            this register logged every decision says so on its licence page until the authority
            brings it into the log. Press <strong>Verify</strong> on a licence to check it in your
            browser; anyone can watch the whole log for forks and rewritten history with{' '}
            <code>glasshouse log monitor</code>.
          </p>
        ) : null}
        {props.checkpoint ? (
          <p>
            The latest signed checkpoint covers{' '}
            <strong>{props.checkpoint.size.toLocaleString('en')}</strong> logged records; root hash{' '}
            <code class="hash">{props.checkpoint.rootHash}</code>, signed by{' '}
            <code>{props.checkpoint.origin}</code> on {props.checkpoint.signedAt}.{' '}
            <a href="/decision-log">How to check it yourself</a>.
          </p>
        ) : props.checkpoint === null ? (
          <p>
            No checkpoint has been signed yet. <a href="/decision-log">About the decision log</a>.
          </p>
        ) : (
          <p>The decision log is not enabled on this installation.</p>
        )}
      </section>
    </Page>
  )
}

function asRow(r: HomeFigures['grantedByDestination'][number]): BreakdownRow {
  return {
    key: r.destination,
    label: countryName(r.destination) ?? r.destination,
    received: r.licences,
    decisions: {
      granted: r.licences,
      refused: 0,
      withdrawn: 0,
      revoked: 0,
      suspended: 0,
      annulled: 0,
    },
    valueGranted: [],
    valueRefused: [],
  }
}
