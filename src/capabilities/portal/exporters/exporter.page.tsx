import { countryName } from '../../reference-data/countries.ts'
import type { DecisionLine } from '../countries/countries.query.ts'
import {
  CountCells,
  CountHeaders,
  type DecisionCounts,
  DecisionStats,
} from '../countries/decision-counts.tsx'
import { DecisionLinesTable } from '../countries/decision-lines.table.tsx'
import { Page } from '../layout.tsx'
import { countryHref, registerHref } from '../links.ts'

export type ExporterPageData = {
  name: string
  countries: string[]
  counts: DecisionCounts
  decisions: DecisionLine[]
  denials: DecisionLine[]
  destinations: { destination: string; counts: DecisionCounts }[]
  controlEntries: { controlEntry: string; technology: string; applications: number }[]
  /** How many decisions the page lists at most; the register has the rest. */
  listed: number
}

/** One exporter: what it was allowed to export, where, and what was refused or revoked. */
export function ExporterPage(props: ExporterPageData) {
  const { name, counts, decisions, denials, destinations, controlEntries } = props
  return (
    <Page title={`${name} — exporters — Glasshouse`}>
      <p class="breadcrumb">
        <a href="/exporters">Exporters</a>
      </p>
      <h1>{name}</h1>
      <p>
        Registered in{' '}
        {props.countries.map((code, i) => (
          <>
            {i > 0 ? ', ' : ''}
            {countryName(code) ?? code}
          </>
        ))}
        .
      </p>
      <DecisionStats counts={counts} label={`Published decisions on applications by ${name}`} />

      <section aria-labelledby="due-diligence">
        <h2 id="due-diligence">Human-rights due diligence</h2>
        <p>No due-diligence disclosure published.</p>
        <p class="muted">
          Exporters record their due diligence for each application with the licensing authority;
          those records are not public, and this exporter has published no disclosure here.
        </p>
      </section>

      <section aria-labelledby="denials">
        <h2 id="denials">Refusals, revocations, suspensions and annulments</h2>
        {denials.length === 0 ? (
          <p>None published.</p>
        ) : (
          <DecisionLinesTable
            caption={`Refusals, revocations, suspensions and annulments of ${name}, newest first`}
            lines={denials}
            omit="exporter"
            showReasons
          />
        )}
      </section>

      <section aria-labelledby="decisions">
        <h2 id="decisions">Licences and decisions</h2>
        <DecisionLinesTable
          caption={`Decisions on applications by ${name}, newest first${counts.total > props.listed ? ` (the latest ${props.listed} of ${counts.total})` : ''}`}
          lines={decisions}
          omit="exporter"
        />
        <p>
          <a href={registerHref({ exporter: name })}>Search the register for this exporter</a>
        </p>
      </section>

      <section aria-labelledby="destinations">
        <h2 id="destinations">Destinations</h2>
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table>
            <caption>{`Decisions on applications by ${name} per destination`}</caption>
            <thead>
              <tr>
                <th scope="col">Destination</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>
              {destinations.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={countryHref(row.destination)}>
                      {countryName(row.destination) ?? row.destination}
                    </a>
                  </th>
                  <CountCells counts={row.counts} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <section aria-labelledby="control-entries">
        <h2 id="control-entries">Control entries</h2>
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table>
            <caption>{`Control-list entries on applications by ${name}`}</caption>
            <thead>
              <tr>
                <th scope="col">Control entry</th>
                <th scope="col">Technology</th>
                <th scope="col" class="num">
                  Applications
                </th>
              </tr>
            </thead>
            <tbody>
              {controlEntries.map((row) => (
                <tr>
                  <th scope="row">{row.controlEntry}</th>
                  <td>{row.technology.replaceAll('_', ' ')}</td>
                  <td class="num">{row.applications.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </Page>
  )
}
