import { PEGASUS_PROJECT_STATES_SOURCE } from '../../reference-data/briefing-lists.ts'
import type { CountryEvidence } from '../../risk-assessment/evidence/country-evidence.ts'
import type { IndicatorTable } from '../../risk-assessment/evidence/evidence-tables.ts'
import type { EvidenceForPage, ImportedSet } from './country-evidence-in-force.ts'

/**
 * The evidence sections of a country page: indicators (each with its publisher), the Pegasus
 * Project, documented spyware abuse and embargoes. Victim cases are shown as counts only: the
 * evidence holds no personal data, and no page names a natural person.
 */

/** Where each indicator's publisher documents the dataset (the attribution's link). */
const PUBLISHER_LINKS = {
  freedomHouse: 'https://freedomhouse.org/report/freedom-world',
  vdem: 'https://v-dem.net/data/the-v-dem-dataset/',
  rsf: 'https://rsf.org/en/index',
} as const

const FH_STATUS = { F: 'Free', PF: 'Partly free', NF: 'Not free' } as const

/** Only web addresses become links: the evidence tables are curated, not trusted as HTML. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url)

export function PegasusSection(props: { named: boolean; countryName: string }) {
  return (
    <section aria-labelledby="pegasus">
      <h2 id="pegasus">Pegasus Project</h2>
      <p class={props.named ? 'flag named' : 'flag'}>
        {props.named
          ? `Named: the Pegasus Project identified ${props.countryName} as a state that selected persons of interest for potential targeting.`
          : `Not named: ${props.countryName} is not among the states the Pegasus Project identified.`}
      </p>
      <blockquote class="source">{PEGASUS_PROJECT_STATES_SOURCE}</blockquote>
    </section>
  )
}

export function IndicatorsSection(props: { evidence: EvidenceForPage; countryName: string }) {
  const { evidence } = props
  if (!evidence.ok)
    return (
      <section aria-labelledby="indicators">
        <h2 id="indicators">Human-rights indicators</h2>
        <p class="notice">{evidence.reason} No indicators are shown.</p>
      </section>
    )
  const { freedomHouse, vdem, rsf } = evidence.evidence.indicators
  const sources = (
    [freedomHouse ? 'freedomHouse' : null, vdem ? 'vdem' : null, rsf ? 'rsf' : null] as const
  ).filter((key) => key !== null)
  return (
    <section aria-labelledby="indicators">
      <h2 id="indicators">Human-rights indicators</h2>
      <Provenance imported={evidence.imported} kind="indicators" />
      {sources.length === 0 ? (
        <p>No indicator figures for {props.countryName} in the evidence in force.</p>
      ) : (
        <>
          <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
            <table class="indicators">
              <caption>{`Human-rights indicators for ${props.countryName}, latest edition`}</caption>
              <thead>
                <tr>
                  <th scope="col">Indicator</th>
                  <th scope="col">Figure</th>
                  <th scope="col">Edition or year</th>
                  <th scope="col">Publisher</th>
                </tr>
              </thead>
              <tbody>
                {freedomHouse ? (
                  <tr>
                    <th scope="row">Freedom in the World, global score (0–100, higher is freer)</th>
                    <td>{`${freedomHouse.globalScore} / 100, ${FH_STATUS[freedomHouse.status]}`}</td>
                    <td>{freedomHouse.edition}</td>
                    <td>Freedom House</td>
                  </tr>
                ) : null}
                {vdem ? (
                  <>
                    <tr>
                      <th scope="row">Liberal democracy index (0–1)</th>
                      <td>{vdem.liberalDemocracy}</td>
                      <td>{vdem.year}</td>
                      <td>V-Dem</td>
                    </tr>
                    <tr>
                      <th scope="row">Civil liberties index (0–1)</th>
                      <td>{vdem.civilLiberties}</td>
                      <td>{vdem.year}</td>
                      <td>V-Dem</td>
                    </tr>
                  </>
                ) : null}
                {rsf ? (
                  <tr>
                    <th scope="row">World Press Freedom Index, score (0–100, higher is freer)</th>
                    <td>
                      {rsf.score}
                      {rsf.rank === null ? '' : `, rank ${rsf.rank}`}
                    </td>
                    <td>{rsf.year}</td>
                    <td>RSF</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
          <Attribution keys={sources} attribution={evidence.attribution} />
        </>
      )}
    </section>
  )
}

function Attribution(props: {
  keys: readonly (keyof IndicatorTable['attribution'])[]
  attribution: IndicatorTable['attribution']
}) {
  return (
    <>
      <h3>Sources of the indicators</h3>
      <ul class="attribution">
        {props.keys.map((key) => (
          <li>
            {props.attribution[key]} — <a href={PUBLISHER_LINKS[key]}>{PUBLISHER_LINKS[key]}</a>
          </li>
        ))}
      </ul>
    </>
  )
}

/** Which evidence is in force: an imported set (with its files) or the tables shipped. */
function Provenance(props: { imported: ImportedSet[]; kind: ImportedSet['kind'] }) {
  const set = props.imported.find((s) => s.kind === props.kind)
  if (!set)
    return (
      <p class="muted">
        No evidence set loaded: these are the default tables shipped with Glasshouse, the same the
        risk assessment reads.
      </p>
    )
  return (
    <p class="muted">
      {`From evidence set ${set.id}, imported on ${set.importedOn} (${set.files.map((f) => f.name).join(', ')}), the set the risk assessment reads.`}
    </p>
  )
}

export function SpywareSection(props: { evidence: EvidenceForPage; countryName: string }) {
  const { evidence } = props
  if (!evidence.ok)
    return (
      <section aria-labelledby="spyware">
        <h2 id="spyware">Documented spyware abuse</h2>
        <p class="notice">{evidence.reason}</p>
      </section>
    )
  const { spyware, victimCases } = evidence.evidence
  return (
    <section aria-labelledby="spyware">
      <h2 id="spyware">Documented spyware abuse</h2>
      <Provenance imported={evidence.imported} kind="spyware-operators" />
      {spyware.length === 0 ? (
        <p>
          No documented use of mercenary spyware by {props.countryName} in the evidence in force.
        </p>
      ) : (
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table>
            <caption>{`Spyware ${props.countryName} is documented as using, strongest evidence first`}</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Vendor</th>
                <th scope="col">First reported</th>
                <th scope="col">Evidence</th>
                <th scope="col">Civil society targeted</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {spyware.map((row) => (
                <tr>
                  <th scope="row">{row.spyware}</th>
                  <td>{row.vendor}</td>
                  <td>{row.firstReported ?? 'unknown'}</td>
                  <td>{row.evidence}</td>
                  <td>{yesNoUnknown(row.civilSocietyTargeted)}</td>
                  <td>
                    {isWebAddress(row.url) ? <a href={row.url}>{row.source}</a> : row.source}{' '}
                    <span class="muted">
                      {row.verified ? '(read in the primary source)' : '(secondary report)'}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <VictimCases cases={victimCases} countryName={props.countryName} />
    </section>
  )
}

function VictimCases(props: { cases: CountryEvidence['victimCases']; countryName: string }) {
  if (!props.cases)
    return <p>No anonymised victim cases attributed to {props.countryName} as operator.</p>
  const { total, civilSociety, firstYear, lastYear, source } = props.cases
  const years =
    firstYear === null
      ? ''
      : firstYear === lastYear
        ? ` in ${firstYear}`
        : ` from ${firstYear} to ${lastYear}`
  return (
    <>
      <h3>Victim cases</h3>
      <p>
        {`${total} documented victim case${total === 1 ? '' : 's'} attributed to ${props.countryName} as operator${years}, ${civilSociety} of them in civil society. Counts only: no victim is named here.`}
      </p>
      <p class="muted">Source: {source}</p>
    </>
  )
}

export function EmbargoesSection(props: { evidence: EvidenceForPage; countryName: string }) {
  const { evidence } = props
  if (!evidence.ok) return null
  const { embargoes } = evidence.evidence
  return (
    <section aria-labelledby="embargoes">
      <h2 id="embargoes">Embargoes</h2>
      {embargoes.length === 0 ? (
        <p>
          No EU or UN arms embargo or repression-equipment ban on {props.countryName} is recorded.
        </p>
      ) : (
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table>
            <caption>{`EU and UN embargoes on ${props.countryName}`}</caption>
            <thead>
              <tr>
                <th scope="col">Instrument</th>
                <th scope="col">Regime</th>
                <th scope="col">Scope</th>
                <th scope="col">Since</th>
                <th scope="col">Internal repression equipment ban</th>
                <th scope="col">Monitoring equipment ban</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {embargoes.map((row) => (
                <tr>
                  <th scope="row">{row.instrument}</th>
                  <td>{row.regime}</td>
                  <td>{row.scope}</td>
                  <td>{row.since ?? 'unknown'}</td>
                  <td>{row.internalRepressionBan ? 'yes' : 'no'}</td>
                  <td>{row.monitoringEquipmentBan ? 'yes' : 'no'}</td>
                  <td>
                    {isWebAddress(row.source) ? (
                      <a href={row.source}>
                        source<span class="visually-hidden"> of {row.instrument}</span>
                      </a>
                    ) : (
                      row.source
                    )}{' '}
                    <span class="muted">{row.verified ? '(verified)' : '(not verified)'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <p class="muted">Not legal advice: check the instrument before relying on it.</p>
    </section>
  )
}

function yesNoUnknown(value: boolean | null): string {
  return value === null ? 'not stated' : value ? 'yes' : 'no'
}
