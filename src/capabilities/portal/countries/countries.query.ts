import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import { UNPUBLISHED_STATES } from '../../licensing/register-query.ts'
import { addCount, type DecisionCounts, emptyCounts } from './decision-counts.tsx'

/**
 * Kysely queries of the country pages. Everything is aggregated in SQL (a register can hold a
 * million licences) and only published applications are read. No query selects a consignee's
 * or end user's name, so no page built on them can show one.
 */

/** Published decisions per destination: one pass grouped by destination and state. */
export async function countsByDestination(db: Db): Promise<Map<string, DecisionCounts>> {
  const rows = await db
    .selectFrom('applications as a')
    .where('a.state', 'not in', UNPUBLISHED_STATES)
    .select(['a.destination', 'a.state', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['a.destination', 'a.state'])
    .execute()
  const byDestination = new Map<string, DecisionCounts>()
  for (const row of rows) {
    let counts = byDestination.get(row.destination)
    if (!counts) {
      counts = emptyCounts()
      byDestination.set(row.destination, counts)
    }
    addCount(counts, row.state, row.count)
  }
  return byDestination
}

export type YearCounts = { year: number; counts: DecisionCounts }

/**
 * Published decisions to one destination, in total and per year of decision (the year of
 * submission for the few without a decision date), oldest first with every year in between:
 * one grouped query on applications_destination_idx serves both the figures and the chart.
 */
export async function countsForDestination(
  db: Db,
  destination: string,
): Promise<{ counts: DecisionCounts; years: YearCounts[] }> {
  const year = sql<
    number | null
  >`cast(extract(year from coalesce(a.decided_on, a.submitted_on)) as integer)`
  const rows = await db
    .selectFrom('applications as a')
    .where('a.destination', '=', destination)
    .where('a.state', 'not in', UNPUBLISHED_STATES)
    .select([year.as('year'), 'a.state', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy([year, 'a.state'])
    .execute()
  const counts = emptyCounts()
  const byYear = new Map<number, DecisionCounts>()
  for (const row of rows) {
    addCount(counts, row.state, row.count)
    if (row.year === null) continue
    const y = Number(row.year)
    let yearCounts = byYear.get(y)
    if (!yearCounts) {
      yearCounts = emptyCounts()
      byYear.set(y, yearCounts)
    }
    addCount(yearCounts, row.state, row.count)
  }
  const years: YearCounts[] = []
  if (byYear.size > 0) {
    const known = [...byYear.keys()]
    for (let y = Math.min(...known); y <= Math.max(...known); y++)
      years.push({ year: y, counts: byYear.get(y) ?? emptyCounts() })
  }
  return { counts, years }
}

export type DecisionLine = {
  reference: string
  state: string
  decidedOn: string | null
  exporterName: string
  endUserType: string
  destination: string
  controlEntries: string[]
  /** Reason codes of the decision (public, as in the register). */
  reasons: string[]
}

/** The newest published decisions to a destination, with their control entries. */
export async function latestDecisionsTo(
  db: Db,
  destination: string,
  limit: number,
): Promise<DecisionLine[]> {
  const rows = await db
    .selectFrom('applications as a')
    .where('a.destination', '=', destination)
    .where('a.state', 'not in', UNPUBLISHED_STATES)
    .select(selectedColumns)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
  return withControlEntries(db, rows)
}

/** What a decision line reads: public fields only, never a party's name other than the exporter. */
export const selectedColumns = [
  'a.id',
  'a.reference',
  'a.state',
  'a.decided_on',
  'a.exporter_name',
  'a.end_user_type',
  'a.destination',
  'a.decision_reasons',
] as const

type SelectedRow = {
  id: number
  reference: string
  state: string
  decided_on: string | null
  exporter_name: string
  end_user_type: string
  destination: string
  decision_reasons: string[]
}

/** Adds each row's control entries, in one query for the whole list. */
export async function withControlEntries(db: Db, rows: SelectedRow[]): Promise<DecisionLine[]> {
  const ids = rows.map((r) => Number(r.id))
  const items =
    ids.length === 0
      ? []
      : await db
          .selectFrom('application_items')
          .select(['application_id', 'control_entry'])
          .where('application_id', 'in', ids)
          .orderBy('application_id')
          .orderBy('line_no')
          .execute()
  const entries = new Map<number, string[]>()
  for (const item of items) {
    const list = entries.get(Number(item.application_id)) ?? []
    if (!list.includes(item.control_entry)) list.push(item.control_entry)
    entries.set(Number(item.application_id), list)
  }
  return rows.map((r) => ({
    reference: r.reference,
    state: r.state,
    decidedOn: r.decided_on === null ? null : String(r.decided_on).slice(0, 10),
    exporterName: r.exporter_name,
    endUserType: r.end_user_type,
    destination: r.destination,
    controlEntries: entries.get(Number(r.id)) ?? [],
    reasons: r.decision_reasons ?? [],
  }))
}
