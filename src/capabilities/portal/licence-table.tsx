import type { RegisterService } from '../licensing/register.service.ts'
import { countryName } from '../reference-data/countries.ts'
import { countryHref, exporterHref, licenceHref } from './links.ts'

export type PublicLicenceRow = Awaited<ReturnType<RegisterService['listPublic']>>['items'][number]

/** Licences as a table: each links to its page, its exporter and its destination. */
export function LicenceTable(props: { caption: string; items: PublicLicenceRow[] }) {
  return (
    <section class="table-scroll" aria-label="Table (scrolls sideways)" tabindex={0}>
      <table class="licences">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Decision</th>
            <th scope="col">Issuing state</th>
            <th scope="col">Exporter</th>
            <th scope="col">Destination</th>
            <th scope="col">End user</th>
            <th scope="col">Control entries</th>
            <th scope="col" class="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((l) => (
            <tr>
              <th scope="row">
                <a href={licenceHref(l.reference)}>{l.reference}</a>
              </th>
              <td>
                <span class={`decision decision-${l.decision}`}>{l.decision}</span>
                {l.decidedOn ? ` ${l.decidedOn}` : ''}
                {l.decisionReasons.length > 0 ? (
                  <span class="muted"> ({l.decisionReasons.join(', ')})</span>
                ) : null}
              </td>
              <td>{countryName(l.issuingState) ?? l.issuingState}</td>
              <td>
                <a href={exporterHref(l.exporterName)}>{l.exporterName}</a>
              </td>
              <td>
                <a href={countryHref(l.destination)}>
                  {countryName(l.destination) ?? l.destination}
                </a>
              </td>
              <td>{l.endUser.description}</td>
              <td>{[...new Set(l.items.map((i) => i.controlEntry))].join(', ')}</td>
              <td class="num">{l.totalValue.map((t) => `${t.value} ${t.currency}`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
