import type { Child } from 'hono/jsx'
import { NOT_STATED } from '../licensing/register-views.ts'
import { Page } from '../portal/layout.tsx'
import { countryName } from '../reference-data/countries.ts'
import {
  type AnnualReport,
  type Breakdown,
  type BreakdownRow,
  type LicenceRow,
  type MoneyTotal,
  OUTCOMES,
  type ReportScope,
} from './annual-report.ts'
import { currenciesOf, OUTCOME_LABELS, ReportCharts } from './render/charts.tsx'
import {
  formatAmount,
  formatChange,
  formatCount,
  formatMoneyChange,
  formatMoneyList,
} from './render/format.ts'
import { WorldMap } from './render/world-map.tsx'

export type ReportPublication = {
  publishedAt: string
  logIndex: number | null
  sha256: Record<string, string>
}

export type ReportPageProps = {
  report: AnnualReport
  /** The first rows of the per-licence table (the whole table can be millions: it is in the CSV). */
  licences: LicenceRow[]
  /** How many rows the whole per-licence table has. */
  licencesTotal: number
  downloads?: { label: string; href: string }[] | undefined
  publication?: ReportPublication | null | undefined
}

/** The section headings, in order; tests and the table of contents use them. */
export const REPORT_SECTIONS = [
  { id: 'headline', title: 'Headline figures' },
  { id: 'charts', title: 'Charts' },
  { id: 'map', title: 'Destinations on the map' },
  { id: 'by-control-entry', title: 'By control entry' },
  { id: 'by-technology', title: 'By technology category' },
  { id: 'by-destination', title: 'By destination' },
  { id: 'by-issuing-state', title: 'By issuing state' },
  { id: 'cyber-surveillance', title: 'Cyber-surveillance items (Art. 26(2))' },
  { id: 'refusals', title: 'Refusals by reason' },
  { id: 'general-authorisations', title: 'Union general export authorisations used' },
  { id: 'denials', title: 'Denials and revocations' },
  { id: 'investigations', title: 'Investigations' },
  { id: 'licences', title: 'Licences' },
  { id: 'downloads', title: 'Downloads' },
] as const

type SectionId = (typeof REPORT_SECTIONS)[number]['id']

function Section(props: { id: SectionId; children: Child }) {
  const title = REPORT_SECTIONS.find((s) => s.id === props.id)?.title ?? props.id
  return (
    <section class="report-section" id={props.id} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{title}</h2>
      {props.children}
    </section>
  )
}

export function scopeText(scope: ReportScope): string {
  switch (scope.kind) {
    case 'eu':
      return 'the whole European Union (every EU licensing authority)'
    case 'member_state':
      return `one member state: ${countryName(scope.memberState) ?? scope.memberState}`
    case 'authority':
      return `one licensing authority: ${scope.authorityId}`
  }
}

function decisionsTotal(row: BreakdownRow): number {
  return OUTCOMES.reduce((s, o) => s + row.decisions[o], 0)
}

function minorIn(list: MoneyTotal[], currency: string): number | undefined {
  const found = list.filter((m) => m.currency === currency)
  return found.length === 0 ? undefined : found.reduce((s, m) => s + m.minor, 0)
}

function Headline(props: { report: AnnualReport }) {
  const { totals, previousYear: prev, year } = props.report
  const lines: {
    label: string
    now: string
    before: string
    change: { absolute: string; percent: string }
  }[] = []
  const count = (label: string, now: number, before: number | undefined) =>
    lines.push({
      label,
      now: formatCount(now),
      before: before === undefined ? '—' : formatCount(before),
      change: formatChange(now, prev ? (before ?? 0) : null),
    })
  count('Applications received', totals.received, prev?.received)
  count('Decisions taken', decisionsTotal(totals), prev ? decisionsTotal(prev) : undefined)
  for (const o of OUTCOMES) count(`— ${OUTCOME_LABELS[o]}`, totals.decisions[o], prev?.decisions[o])
  const money = (label: string, now: MoneyTotal[], before: MoneyTotal[] | undefined) => {
    const currencies = [...new Set([...now, ...(before ?? [])].map((m) => m.currency))].sort()
    for (const currency of currencies) {
      const a = minorIn(now, currency) ?? 0
      const b = before ? (minorIn(before, currency) ?? 0) : undefined
      lines.push({
        label: `${label} (${currency})`,
        now: formatAmount({ currency, minor: a }),
        before: b === undefined ? '—' : formatAmount({ currency, minor: b }),
        change: formatMoneyChange(currency, a, prev ? (b ?? 0) : null),
      })
    }
  }
  money('Value granted', totals.valueGranted, prev?.valueGranted)
  money('Value refused', totals.valueRefused, prev?.valueRefused)
  return (
    <>
      <ul class="stats" aria-label={`Headline figures for ${year}`}>
        <li>
          <strong>{formatCount(totals.received)}</strong> applications received
        </li>
        <li>
          <strong>{formatCount(decisionsTotal(totals))}</strong> decisions
        </li>
        <li>
          <strong>{formatCount(totals.decisions.granted)}</strong> granted
        </li>
        <li>
          <strong>{formatCount(totals.decisions.refused)}</strong> refused
        </li>
        <li class="money">
          {totals.valueGranted.length === 0 ? <strong>—</strong> : null}
          {totals.valueGranted.map((m) => (
            <strong>{formatAmount(m)}</strong>
          ))}{' '}
          granted in value
        </li>
      </ul>
      <table class="report-table yoy">
        <caption>
          {prev
            ? `${year} compared with ${year - 1}`
            : `${year}; no figures for ${year - 1}, so no year-over-year comparison`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" class="num">
              {year}
            </th>
            <th scope="col" class="num">
              {year - 1}
            </th>
            <th scope="col" class="num">
              Change
            </th>
            <th scope="col" class="num">
              Change (%)
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <th scope="row">{l.label}</th>
              <td class="num">{l.now}</td>
              <td class="num">{l.before}</td>
              <td class="num">{l.change.absolute}</td>
              <td class="num">{l.change.percent}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">Values are summed per currency and never converted.</p>
    </>
  )
}

function BreakdownCells(props: { row: BreakdownRow }) {
  const r = props.row
  return (
    <>
      <td class="num">{formatCount(r.received)}</td>
      {OUTCOMES.map((o) => (
        <td class="num">{formatCount(r.decisions[o])}</td>
      ))}
      <td class="num money">{formatMoneyList(r.valueGranted)}</td>
      <td class="num money">{formatMoneyList(r.valueRefused)}</td>
    </>
  )
}

/** A breakdown as a table: applications, decisions per outcome, values; the total in the footer. */
export function BreakdownTable(props: {
  caption: string
  keyHeading: string
  breakdown: Breakdown
}) {
  const rows = props.breakdown.rows
  return (
    <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
      <table class="report-table breakdown">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.keyHeading}</th>
            <th scope="col" class="num">
              Applications
            </th>
            {OUTCOMES.map((o) => (
              <th scope="col" class="num">
                {OUTCOME_LABELS[o]}
              </th>
            ))}
            <th scope="col" class="num">
              Value granted
            </th>
            <th scope="col" class="num">
              Value refused
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colspan={10} class="muted">
                None in this year.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr>
                <th scope="row">
                  {r.label === r.key || r.label.startsWith(r.key)
                    ? r.label
                    : `${r.label} (${r.key})`}
                </th>
                <BreakdownCells row={r} />
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <BreakdownCells row={props.breakdown.total} />
          </tr>
        </tfoot>
      </table>
    </section>
  )
}

function place(code: string): string {
  return countryName(code) ?? code
}

/** The per-licence table with the briefing's minimum fields. */
export function LicenceTable(props: { caption: string; rows: LicenceRow[] }) {
  return (
    <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
      <table class="report-table licences">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Decision</th>
            <th scope="col">Issuing state</th>
            <th scope="col">Items</th>
            <th scope="col">Exporter</th>
            <th scope="col">End user</th>
            <th scope="col">Destination</th>
            <th scope="col">Intended use</th>
            <th scope="col">Government agency</th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((l) => (
            <tr>
              <td>
                {l.reference}
                {l.licenceNumber ? <div class="muted">{l.licenceNumber}</div> : null}
              </td>
              <td>
                {l.outcome} {l.decidedOn}
                <div class="muted">
                  {l.licenceType}
                  {l.gea ? ` (${l.gea})` : ''}
                </div>
              </td>
              <td>{place(l.issuingState)}</td>
              <td>
                {l.controlEntries.join(', ')}
                {l.cyberSurveillance ? <span class="badge">cyber-surveillance</span> : null}
                <div>{l.itemDescriptions.join('; ')}</div>
              </td>
              <td>{l.exporter}</td>
              <td>
                {l.endUser}
                <div class="muted">
                  {l.endUserType}, {place(l.endUserCountry)}
                </div>
              </td>
              <td>{place(l.destination)}</td>
              <td>{l.intendedUse ?? NOT_STATED}</td>
              <td>{l.governmentAgency ?? '—'}</td>
              <td class="num money">{formatMoneyList(l.value)}</td>
              <td>
                {l.reasons.join(', ') || '—'}
                {l.explanation ? <div class="muted">{l.explanation}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Downloads(props: { downloads: { label: string; href: string }[] | undefined }) {
  const list = props.downloads ?? []
  if (list.length === 0) return <p class="muted">No downloads are attached to this rendering.</p>
  return (
    <ul class="downloads">
      {list.map((d) => (
        <li>
          <a href={d.href}>{d.label}</a>
        </li>
      ))}
    </ul>
  )
}

function Publication(props: { publication: ReportPublication | null | undefined }) {
  const p = props.publication
  if (!p)
    return (
      <p class="notice">
        Draft: this report is computed from the register as it stands and has not been published.
      </p>
    )
  const files = Object.entries(p.sha256).sort(([a], [b]) => a.localeCompare(b))
  return (
    <div class="publication">
      <p>
        Published {p.publishedAt}
        {p.logIndex === null ? '' : `; decision log entry ${formatCount(p.logIndex)}`}. The files'
        SHA-256 hashes:
      </p>
      <table class="report-table hashes">
        <caption>Published files</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {files.map(([file, hash]) => (
            <tr>
              <td>{file}</td>
              <td>
                <code class="hash">{hash}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The annual report as a page of the portal: prints on A4, charts and map as inline SVG. */
export function ReportPage(props: ReportPageProps) {
  const r = props.report
  const currency = currenciesOf(r.byDestination.rows)[0]
  return (
    <Page title={`Annual report: ${r.title} — Glasshouse`}>
      <article class="report">
        <h1>Annual report on cyber-surveillance exports: {r.title}</h1>
        <p class="lead">
          Article 26 report for {r.year}, covering {scopeText(r.scope)}. Decisions count in the year
          they were taken; applications in the year they were received. Natural persons are never
          named: they appear as "natural person" and their country.
        </p>
        <p class="muted">Generated {r.generatedAt}.</p>
        <Publication publication={props.publication} />
        <nav class="toc" aria-label="Contents">
          <ol>
            {REPORT_SECTIONS.map((s) => (
              <li>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>

        <Section id="headline">
          <Headline report={r} />
        </Section>

        <Section id="charts">
          <ReportCharts report={r} />
        </Section>

        <Section id="map">
          <WorldMap rows={r.byDestination.rows} metric={{ kind: 'applications' }} year={r.year} />
          {currency ? (
            <WorldMap
              rows={r.byDestination.rows}
              metric={{ kind: 'value', currency }}
              year={r.year}
            />
          ) : null}
        </Section>

        <Section id="by-control-entry">
          <BreakdownTable
            caption="Applications and decisions by control entry"
            keyHeading="Control entry"
            breakdown={r.byControlEntry}
          />
        </Section>
        <Section id="by-technology">
          <BreakdownTable
            caption="Applications and decisions by technology category"
            keyHeading="Technology"
            breakdown={r.byTechnology}
          />
        </Section>
        <Section id="by-destination">
          <BreakdownTable
            caption="Applications and decisions by destination"
            keyHeading="Destination"
            breakdown={r.byDestination}
          />
        </Section>
        <Section id="by-issuing-state">
          <BreakdownTable
            caption="Applications and decisions by issuing state"
            keyHeading="Issuing state"
            breakdown={r.byIssuingState}
          />
        </Section>

        <Section id="cyber-surveillance">
          <p>
            Article 26(2) of Regulation (EU) 2021/821: applications for cyber-surveillance items and
            the decisions taken, by item, issuing state and destination.
          </p>
          <BreakdownTable
            caption="Cyber-surveillance items by control entry"
            keyHeading="Item"
            breakdown={r.cyberSurveillance.byControlEntry}
          />
          <BreakdownTable
            caption="Cyber-surveillance items by issuing state"
            keyHeading="Issuing state"
            breakdown={r.cyberSurveillance.byIssuingState}
          />
          <BreakdownTable
            caption="Cyber-surveillance items by destination"
            keyHeading="Destination"
            breakdown={r.cyberSurveillance.byDestination}
          />
        </Section>

        <Section id="refusals">
          {r.refusalsByReason.length === 0 ? (
            <p class="muted">No refusals in this year.</p>
          ) : (
            <table class="report-table">
              <caption>Refusals by reason code (a refusal can give several reasons)</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Kind</th>
                  <th scope="col" class="num">
                    Decisions
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.refusalsByReason.map((x) => (
                  <tr>
                    <th scope="row">{x.code}</th>
                    <td>{x.label}</td>
                    <td>{x.kind}</td>
                    <td class="num">{formatCount(x.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>

        <Section id="general-authorisations">
          <BreakdownTable
            caption="Use of Union general export authorisations (EU001–EU008)"
            keyHeading="Authorisation"
            breakdown={r.generalAuthorisations}
          />
        </Section>

        <Section id="denials">
          <p>Refusals, revocations and annulments taken in {r.year} (the denials of Art. 23).</p>
          {r.denials.length === 0 ? (
            <p class="muted">No denials in this year.</p>
          ) : (
            <LicenceTable
              caption={
                r.denials.length < r.denialCount
                  ? `Denials and revocations, ${r.year}: the first ${formatCount(r.denials.length)} of ${formatCount(r.denialCount)}; all are in denials.csv`
                  : `Denials and revocations, ${r.year} (${formatCount(r.denialCount)})`
              }
              rows={r.denials}
            />
          )}
        </Section>

        <Section id="investigations">
          {r.investigations === null ? (
            <p>
              None yet: investigations and their outcomes will be reported once the register records
              them.
            </p>
          ) : null}
        </Section>

        <Section id="licences">
          <p>
            Showing {formatCount(props.licences.length)} of {formatCount(props.licencesTotal)}{' '}
            licences; the full table is in the CSV.
          </p>
          <LicenceTable caption={`Licences decided in ${r.year}`} rows={props.licences} />
        </Section>

        <Section id="downloads">
          <Downloads downloads={props.downloads} />
        </Section>
      </article>
    </Page>
  )
}

/** The whole HTML document (doctype included) as a string, e.g. for a file or a publication. */
export function renderReportHtml(props: ReportPageProps): string {
  return String(<ReportPage {...props} />)
}
