/**
 * What Glasshouse knows about a destination state's human-rights record and its use of spyware,
 * each figure with its publisher. Built from the authored tables in this folder (or the
 * indicator set imported with `glasshouse reference import-indicators`).
 */
export type SpywareEvidenceStrength =
  | 'official admission'
  | 'court/inquiry finding'
  | 'confirmed infections'
  | 'leaked records'
  | 'platform threat intelligence'
  | 'procurement/trade records'
  | 'suspected operator via network scanning'

export type CountryEvidence = {
  country: string
  indicators: {
    /** Freedom in the World: global score 0–100 and status F (free), PF (partly free), NF (not free). */
    freedomHouse: { edition: number; globalScore: number; status: 'F' | 'PF' | 'NF' } | null
    /** V-Dem: liberal democracy index and civil liberties index, 0–1. */
    vdem: { year: number; liberalDemocracy: number; civilLiberties: number } | null
    /** RSF World Press Freedom Index: score 0–100 (higher is freer) and rank. */
    rsf: { year: number; score: number; rank: number | null } | null
    /** Attribution line for the indicator figures shown. */
    attribution: string
  }
  pegasusProject: boolean
  /** Documented use of mercenary spyware by this state, strongest evidence first. */
  spyware: {
    spyware: string
    vendor: string
    firstReported: number | null
    evidence: SpywareEvidenceStrength
    civilSocietyTargeted: boolean | null
    source: string
    url: string
    verified: boolean
  }[]
  /** Anonymised victim cases attributed to this state as operator (no personal data). */
  victimCases: {
    total: number
    civilSociety: number
    firstYear: number | null
    lastYear: number | null
    source: string
  } | null
  /** EU and UN arms embargoes and the EU bans on repression and monitoring equipment. */
  embargoes: {
    regime: string
    instrument: string
    scope: string
    internalRepressionBan: boolean
    monitoringEquipmentBan: boolean
    since: string | null
    source: string
    verified: boolean
  }[]
}
