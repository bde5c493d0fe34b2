import type { Db } from '../../platform/db/database.ts'
import { resolveControlEntry, type TechnologyCategory } from '../reference-data/control-entries.ts'
import { countryName } from '../reference-data/countries.ts'
import {
  findGeneralAuthorisation,
  GENERAL_AUTHORISATIONS,
  GeaCodeSchema,
} from '../reference-data/general-authorisations.ts'
import { REASON_CODES } from '../reference-data/reason-codes.ts'
import {
  type AnnualReport,
  type Breakdown,
  type BreakdownRow,
  DENIAL_OUTCOMES,
  DENIALS_SHOWN,
  type MoneyTotal,
  type MonthlyDecisions,
  OUTCOMES,
  type Outcome,
  type OutcomeCounts,
  type ReasonCount,
  type ReportScope,
} from './annual-report.ts'
import { firstLicenceRows } from './licence-rows.ts'
import { type AggregateRow, reportAggregates } from './report-aggregates.query.ts'
import { scopeTitle } from './report-scope.ts'

/**
 * The report's breakdowns. Application-level ones (destination, issuing state, GEA) count each
 * application or decision once; item-level ones (control entry, technology, and the
 * cyber-surveillance section, which keeps cyber items only) count an application once under each
 * of its entries and sum only the values of the matching items.
 */
type DimensionName =
  | 'control_entry'
  | 'technology'
  | 'destination'
  | 'issuing_state'
  | 'gea'
  | 'total'
  | 'cyber_control_entry'
  | 'cyber_destination'
  | 'cyber_issuing_state'
  | 'cyber_total'

export const TECHNOLOGY_LABELS: Record<TechnologyCategory, string> = {
  intrusion: 'Intrusion software tooling',
  mobile_interception: 'Mobile telecommunications interception',
  ip_network_surveillance: 'IP network communications surveillance',
  li_analysis: 'Lawful-interception analysis (monitoring centres)',
  forensic_extraction: 'Digital forensics and data extraction',
  cryptography: 'Information security (cryptography)',
  other: 'Other',
}

/**
 * The annual report for a year and a scope. Every table is one GROUP BY in the database over the
 * year's decisions (decisions.decided_on) and applications received (applications.submitted_on),
 * computed by a few independent statements run concurrently (report-aggregates.query.ts); only
 * the aggregates come back.
 */
export async function buildAnnualReport(
  db: Db,
  input: { year: number; scope: ReportScope; now?: Date },
): Promise<AnnualReport> {
  const { year, scope } = input
  const [title, current, previous, denials] = await Promise.all([
    scopeTitle(db, scope, year),
    reportAggregates(db, year, scope, true),
    reportAggregates(db, year - 1, scope, false),
    firstLicenceRows(db, { year, scope }, DENIALS_SHOWN, DENIAL_OUTCOMES),
  ])
  const tables = new Tables(current)
  const previousTotals = new Tables(previous).total('total')
  const previousEmpty =
    previousTotals.received === 0 && OUTCOMES.every((o) => previousTotals.decisions[o] === 0)
  return {
    year,
    scope,
    title,
    generatedAt: (input.now ?? new Date()).toISOString(),
    totals: tables.total('total'),
    byControlEntry: tables.breakdown('control_entry', 'total', controlEntryLabel),
    byTechnology: tables.breakdown('technology', 'total', technologyLabel),
    byDestination: tables.breakdown('destination', 'total', countryLabel),
    byIssuingState: tables.breakdown('issuing_state', 'total', countryLabel),
    cyberSurveillance: {
      byControlEntry: tables.breakdown('cyber_control_entry', 'cyber_total', controlEntryLabel),
      byIssuingState: tables.breakdown('cyber_issuing_state', 'cyber_total', countryLabel),
      byDestination: tables.breakdown('cyber_destination', 'cyber_total', countryLabel),
    },
    generalAuthorisations: tables.breakdown(
      'gea',
      null,
      (code) => geaLabel(code, year),
      GeaCodeSchema.options,
    ),
    refusalsByReason: tables.reasons(),
    denials,
    denialCount: DENIAL_OUTCOMES.reduce((n, o) => n + tables.total('total').decisions[o], 0),
    decisionsByMonth: tables.months(year),
    previousYear: previousEmpty ? null : previousTotals,
    licenceCount: tables.licenceCount(),
    investigations: null,
  }
}

function zeroOutcomes(): OutcomeCounts {
  return { granted: 0, refused: 0, withdrawn: 0, revoked: 0, suspended: 0, annulled: 0 }
}

function isOutcome(value: string | null): value is Outcome {
  return value !== null && (OUTCOMES as readonly string[]).includes(value)
}

/** Assembles the aggregate rows into the report's tables. */
class Tables {
  private readonly rows = new Map<string, BreakdownRow>()
  private readonly aggregates: AggregateRow[]
  constructor(aggregates: AggregateRow[]) {
    this.aggregates = aggregates
    for (const agg of aggregates) {
      if (agg.section !== 'rec' && agg.section !== 'dec' && agg.section !== 'val') continue
      const row = this.row(agg.dim, agg.key ?? '')
      const n = Number(agg.n)
      if (agg.section === 'rec') row.received += n
      else if (agg.section === 'dec' && isOutcome(agg.outcome)) row.decisions[agg.outcome] += n
      else if (agg.section === 'val' && agg.currency) {
        const list = agg.outcome === 'granted' ? row.valueGranted : row.valueRefused
        addMoney(list, { currency: agg.currency, minor: n })
      }
    }
    for (const row of this.rows.values()) {
      sortMoney(row.valueGranted)
      sortMoney(row.valueRefused)
    }
  }

  private row(dim: string, key: string): BreakdownRow {
    const id = `${dim}\u0000${key}`
    let row = this.rows.get(id)
    if (!row) {
      row = emptyRow(key, key)
      this.rows.set(id, row)
    }
    return row
  }

  total(dim: DimensionName): BreakdownRow {
    const found = this.rows.get(`${dim}\u0000`)
    return { ...(found ?? emptyRow('total', 'Total')), key: 'total', label: 'Total' }
  }

  breakdown(
    dim: DimensionName,
    totalDim: DimensionName | null,
    label: (key: string) => string,
    always: readonly string[] = [],
  ): Breakdown {
    const prefix = `${dim}\u0000`
    const rows: BreakdownRow[] = []
    const seen = new Set<string>()
    for (const [id, row] of this.rows) {
      if (!id.startsWith(prefix) || row.key === '') continue
      seen.add(row.key)
      rows.push({ ...row, label: label(row.key) })
    }
    for (const key of always) {
      if (!seen.has(key)) rows.push({ ...emptyRow(key, label(key)) })
    }
    const pinned = new Set(always)
    rows.sort((a, b) => {
      // Fixed lists (EU001–EU008) keep their order; other rows by activity, then by key.
      if (pinned.has(a.key) || pinned.has(b.key)) {
        if (pinned.has(a.key) && pinned.has(b.key)) return a.key.localeCompare(b.key)
        return pinned.has(a.key) ? -1 : 1
      }
      return activity(b) - activity(a) || a.key.localeCompare(b.key)
    })
    return { rows, total: totalDim ? this.total(totalDim) : sumRows(rows) }
  }

  months(year: number): MonthlyDecisions {
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: `${year}-${String(i + 1).padStart(2, '0')}`,
      decisions: zeroOutcomes(),
    }))
    for (const month of months) {
      const found = this.rows.get(`month\u0000${month.month}`)
      if (found) month.decisions = { ...found.decisions }
    }
    return months
  }

  /** Refusal grounds (kind 'refusal') then revocation, suspension and annulment grounds. */
  reasons(): ReasonCount[] {
    const counts = new Map<string, ReasonCount>()
    for (const agg of this.aggregates) {
      if (agg.section !== 'reason' || !agg.key || !isOutcome(agg.outcome)) continue
      const kind = REASON_KIND[agg.outcome]
      if (!kind) continue
      const id = `${kind}\u0000${agg.key}`
      const found = counts.get(id)
      if (found) found.count += Number(agg.n)
      else
        counts.set(id, { code: agg.key, label: reasonLabel(agg.key), kind, count: Number(agg.n) })
    }
    const order = ['refusal', 'revocation']
    return [...counts.values()].sort(
      (a, b) =>
        order.indexOf(a.kind) - order.indexOf(b.kind) ||
        b.count - a.count ||
        a.code.localeCompare(b.code),
    )
  }

  /** Every decision of the year is one row of the per-licence table. */
  licenceCount(): number {
    const total = this.total('total')
    return OUTCOMES.reduce((n, o) => n + total.decisions[o], 0)
  }
}

/** The reason-code kind (reason-codes.ts DecisionKind) of the grounds of each denial outcome. */
const REASON_KIND: Partial<Record<Outcome, 'refusal' | 'revocation'>> = {
  refused: 'refusal',
  revoked: 'revocation',
  suspended: 'revocation',
  annulled: 'revocation',
}

function emptyRow(key: string, label: string): BreakdownRow {
  return {
    key,
    label,
    received: 0,
    decisions: zeroOutcomes(),
    valueGranted: [],
    valueRefused: [],
  }
}

/** The total of an application-level breakdown, whose rows do not overlap (the GEAs). */
function sumRows(rows: BreakdownRow[]): BreakdownRow {
  const total = emptyRow('total', 'Total')
  for (const row of rows) {
    total.received += row.received
    for (const o of OUTCOMES) total.decisions[o] += row.decisions[o]
    for (const m of row.valueGranted) addMoney(total.valueGranted, m)
    for (const m of row.valueRefused) addMoney(total.valueRefused, m)
  }
  sortMoney(total.valueGranted)
  sortMoney(total.valueRefused)
  return total
}

function addMoney(list: MoneyTotal[], money: MoneyTotal): void {
  const found = list.find((m) => m.currency === money.currency)
  if (found) found.minor += money.minor
  else list.push({ ...money })
}

function activity(row: BreakdownRow): number {
  return row.received + OUTCOMES.reduce((n, o) => n + row.decisions[o], 0)
}

function sortMoney(list: MoneyTotal[]): void {
  list.sort((a, b) => a.currency.localeCompare(b.currency))
}

function controlEntryLabel(code: string): string {
  const resolved = resolveControlEntry(code)
  if (!resolved) return code
  return resolved.entry.code === resolved.code
    ? resolved.entry.title
    : `${resolved.entry.title} (${resolved.code})`
}

function technologyLabel(key: string): string {
  return TECHNOLOGY_LABELS[key as TechnologyCategory] ?? key
}

function countryLabel(code: string): string {
  return countryName(code) ?? code
}

function geaLabel(code: string, year: number): string {
  const gea =
    findGeneralAuthorisation(code, `${year}-12-31`) ??
    GENERAL_AUTHORISATIONS.find((g) => g.code === code)
  return gea ? `${code} — ${gea.title}` : `${code} (national general authorisation)`
}

const REASON_TITLES = new Map<string, string>(REASON_CODES.map((r) => [r.code, r.title]))

function reasonLabel(code: string): string {
  return REASON_TITLES.get(code) ?? code
}
