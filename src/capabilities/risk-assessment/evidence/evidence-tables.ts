import type { SpywareEvidenceStrength } from './country-evidence.ts'

/**
 * The shapes of the destination evidence tables: what the parsers produce, what the authored
 * data modules in `data/` hold, what an import stores in `evidence_sets.data`, and what
 * `createCountryEvidenceSource` consumes. Countries are keyed by ISO 3166-1 alpha-2.
 */

export type FreedomHouseFigures = {
  edition: number
  globalScore: number
  status: 'F' | 'PF' | 'NF'
}
export type VdemFigures = { year: number; liberalDemocracy: number; civilLiberties: number }
export type RsfFigures = { year: number; score: number; rank: number | null }

/** One publisher file reduced to the latest figures per country. */
export type LatestFigures<T> = {
  /** Latest edition (Freedom House) or year (V-Dem, RSF) found in the file. */
  latest: number
  /** Data rows read. */
  rows: number
  countries: Record<string, T>
  /** Codes or names of units with no ISO alpha-2 country, left out. */
  unmatched: string[]
  /** Publisher, edition or year, and licence or terms, as the file's PROVENANCE.md asks. */
  attribution: string
}

export type CountryIndicators = {
  freedomHouse: FreedomHouseFigures | null
  vdem: VdemFigures | null
  rsf: RsfFigures | null
}

export type IndicatorTable = {
  /** One attribution line per publisher: publisher, edition or year, licence or terms. */
  attribution: { freedomHouse: string; vdem: string; rsf: string }
  countries: Record<string, CountryIndicators>
}

/** Strongest first: the order the evidence source sorts a state's spyware rows in. */
export const EVIDENCE_STRENGTHS = Object.freeze([
  'official admission',
  'court/inquiry finding',
  'confirmed infections',
  'leaked records',
  'platform threat intelligence',
  'procurement/trade records',
  'suspected operator via network scanning',
] as const satisfies readonly SpywareEvidenceStrength[])

/** One state × spyware product from `operator_states.csv` (the curator's notes are left out). */
export type SpywareOperatorRow = {
  country: string
  spyware: string
  vendor: string
  firstReported: number | null
  evidence: SpywareEvidenceStrength
  /** null when the sources read do not say (`unknown`). */
  civilSocietyTargeted: boolean | null
  /** The row's `pegasus_project_2021` state attribute. */
  pegasusProject: boolean
  source: string
  url: string
  /** `V` (read in the primary source) → true; `S` (secondary) → false. */
  verified: boolean
}

export type VictimCaseAggregate = {
  total: number
  civilSociety: number
  firstYear: number | null
  lastYear: number | null
}

/** Anonymised victim cases aggregated per operating state: counts and years only. */
export type VictimCaseTable = {
  /** Attribution of the case database(s) the counts come from. */
  source: string
  states: Record<string, VictimCaseAggregate>
  /** Cases with no operating state attributed. */
  unattributed: number
}

export type EmbargoScope =
  | 'full arms embargo'
  | 'partial'
  | 'non-state actors only'
  | 'equipment for internal repression'

export const EMBARGO_SCOPES = Object.freeze([
  'full arms embargo',
  'partial',
  'non-state actors only',
  'equipment for internal repression',
] as const satisfies readonly EmbargoScope[])

/** One country × regime × legal instrument from `arms_embargoes.csv`. */
export type EmbargoRow = {
  country: string
  regime: 'EU' | 'UN'
  instrument: string
  scope: EmbargoScope
  internalRepressionBan: boolean
  monitoringEquipmentBan: boolean
  /** Year the embargo on this target started. */
  since: number | null
  sourceUrl: string
  verified: boolean
  /** The curator's note on scope, exemptions and what was not verified. */
  note: string
}

export type EvidenceTables = {
  indicators: IndicatorTable
  spyware: SpywareOperatorRow[]
  victimCases: VictimCaseTable
  embargoes: EmbargoRow[]
}
