import type { PartyType } from '../licensing/fields.ts'
import type { TechnologyCategory } from '../reference-data/control-entries.ts'
import type { EndUseFlag } from '../reference-data/end-use-flags.ts'
import type { CountryEvidence } from './evidence/country-evidence.ts'

export { END_USE_FLAGS, type EndUseFlag } from '../reference-data/end-use-flags.ts'

export type PartyRole = 'exporter' | 'consignee' | 'end_user' | 'intermediary' | 'agent'

export type AssessedParty = {
  role: PartyRole
  name: string
  country: string
  type: PartyType | null
}

export type WatchlistHitSummary = {
  role: PartyRole
  partyName: string
  source: string
  entityId: string
  caption: string
  score: number
  programmes: string[]
  summary: string
}

/**
 * Everything the rules may read about one application, gathered once by the engine: the
 * application itself, its screening hits, the register's history and the destination evidence.
 * Rules are pure functions of this and the policy.
 */
export type AssessmentInput = {
  reference: string
  issuingState: string
  /** individual, global, national_general, eu_general, brokering, technical_assistance */
  licenceType: string
  gea: string | null
  /** The date the transaction is assessed for (submission date, or today for a draft), YYYY-MM-DD. */
  onDate: string
  /** The day the assessment is made: a moratorium in force that day applies to pending cases too. */
  assessedOn: string
  destination: string
  exporter: { name: string; country: string; id: string | null }
  parties: AssessedParty[]
  endUser: { name: string; country: string; type: PartyType; description: string }
  governmentAgency: string | null
  intendedUse: string
  items: {
    controlEntry: string
    /** A software or technology line: the entry it is for, if it says (item-purpose.ts). */
    forEntry?: string | null
    technology: TechnologyCategory
    cyberSurveillance: boolean
    /** annex_i, art5 or national */
    kind: 'annex_i' | 'art5' | 'national'
    description: string
  }[]
  /** Structured red flags declared by the exporter or set by the officer; null when never asked. */
  endUseFlags: EndUseFlag[] | null
  /** The exporter's human-rights due-diligence record for this transaction; null when absent. */
  dueDiligence: { summary: string; completedOn: string | null } | null
  /** The exporter's internal compliance programme (Art. 12(4), needed for a global licence). */
  hasInternalComplianceProgramme: boolean | null
  /** Watchlist hits on any party at the time of assessment; null when screening did not run. */
  watchlistHits: WatchlistHitSummary[] | null
  /** Standing denials of essentially identical transactions (Art. 16), by any authority. */
  identicalDenials: {
    authorityId: string
    issuingState: string
    kind: string
    notifiedOn: string
  }[]
  /** The same exporter's earlier refusals and revocations, newest first. */
  exporterDenials: { reference: string; kind: string; decidedOn: string; reasons: string[] }[]
  /** Evidence about the destination state, from the country tables in force. */
  destinationEvidence: CountryEvidence
  /** Evidence of abuse linked to the exporter (a vendor on the surveillance-vendor list, etc.). */
  vendorAbuse: { source: string; detail: string }[]
}
