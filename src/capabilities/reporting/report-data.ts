import { type RawBuilder, sql } from 'kysely'
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
import { decisionsOfYear, OUTCOME_SQL, receivedInYear } from './report-decisions.query.ts'
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

type AggregateRow = {
  section: 'rec' | 'dec' | 'val' | 'reason'
  dim: string
  key: string | null
  outcome: string | null
  currency: string | null
  n: number | string
}

/**
 * The annual report for a year and a scope. Every table is one GROUP BY in the database over the
 * year's decisions (decisions.decided_on) and applications received (applications.submitted_on),
 * computed in a single statement; only the aggregates come back.
 */
export async function buildAnnualReport(
  db: Db,
  input: { year: number; scope: ReportScope; now?: Date },
): Promise<AnnualReport> {
  const { year, scope } = input
  const [title, current, previous, denials] = await Promise.all([
    scopeTitle(db, scope, year),
    aggregate(db, year, scope, true),
    aggregate(db, year - 1, scope, false),
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

/** The separator of the "dimension, key" pairs the item-level counts unnest. */
const US = sql`chr(31)`

/**
 * One statement: the year's decisions (`dec`) and receipts (`rec`) materialised once, the
 * entries of each of their applications (`apps`), then a few hash aggregations:
 * application-level counts by GROUPING SETS, item-level counts over each application's distinct
 * "dimension, key" pairs (so an application with two items of one entry counts once), values by
 * GROUPING SETS over a first aggregation of the items. `full` false: the totals only.
 */
async function aggregate(
  db: Db,
  year: number,
  scope: ReportScope,
  full: boolean,
): Promise<AggregateRow[]> {
  const appSets = full
    ? sql`grouping sets ((destination, outcome), (issuing_state, outcome), (gea, outcome),
        (month, outcome), (outcome))`
    : sql`grouping sets ((outcome))`
  // grouping(destination, issuing_state, gea, month): a 0 bit for each column grouped on.
  const appDim = !full
    ? sql`'total'::text`
    : sql`case grouping(destination, issuing_state, gea, month)
      when 7 then 'destination' when 11 then 'issuing_state' when 13 then 'gea'
      when 14 then 'month' else 'total' end`
  const appKey = !full
    ? sql`null::text`
    : sql`case grouping(destination, issuing_state, gea, month)
      when 7 then destination when 11 then issuing_state when 13 then gea when 14 then month end`
  const parts: RawBuilder<AggregateRow>[] = [
    sql`select 'dec'::text as section, ${appDim} as dim, ${appKey} as key, outcome,
        null::text as currency, count(*)::bigint as n
      from dec group by ${appSets}`,
    sql`select 'rec'::text, ${appDim}, ${appKey}, null::text, null::text, count(*)::bigint
      from (select *, null::text as outcome from rec) r group by ${appSets}`,
    sql`select 'val'::text, dim, key, outcome, currency, minor from (
        select ${full ? valueDim : sql`'total'::text`} as dim,
          ${full ? valueKey : sql`null::text`} as key, outcome, currency,
          sum(minor)::bigint as minor
        from val group by ${full ? valueSets : sql`grouping sets ((outcome, currency))`}
      ) v where dim is not null`,
  ]
  if (full) {
    const itemKeys = sql`apps.keys || case when apps.cyber then array[
        'cyber_destination' || ${US} || x.destination,
        'cyber_issuing_state' || ${US} || x.issuing_state,
        'cyber_total' || ${US}] else '{}'::text[] end`
    parts.push(
      sql`select 'dec'::text, split_part(pair, ${US}, 1), split_part(pair, ${US}, 2), outcome,
          null::text, count(*)::bigint
        from (select x.outcome, unnest(${itemKeys}) as pair
          from dec x join apps on apps.application_id = x.application_id) p
        group by pair, outcome`,
      sql`select 'rec'::text, split_part(pair, ${US}, 1), split_part(pair, ${US}, 2), null::text,
          null::text, count(*)::bigint
        from (select unnest(${itemKeys}) as pair
          from rec x join apps on apps.application_id = x.id) p
        group by pair`,
      sql`select 'reason'::text, ''::text, r.code, outcome, null::text,
          count(distinct x.id)::bigint
        from dec x cross join lateral unnest(x.reason_codes) as r(code)
        where outcome in ('refused', 'revoked', 'suspended', 'annulled')
        group by r.code, outcome`,
    )
  }
  const query = sql<AggregateRow>`
    with dec as materialized (
      select d.id, d.application_id, ${OUTCOME_SQL} as outcome, d.reason_codes,
        to_char(d.decided_on, 'YYYY-MM') as month,
        a.destination::text as destination, a.issuing_state::text as issuing_state, a.gea
      from decisions d join applications a on a.id = d.application_id
      where ${decisionsOfYear(year, scope)}
    ),
    rec as materialized (
      select a.id, a.destination::text as destination, a.issuing_state::text as issuing_state,
        a.gea, null::text as month
      from applications a where ${receivedInYear(year, scope)}
    ),
    apps as materialized (
      select i.application_id,
        array_agg(distinct 'control_entry' || ${US} || i.control_entry)
          || array_agg(distinct 'technology' || ${US} || i.technology)
          || coalesce(array_agg(distinct 'cyber_control_entry' || ${US} || i.control_entry)
            filter (where i.cyber_surveillance), '{}') as keys,
        bool_or(i.cyber_surveillance) as cyber
      from application_items i
      where i.application_id in (select application_id from dec union select id from rec)
      group by i.application_id
    ),
    val as (
      select x.outcome, i.currency::text as currency, i.control_entry, i.technology,
        i.cyber_surveillance, x.destination, x.issuing_state, x.gea,
        sum(i.value_minor) as minor
      from dec x join application_items i on i.application_id = x.application_id
      where x.outcome in ('granted', 'refused')
      group by 1, 2, 3, 4, 5, 6, 7, 8
    )
    ${sql.join(parts, sql` union all `)}`
  // The aggregations sort and hash a year of decisions: give them memory (this statement only)
  // rather than spilling to disk with the server's default work_mem.
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '256MB'`.execute(trx)
    return (await query.execute(trx)).rows
  })
}

const valueSets = sql`grouping sets ((control_entry, outcome, currency),
  (technology, outcome, currency), (destination, outcome, currency),
  (issuing_state, outcome, currency), (gea, outcome, currency), (outcome, currency),
  (cyber_surveillance, control_entry, outcome, currency),
  (cyber_surveillance, destination, outcome, currency),
  (cyber_surveillance, issuing_state, outcome, currency), (cyber_surveillance, outcome, currency))`

// grouping(control_entry, technology, destination, issuing_state, gea, cyber_surveillance).
const VALUE_GROUPING = sql`grouping(control_entry, technology, destination, issuing_state, gea,
  cyber_surveillance)`
const valueDim = sql`case ${VALUE_GROUPING}
  when 31 then 'control_entry' when 47 then 'technology' when 55 then 'destination'
  when 59 then 'issuing_state' when 61 then 'gea' when 63 then 'total'
  when 30 then case when cyber_surveillance then 'cyber_control_entry' end
  when 54 then case when cyber_surveillance then 'cyber_destination' end
  when 58 then case when cyber_surveillance then 'cyber_issuing_state' end
  when 62 then case when cyber_surveillance then 'cyber_total' end end`
const valueKey = sql`case ${VALUE_GROUPING}
  when 31 then control_entry when 47 then technology when 55 then destination
  when 59 then issuing_state when 61 then gea when 30 then control_entry
  when 54 then destination when 58 then issuing_state end`

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
