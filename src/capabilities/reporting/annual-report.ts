/**
 * The Article 26 annual report as data: computed from the register for one year and one scope,
 * rendered as HTML, CSV, JSON and a Frictionless Data Package, and frozen when published.
 *
 * "The year" is the calendar year of the decisions: a decision counts in the year of its
 * `decided_on`. Applications received count in the year of `submitted_on`.
 */

/** One authority, one member state, or the whole EU (every EU authority; non-EU ones excluded). */
export type ReportScope =
  | { kind: 'eu' }
  | { kind: 'member_state'; memberState: string }
  | { kind: 'authority'; authorityId: string }

/** The outcomes a report counts. A reinstatement, an expiry or a submission is not a decision here. */
export const OUTCOMES = [
  'granted',
  'refused',
  'withdrawn',
  'revoked',
  'suspended',
  'annulled',
] as const
export type Outcome = (typeof OUTCOMES)[number]
export type OutcomeCounts = Record<Outcome, number>

export const DENIAL_OUTCOMES: readonly Outcome[] = ['refused', 'revoked', 'annulled']
/** How many denials the report object (and its HTML) carries; the CSV has every one. */
export const DENIALS_SHOWN = 200

/** Money in minor units per currency: registers hold EUR, GBP, SEK… and a report never converts. */
export type MoneyTotal = { currency: string; minor: number }

/**
 * One row of a breakdown (by control entry, technology, destination, issuing state, GEA…):
 * `received` counts applications submitted in the year; `decisions` counts decisions taken in
 * the year by outcome; values sum the items' values of the applications so decided.
 */
export type BreakdownRow = {
  key: string
  label: string
  received: number
  decisions: OutcomeCounts
  valueGranted: MoneyTotal[]
  valueRefused: MoneyTotal[]
}

export type Breakdown = { rows: BreakdownRow[]; total: BreakdownRow }

export type MonthlyDecisions = { month: string; decisions: OutcomeCounts }[]

export type ReasonCount = { code: string; label: string; kind: string; count: number }

/** One row of the per-licence table (the briefing's minimum fields). Natural persons are never named. */
export type LicenceRow = {
  reference: string
  licenceNumber: string | null
  authorityId: string
  issuingState: string
  licenceType: string
  gea: string | null
  outcome: Outcome
  decidedOn: string
  controlEntries: string[]
  technologies: string[]
  itemDescriptions: string[]
  cyberSurveillance: boolean
  exporter: string
  endUser: string
  endUserType: string
  endUserCountry: string
  destination: string
  /** The exporter's summary written for publication; null: not stated. */
  intendedUse: string | null
  governmentAgency: string | null
  value: MoneyTotal[]
  reasons: string[]
  /** The decision's public reason (never the officer's internal explanation); null: not stated. */
  explanation: string | null
}

export type AnnualReport = {
  year: number
  scope: ReportScope
  /** Human title, e.g. "European Union, 2025" or "Germany — BAFA, 2025". */
  title: string
  generatedAt: string
  totals: BreakdownRow
  byControlEntry: Breakdown
  byTechnology: Breakdown
  byDestination: Breakdown
  byIssuingState: Breakdown
  /** Art. 26(2): cyber-surveillance items only — by item, issuing state and destination. */
  cyberSurveillance: {
    byControlEntry: Breakdown
    byIssuingState: Breakdown
    byDestination: Breakdown
  }
  /** Union general export authorisations used (EU001–EU008), by GEA. */
  generalAuthorisations: Breakdown
  refusalsByReason: ReasonCount[]
  /**
   * The first DENIALS_SHOWN refusals, revocations and annulments taken in the year (the denials
   * of Art. 23); `denialCount` counts them all, and denials.csv lists them all.
   */
  denials: LicenceRow[]
  denialCount: number
  decisionsByMonth: MonthlyDecisions
  /** The same totals for the year before, for the year-over-year comparison; null when empty. */
  previousYear: BreakdownRow | null
  /** How many rows the per-licence table has (the table itself is streamed: it can be millions). */
  licenceCount: number
  /** Investigations and their outcomes, once the investigations capability exists. */
  investigations: null
}
