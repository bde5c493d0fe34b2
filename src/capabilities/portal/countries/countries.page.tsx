import { isPegasusProjectState } from '../../reference-data/briefing-lists.ts'
import { countryName } from '../../reference-data/countries.ts'
import { Page } from '../layout.tsx'
import { countryHref } from '../links.ts'
import { CountCells, CountHeaders, type DecisionCounts } from './decision-counts.tsx'

export type CountrySort = 'count' | 'name'
export type CountryRow = { code: string; name: string; counts: DecisionCounts; pegasus: boolean }

/** Destinations with published decisions, sorted by name or by number of decisions. */
export function countryRows(byDestination: Map<string, DecisionCounts>, sort: CountrySort) {
  const rows: CountryRow[] = [...byDestination].map(([code, counts]) => ({
    code,
    name: countryName(code) ?? code,
    counts,
    pegasus: isPegasusProjectState(code),
  }))
  return rows.sort((a, b) =>
    sort === 'name'
      ? a.name.localeCompare(b.name, 'en')
      : b.counts.total - a.counts.total || a.name.localeCompare(b.name, 'en'),
  )
}

export function CountriesPage(props: { rows: CountryRow[]; sort: CountrySort }) {
  const { rows, sort } = props
  return (
    <Page title="Destinations — Glasshouse">
      <h1>Destinations</h1>
      <p>
        Every country named as the destination of a published decision, with the decisions by
        outcome and whether the Pegasus Project named its government. Each country's page has its
        human-rights indicators, documented spyware abuse, embargoes and licences over time.
      </p>
      <p class="sort-links">
        Sort by:{' '}
        {sort === 'count' ? (
          <strong aria-current="true">most decisions</strong>
        ) : (
          <a href="/countries?sort=count">most decisions</a>
        )}{' '}
        ·{' '}
        {sort === 'name' ? (
          <strong aria-current="true">name</strong>
        ) : (
          <a href="/countries?sort=name">name</a>
        )}
      </p>
      {rows.length === 0 ? (
        <p>No decisions have been published yet.</p>
      ) : (
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table class="countries">
            <caption>
              {`Destinations with published decisions (${rows.length}), sorted by ${sort === 'name' ? 'name' : 'number of decisions'}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Pegasus Project</th>
                <CountHeaders />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={countryHref(row.code)}>{row.name}</a>{' '}
                    <span class="muted">{row.code}</span>
                  </th>
                  <td>{row.pegasus ? <span class="badge pegasus">named</span> : 'no'}</td>
                  <CountCells counts={row.counts} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <p class="muted">
        Pegasus Project: states Amnesty International's briefing reports as having selected persons
        of interest for potential targeting (allegations reported, not legal findings).
      </p>
    </Page>
  )
}
