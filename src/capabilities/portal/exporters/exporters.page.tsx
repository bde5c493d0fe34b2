import { countryName } from '../../reference-data/countries.ts'
import { CountCells, CountHeaders } from '../countries/decision-counts.tsx'
import { Page } from '../layout.tsx'
import { exporterHref } from '../links.ts'
import type { ExporterRow } from './exporters.query.ts'

/** Exporters with published decisions, a page at a time, with a name search. */
export function ExportersPage(props: { rows: ExporterRow[]; prefix: string; next: string | null }) {
  const { rows, prefix, next } = props
  const nextHref = next
    ? `/exporters?${new URLSearchParams({ ...(prefix ? { q: prefix } : {}), after: next })}`
    : null
  return (
    <Page title="Exporters — Glasshouse">
      <h1>Exporters</h1>
      <p>
        Companies that applied for export authorisations for cyber-surveillance items, with their
        published decisions. Each exporter's page lists its licences, refusals and revocations.
      </p>
      <form class="filters exporter-search" method="get" action="/exporters">
        <label>
          Name begins with
          <input name="q" value={prefix} maxlength={300} />
        </label>
        <button type="submit">Search</button>
      </form>
      {rows.length === 0 ? (
        <p>
          {prefix
            ? `No exporter with published decisions has a name beginning with "${prefix}".`
            : 'No decisions have been published yet.'}
        </p>
      ) : (
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table class="exporters">
            <caption>
              {prefix
                ? `Exporters whose name begins with "${prefix}", alphabetical`
                : 'Exporters with published decisions, alphabetical'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Exporter</th>
                <th scope="col">Country</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={exporterHref(row.name)}>{row.name}</a>
                  </th>
                  <td>{countryName(row.country) ?? row.country}</td>
                  <CountCells counts={row.counts} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {nextHref ? (
        <p class="pager">
          <a href={nextHref}>Next exporters</a>
        </p>
      ) : rows.length > 0 ? (
        <p class="muted">End of the list.</p>
      ) : null}
    </Page>
  )
}
