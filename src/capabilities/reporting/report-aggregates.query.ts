import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { ReportScope } from './annual-report.ts'
import { factsOfYear } from './report-decisions.query.ts'

/** One aggregate of the report: a section, a breakdown ("dim") and its key, a count or a sum. */
export type AggregateRow = {
  section: 'rec' | 'dec' | 'val' | 'reason'
  dim: string
  key: string | null
  outcome: string | null
  currency: string | null
  n: number | string
}

/**
 * The statements read the report's facts, kept by database triggers whenever a decision, an
 * application or its items are written (migration 2026_11_28_2300_create_report_facts):
 * report_events has one row per counted decision (its outcome) and per application received
 * (outcome null) with the application's columns, its items' keys (`items`: the sorted distinct
 * control entries, technologies and control entries of cyber-surveillance items, lists joined
 * by chr(31), the three joined by chr(30)) and whether it has a cyber-surveillance item;
 * report_values one per item line of each decision granted or refused. A receipt (outcome null)
 * is section 'rec', a decision section 'dec'.
 */
const SECTION = sql`case when outcome is null then 'rec' else 'dec' end`

/**
 * Application-level counts of decisions and receipts, in one pass over the year's events: by
 * destination, issuing state, GEA and in total, those with a cyber-surveillance item by
 * destination, issuing state and in total, and decisions by month (grouped by day, each day's
 * rows keyed by its month and summed by the report). A first aggregation by the
 * application-level columns and by day (day is never null: a null one marks the former), then
 * small groupings of its result.
 */
function applicationCounts(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`
    with x as (
      select outcome, destination, issuing_state, gea, cyber, day, count(*)::bigint as n
      from report_events a where ${factsOfYear(year, scope)}
      group by grouping sets ((destination, issuing_state, gea, cyber, outcome), (day, outcome))
    )
    select ${SECTION} as section,
      case grouping(destination, issuing_state, gea)
        when 3 then 'destination' when 5 then 'issuing_state' when 6 then 'gea'
        else 'total' end as dim,
      case grouping(destination, issuing_state, gea)
        when 3 then destination when 5 then issuing_state when 6 then gea end as key,
      outcome, null::text as currency, sum(n)::bigint as n
    from x where day is null
    group by grouping sets ((destination, outcome), (issuing_state, outcome), (gea, outcome),
      (outcome))
    union all
    select ${SECTION},
      case grouping(destination, issuing_state) when 1 then 'cyber_destination'
        when 2 then 'cyber_issuing_state' else 'cyber_total' end,
      case grouping(destination, issuing_state) when 1 then destination
        when 2 then issuing_state end,
      outcome, null::text, sum(n)::bigint
    from x where day is null and cyber
    group by grouping sets ((destination, outcome), (issuing_state, outcome), (outcome))
    union all
    select 'dec'::text, 'month', to_char(day, 'YYYY-MM'), outcome, null::text, n
    from x where day is not null and outcome is not null`
}

/**
 * Item-level counts of decisions and receipts (an application counts once under each of its
 * control entries, technologies and cyber-surveillance control entries) and denials under each
 * of their distinct reason codes, in one pass over the year's events: a first aggregation by
 * item keys and by reason codes (few distinct values each), then their lists unnested.
 */
function keyCounts(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`
    with x as (
      select outcome, items, reason_codes, grouping(items) as by_reason, count(*)::bigint as n
      from report_events a where ${factsOfYear(year, scope)}
      group by grouping sets ((items, outcome), (reason_codes, outcome))
    )
    select ${SECTION} as section, k.dim, k.key, outcome, null::text as currency,
      sum(n)::bigint as n
    from x cross join lateral (
      select 'control_entry'::text as dim,
        unnest(string_to_array(split_part(x.items, chr(30), 1), chr(31))) as key
      union all
      select 'technology', unnest(string_to_array(split_part(x.items, chr(30), 2), chr(31)))
      union all
      select 'cyber_control_entry',
        unnest(string_to_array(split_part(x.items, chr(30), 3), chr(31)))) k
    where by_reason = 0
    group by 1, 2, 3, 4
    union all
    select 'reason'::text, ''::text, r.code, outcome, null::text, sum(n)::bigint
    from x cross join lateral unnest(x.reason_codes) as r(code)
    where by_reason = 1 and outcome in ('refused', 'revoked', 'suspended', 'annulled')
    group by r.code, outcome`
}

const VALUE_GROUPING = sql`grouping(control_entry, technology, destination, issuing_state, gea,
  cyber_surveillance)`

/**
 * Values granted and refused: each decision sums the values of its application's items (its
 * rows of report_values). A first aggregation on every column a breakdown needs, then GROUPING
 * SETS over its result.
 */
function values(year: number, scope: ReportScope, full: boolean): RawBuilder<AggregateRow> {
  const lines = sql`report_values a where ${factsOfYear(year, scope)}`
  if (!full) {
    return sql<AggregateRow>`
      select 'val'::text as section, 'total'::text as dim, null::text as key, outcome,
        currency, sum(value_minor)::bigint as n
      from ${lines}
      group by outcome, currency`
  }
  return sql<AggregateRow>`
    with v as (
      select outcome, currency, control_entry, technology, cyber_surveillance, destination,
        issuing_state, gea, sum(value_minor) as minor
      from ${lines}
      group by 1, 2, 3, 4, 5, 6, 7, 8
    )
    select 'val'::text as section, dim, key, outcome, currency, minor as n from (
      select case ${VALUE_GROUPING}
          when 31 then 'control_entry' when 47 then 'technology' when 55 then 'destination'
          when 59 then 'issuing_state' when 61 then 'gea' when 63 then 'total'
          when 30 then case when cyber_surveillance then 'cyber_control_entry' end
          when 54 then case when cyber_surveillance then 'cyber_destination' end
          when 58 then case when cyber_surveillance then 'cyber_issuing_state' end
          when 62 then case when cyber_surveillance then 'cyber_total' end end as dim,
        case ${VALUE_GROUPING}
          when 31 then control_entry when 47 then technology when 55 then destination
          when 59 then issuing_state when 61 then gea when 30 then control_entry
          when 54 then destination when 58 then issuing_state end as key,
        outcome, currency, sum(minor)::bigint as minor
      from v
      group by grouping sets ((control_entry, outcome, currency),
        (technology, outcome, currency), (destination, outcome, currency),
        (issuing_state, outcome, currency), (gea, outcome, currency), (outcome, currency),
        (cyber_surveillance, control_entry, outcome, currency),
        (cyber_surveillance, destination, outcome, currency),
        (cyber_surveillance, issuing_state, outcome, currency),
        (cyber_surveillance, outcome, currency))
    ) g where dim is not null`
}

/** The year's receipts and decisions by outcome (the previous year's column). */
function totals(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`select ${SECTION} as section, 'total'::text as dim,
      null::text as key, outcome, null::text as currency, count(*)::bigint as n
    from report_events a where ${factsOfYear(year, scope)}
    group by outcome`
}

/**
 * The report's aggregates as independent statements, run concurrently (on PostgreSQL each on
 * its own pooled connection; on PGlite they queue). `full` false: the totals only.
 */
export async function reportAggregates(
  db: Db,
  year: number,
  scope: ReportScope,
  full: boolean,
): Promise<AggregateRow[]> {
  const statements = full
    ? [keyCounts(year, scope), applicationCounts(year, scope), values(year, scope, true)]
    : [totals(year, scope), values(year, scope, false)]
  const results = await Promise.all(statements.map((statement) => run(db, statement)))
  return results.flat()
}

/** One statement in its own transaction, with memory for its hash aggregations. */
function run(db: Db, statement: RawBuilder<AggregateRow>): Promise<AggregateRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '256MB'`.execute(trx)
    await sql`set local enable_sort = off`.execute(trx)
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
    await sql`set local jit = off`.execute(trx)
    return (await statement.execute(trx)).rows
  })
}
