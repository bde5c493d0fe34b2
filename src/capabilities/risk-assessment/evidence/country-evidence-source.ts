import { isPegasusProjectState } from '../../reference-data/briefing-lists.ts'
import type { CountryEvidence } from './country-evidence.ts'
import { COUNTRY_INDICATORS } from './data/country-indicators.data.ts'
import { EMBARGOES } from './data/embargoes.data.ts'
import { SPYWARE_OPERATORS } from './data/spyware-operators.data.ts'
import { VICTIM_CASES } from './data/victim-cases.data.ts'
import {
  type EmbargoRow,
  EVIDENCE_STRENGTHS,
  type EvidenceTables,
  type IndicatorTable,
  type SpywareOperatorRow,
  type VictimCaseTable,
} from './evidence-tables.ts'

export type CountryEvidenceSource = { forCountry(iso2: string): CountryEvidence }

/**
 * What the destination rules read about a country. Tables not given (nothing imported) fall
 * back to the authored defaults in `data/`. Everything is joined once, up front, into one frozen
 * CountryEvidence per country, so `forCountry` is a map lookup: the engine asks for it on every
 * assessment. A country with no data gets nulls and empty arrays, which the rules report as
 * "unknown".
 */
export function createCountryEvidenceSource(
  tables: Partial<EvidenceTables> = {},
): CountryEvidenceSource {
  const indicators = tables.indicators ?? COUNTRY_INDICATORS
  const spyware = groupBy(tables.spyware ?? SPYWARE_OPERATORS)
  const victimCases = tables.victimCases ?? VICTIM_CASES
  const embargoes = groupBy(tables.embargoes ?? EMBARGOES)
  const codes = new Set([
    ...Object.keys(indicators.countries),
    ...spyware.keys(),
    ...Object.keys(victimCases.states),
    ...embargoes.keys(),
  ])
  const byCountry = new Map<string, CountryEvidence>()
  for (const code of codes) {
    byCountry.set(
      code,
      build(code, indicators, spyware.get(code) ?? [], victimCases, embargoes.get(code) ?? []),
    )
  }
  return {
    forCountry(iso2) {
      let evidence = byCountry.get(iso2)
      if (!evidence) {
        evidence = build(iso2, indicators, [], victimCases, [])
        byCountry.set(iso2, evidence)
      }
      return evidence
    },
  }
}

function build(
  code: string,
  indicators: IndicatorTable,
  spyware: readonly SpywareOperatorRow[],
  victimCases: VictimCaseTable,
  embargoes: readonly EmbargoRow[],
): CountryEvidence {
  const figures = indicators.countries[code]
  const { attribution } = indicators
  const cases = victimCases.states[code]
  return deepFreeze({
    country: code,
    indicators: {
      freedomHouse: figures?.freedomHouse ? { ...figures.freedomHouse } : null,
      vdem: figures?.vdem ? { ...figures.vdem } : null,
      rsf: figures?.rsf ? { ...figures.rsf } : null,
      attribution: [
        figures?.freedomHouse ? attribution.freedomHouse : null,
        figures?.vdem ? attribution.vdem : null,
        figures?.rsf ? attribution.rsf : null,
      ]
        .filter((line) => line !== null)
        .join('; '),
    },
    pegasusProject: isPegasusProjectState(code),
    spyware: [...spyware].sort(byStrength).map((row) => ({
      spyware: row.spyware,
      vendor: row.vendor,
      firstReported: row.firstReported,
      evidence: row.evidence,
      civilSocietyTargeted: row.civilSocietyTargeted,
      source: row.source,
      url: row.url,
      verified: row.verified,
    })),
    victimCases: cases ? { ...cases, source: victimCases.source } : null,
    embargoes: embargoes.map((row) => ({
      regime: row.regime,
      instrument: row.instrument,
      scope: row.scope,
      internalRepressionBan: row.internalRepressionBan,
      monitoringEquipmentBan: row.monitoringEquipmentBan,
      since: row.since === null ? null : String(row.since),
      source: row.sourceUrl,
      verified: row.verified,
    })),
  })
}

const strengthRank = new Map(EVIDENCE_STRENGTHS.map((strength, i) => [strength, i]))

/** Strongest evidence first; among equals, rows read in a primary source first; then as listed. */
function byStrength(a: SpywareOperatorRow, b: SpywareOperatorRow): number {
  return (
    (strengthRank.get(a.evidence) ?? 99) - (strengthRank.get(b.evidence) ?? 99) ||
    Number(b.verified) - Number(a.verified)
  )
}

function groupBy<T extends { country: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(row.country)
    if (group) group.push(row)
    else groups.set(row.country, [row])
  }
  return groups
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
