import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { ReportScope } from './annual-report.ts'
import { decisionsOfYear, OUTCOME_SQL, receivedInYear } from './report-decisions.query.ts'

/** One aggregate of the report: a section, a breakdown ("dim") and its key, a count or a sum. */
export type AggregateRow = {
  section: 'rec' | 'dec' | 'val' | 'reason'
  dim: string
  key: string | null
  outcome: string | null
  currency: string | null
  n: number | string
}

/** The year's counted decisions in the scope (one row per decision) with their application. */
function decisionRows(year: number, scope: ReportScope, columns: RawBuilder<unknown>) {
  return sql`select d.application_id, ${OUTCOME_SQL} as outcome, ${columns}
    from decisions d join applications a on a.id = d.application_id
    where ${decisionsOfYear(year, scope)}`
}

/**
 * Application-level decision counts: by destination, issuing state, GEA, month (grouped by day,
 * each day's rows keyed by its month and summed by the report) and in total. A first aggregation
 * by day and by the application-level columns (decided_on is never null: a null one marks the
 * latter), then GROUPING SETS over its (small) result.
 */
function applicationDecisions(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`
    with x as (
      select outcome, destination, issuing_state, gea, decided_on, count(*)::bigint as n
      from (${decisionRows(
        year,
        scope,
        sql`a.destination::text as destination, a.issuing_state::text as issuing_state, a.gea,
          d.decided_on`,
      )}) d
      group by grouping sets ((destination, issuing_state, gea, outcome), (decided_on, outcome))
    )
    select 'dec'::text as section,
      case grouping(destination, issuing_state, gea)
        when 3 then 'destination' when 5 then 'issuing_state' when 6 then 'gea'
        else 'total' end as dim,
      case grouping(destination, issuing_state, gea)
        when 3 then destination when 5 then issuing_state when 6 then gea end as key,
      outcome, null::text as currency, sum(n)::bigint as n
    from x
    where decided_on is null
    group by grouping sets ((destination, outcome), (issuing_state, outcome), (gea, outcome),
      (outcome))
    union all
    select 'dec'::text, 'month', to_char(decided_on, 'YYYY-MM'), outcome, null::text, n
    from x
    where decided_on is not null`
}

/**
 * Each item line with, from the earlier lines of its application (read in the order of the
 * primary key, so without a sort), whether it is the first with its control entry (fe), its
 * technology (ft), the first cyber-surveillance line with its entry (fc) and the first
 * cyber-surveillance line (fcy): counting only first lines counts an application once per key.
 */
const FIRST_LINES = sql`select application_id, control_entry, technology,
    not coalesce(control_entry = any(pe), false) as fe,
    not coalesce(technology = any(pt), false) as ft,
    cyber_surveillance and not coalesce(control_entry = any(pc), false) as fc,
    cyber_surveillance and not coalesce(pcy, false) as fcy
  from (select i.application_id, i.control_entry, i.technology, i.cyber_surveillance,
      array_agg(i.control_entry) over w as pe, array_agg(i.technology) over w as pt,
      array_agg(case when i.cyber_surveillance then i.control_entry end) over w as pc,
      bool_or(i.cyber_surveillance) over w as pcy
    from application_items i
    window w as (partition by i.application_id order by i.line_no
      rows between unbounded preceding and 1 preceding)) f`

/**
 * Item-level counts of a set of events (application_id, outcome, n, destination, issuing
 * state): an application counts once under each of its keys; the cyber-surveillance
 * destination, issuing state and total count the applications with a cyber item. A first
 * aggregation of the events joined to their items' first lines, then small groupings of it.
 */
function itemCounts(section: 'dec' | 'rec', events: RawBuilder<unknown>) {
  return sql<AggregateRow>`
    with e as (${events}),
    c as materialized (
      select e.outcome, e.destination, e.issuing_state, f.control_entry, f.technology, f.fe,
        f.ft, f.fc, f.fcy, sum(e.n) as n
      from e join (${FIRST_LINES}) f on f.application_id = e.application_id
      where f.fe or f.ft or f.fc or f.fcy
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    )
    select ${section}::text as section, 'control_entry'::text as dim, control_entry as key,
      outcome, null::text as currency, sum(n)::bigint as n
    from c where fe group by control_entry, outcome
    union all
    select ${section}::text, 'technology', technology, outcome, null::text, sum(n)::bigint
    from c where ft group by technology, outcome
    union all
    select ${section}::text, 'cyber_control_entry', control_entry, outcome, null::text,
      sum(n)::bigint
    from c where fc group by control_entry, outcome
    union all
    select ${section}::text,
      case grouping(destination, issuing_state) when 1 then 'cyber_destination'
        when 2 then 'cyber_issuing_state' else 'cyber_total' end,
      case grouping(destination, issuing_state) when 1 then destination
        when 2 then issuing_state end,
      outcome, null::text, sum(n)::bigint
    from c where fcy
    group by grouping sets ((destination, outcome), (issuing_state, outcome), (outcome))`
}

function decisionItemCounts(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return itemCounts(
    'dec',
    decisionRows(
      year,
      scope,
      sql`a.destination::text as destination, a.issuing_state::text as issuing_state,
        1::bigint as n`,
    ),
  )
}

function receiptItemCounts(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return itemCounts(
    'rec',
    sql`select a.id as application_id, null::text as outcome, a.destination::text as destination,
        a.issuing_state::text as issuing_state, 1::bigint as n
      from applications a where ${receivedInYear(year, scope)}`,
  )
}

/** Application-level receipts: by destination, issuing state, GEA and in total. */
function applicationReceipts(year: number, scope: ReportScope, full: boolean) {
  if (!full) {
    return sql<AggregateRow>`select 'rec'::text as section, 'total'::text as dim,
        null::text as key, null::text as outcome, null::text as currency, count(*)::bigint as n
      from applications a where ${receivedInYear(year, scope)}`
  }
  return sql<AggregateRow>`
    with x as (
      select a.destination::text as destination, a.issuing_state::text as issuing_state, a.gea,
        count(*)::bigint as n
      from applications a where ${receivedInYear(year, scope)}
      group by 1, 2, 3
    )
    select 'rec'::text as section,
      case grouping(destination, issuing_state, gea)
        when 3 then 'destination' when 5 then 'issuing_state' when 6 then 'gea'
        else 'total' end as dim,
      case grouping(destination, issuing_state, gea)
        when 3 then destination when 5 then issuing_state when 6 then gea end as key,
      null::text as outcome, null::text as currency, sum(n)::bigint as n
    from x
    group by grouping sets ((destination), (issuing_state), (gea), ())`
}

const VALUE_GROUPING = sql`grouping(control_entry, technology, destination, issuing_state, gea,
  cyber_surveillance)`

/**
 * Values granted and refused: each decision sums the values of its application's items. A
 * first aggregation of the items joined to the decisions on every column a breakdown needs, then
 * GROUPING SETS over its result.
 */
function values(year: number, scope: ReportScope, full: boolean): RawBuilder<AggregateRow> {
  const decisions = sql`select * from (${decisionRows(
    year,
    scope,
    sql`a.destination::text as destination, a.issuing_state::text as issuing_state, a.gea,
      1::bigint as n`,
  )}) d
    where outcome in ('granted', 'refused')`
  if (!full) {
    return sql<AggregateRow>`
      with x as (${decisions})
      select 'val'::text as section, 'total'::text as dim, null::text as key, x.outcome,
        i.currency::text as currency, sum(i.value_minor * x.n)::bigint as n
      from x join application_items i on i.application_id = x.application_id
      group by x.outcome, i.currency`
  }
  return sql<AggregateRow>`
    with x as (${decisions}),
    v as (
      select x.outcome, i.currency::text as currency, i.control_entry, i.technology,
        i.cyber_surveillance, x.destination, x.issuing_state, x.gea,
        sum(i.value_minor * x.n) as minor
      from x join application_items i on i.application_id = x.application_id
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

/** Grounds of denials: each decision counts once under each of its reason codes. */
function reasons(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`
    select 'reason'::text as section, ''::text as dim, r.code as key, x.outcome,
      null::text as currency, count(distinct x.id)::bigint as n
    from (select d.id, ${OUTCOME_SQL} as outcome, d.reason_codes
      from decisions d join applications a on a.id = d.application_id
      where ${decisionsOfYear(year, scope)} and cardinality(d.reason_codes) > 0) x
    cross join lateral unnest(x.reason_codes) as r(code)
    where x.outcome in ('refused', 'revoked', 'suspended', 'annulled')
    group by r.code, x.outcome`
}

/** The year's decision totals by outcome (the previous year's column). */
function decisionTotals(year: number, scope: ReportScope): RawBuilder<AggregateRow> {
  return sql<AggregateRow>`select 'dec'::text as section, 'total'::text as dim,
      null::text as key, outcome, null::text as currency, count(*)::bigint as n
    from (${decisionRows(year, scope, sql`1 as one`)}) d
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
    ? [
        decisionItemCounts(year, scope),
        values(year, scope, true),
        applicationDecisions(year, scope),
        receiptItemCounts(year, scope),
        applicationReceipts(year, scope, true),
        reasons(year, scope),
      ]
    : [
        decisionTotals(year, scope),
        applicationReceipts(year, scope, false),
        values(year, scope, false),
      ]
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
