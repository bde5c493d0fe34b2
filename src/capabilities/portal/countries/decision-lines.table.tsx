import { NATURAL_PERSON } from '../../licensing/register-views.ts'
import { countryName } from '../../reference-data/countries.ts'
import { countryHref, exporterHref, licenceHref } from '../links.ts'
import type { DecisionLine } from './countries.query.ts'

/**
 * A list of published decisions with links to each licence, shared by the country and exporter
 * pages. The end user is shown by its type only; an individual is "natural person", as in the
 * register, and no party other than the exporter is named.
 */
export function DecisionLinesTable(props: {
  caption: string
  lines: DecisionLine[]
  /** Leave out the column the page is about (the destination on a country page…). */
  omit: 'destination' | 'exporter'
  showReasons?: boolean
}) {
  return (
    <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
      <table class="decision-lines">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Decision</th>
            <th scope="col">Decided on</th>
            {props.omit === 'exporter' ? null : <th scope="col">Exporter</th>}
            {props.omit === 'destination' ? null : <th scope="col">Destination</th>}
            <th scope="col">End user</th>
            <th scope="col">Control entries</th>
            {props.showReasons ? <th scope="col">Reasons</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <tr>
              <th scope="row">
                <a href={licenceHref(line.reference)}>{line.reference}</a>
              </th>
              <td>{line.state}</td>
              <td>{line.decidedOn ?? '—'}</td>
              {props.omit === 'exporter' ? null : (
                <td>
                  <a href={exporterHref(line.exporterName)}>{line.exporterName}</a>
                </td>
              )}
              {props.omit === 'destination' ? null : (
                <td>
                  <a href={countryHref(line.destination)}>
                    {countryName(line.destination) ?? line.destination}
                  </a>
                </td>
              )}
              <td>{endUserLabel(line.endUserType)}</td>
              <td>{line.controlEntries.join(', ')}</td>
              {props.showReasons ? <td>{line.reasons.join(', ')}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** "government intelligence", or "natural person" for an individual. */
export function endUserLabel(type: string): string {
  return type === 'individual' ? NATURAL_PERSON : type.replaceAll('_', ' ')
}
