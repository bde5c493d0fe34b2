import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import type { Database } from '../../../platform/db/schema.ts'
import { normaliseName } from '../../licensing/party-key.ts'
import { UNPUBLISHED_STATES } from '../../licensing/register-query.ts'
import {
  type DecisionLine,
  selectedColumns,
  withControlEntries,
} from '../countries/countries.query.ts'
import {
  addCount,
  type DecisionCounts,
  emptyCounts,
  PUBLISHED_STATES,
} from '../countries/decision-counts.tsx'

/**
 * Kysely queries of the exporter pages, published applications only. An exporter is addressed by
 * its name exactly as published; rows are found through `exporter_key` (the normalised name, the
 * indexed column the register's exporter filter uses) and then the exact name.
 */

type Eb = ExpressionBuilder<Database & { a: Database['applications'] }, 'a'>

function published(db: Db) {
  return db.selectFrom('applications as a').where('a.state', 'not in', UNPUBLISHED_STATES)
}

function ofExporter(db: Db, name: string) {
  return published(db)
    .where('a.exporter_key', '=', normaliseName(name))
    .where('a.exporter_name', '=', name)
}

export type ExporterRow = { name: string; country: string; counts: DecisionCounts }

/**
 * One page of exporters in key order (a prefix of the normalised name, then after the last name
 * shown). Ordering by `~<~` lets PostgreSQL walk the text_pattern_ops index and stop at the limit
 * instead of aggregating every exporter of a large register.
 */
export async function exportersPage(
  db: Db,
  options: { prefix: string; after: string | null; limit: number },
): Promise<{ rows: ExporterRow[]; next: string | null }> {
  let query = published(db)
  const prefix = normaliseName(options.prefix)
  if (prefix) query = query.where('a.exporter_key', 'like', `${escapeLike(prefix)}%`)
  if (options.after !== null) {
    const key = normaliseName(options.after)
    const after = options.after
    query = query
      .where(sql<boolean>`a.exporter_key ~>=~ ${key}`)
      .where((eb) => eb.or([eb('a.exporter_key', '<>', key), eb('a.exporter_name', '>', after)]))
  }
  const rows = await query
    .select((eb) => [
      'a.exporter_key',
      'a.exporter_name',
      eb.fn.min('a.exporter_country').as('country'),
      ...PUBLISHED_STATES.map((state) => countOf(eb, state)),
    ])
    .groupBy(['a.exporter_key', 'a.exporter_name'])
    .orderBy(sql`a.exporter_key using ~<~`)
    .orderBy('a.exporter_name')
    .limit(options.limit + 1)
    .execute()
  const page = rows.slice(0, options.limit).map((row) => {
    const counts = emptyCounts()
    const record = row as unknown as Record<string, number | string>
    for (const state of PUBLISHED_STATES) addCount(counts, state, record[state] ?? 0)
    return { name: row.exporter_name, country: String(row.country), counts }
  })
  const last = page.at(-1)
  return { rows: page, next: rows.length > options.limit && last ? last.name : null }
}

function countOf(eb: Eb, state: string) {
  return eb.fn.countAll<string>().filterWhere('a.state', '=', state).as(state)
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Published decisions of one exporter by state; total 0 means it has none. */
export async function exporterCounts(db: Db, name: string): Promise<DecisionCounts> {
  const rows = await ofExporter(db, name)
    .select(['a.state', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('a.state')
    .execute()
  const counts = emptyCounts()
  for (const row of rows) addCount(counts, row.state, row.count)
  return counts
}

/** Countries the exporter is registered in, as the register published them. */
export async function exporterCountries(db: Db, name: string): Promise<string[]> {
  const rows = await ofExporter(db, name)
    .select('a.exporter_country')
    .distinct()
    .orderBy('a.exporter_country')
    .limit(20)
    .execute()
  return rows.map((r) => r.exporter_country)
}

/** The exporter's newest published decisions (all states), newest first. */
export async function exporterDecisions(
  db: Db,
  name: string,
  limit: number,
): Promise<DecisionLine[]> {
  const rows = await ofExporter(db, name)
    .select(selectedColumns)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
  return withControlEntries(db, rows)
}

/** Refusals, revocations, suspensions and annulments, newest decision first. */
export async function exporterDenials(
  db: Db,
  name: string,
  limit: number,
): Promise<DecisionLine[]> {
  const rows = await ofExporter(db, name)
    .where('a.state', 'in', ['refused', 'revoked', 'suspended', 'annulled'])
    .select(selectedColumns)
    .orderBy('a.decided_on', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute()
  return withControlEntries(db, rows)
}

/** Decisions per destination, most decisions first. */
export async function exporterDestinations(
  db: Db,
  name: string,
): Promise<{ destination: string; counts: DecisionCounts }[]> {
  const rows = await ofExporter(db, name)
    .select(['a.destination', 'a.state', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['a.destination', 'a.state'])
    .execute()
  const byDestination = new Map<string, DecisionCounts>()
  for (const row of rows) {
    const counts = byDestination.get(row.destination) ?? emptyCounts()
    addCount(counts, row.state, row.count)
    byDestination.set(row.destination, counts)
  }
  return [...byDestination]
    .map(([destination, counts]) => ({ destination, counts }))
    .sort((a, b) => b.counts.total - a.counts.total || a.destination.localeCompare(b.destination))
}

/** Control entries on the exporter's published applications, with how many carry each. */
export async function exporterControlEntries(
  db: Db,
  name: string,
): Promise<{ controlEntry: string; technology: string; applications: number }[]> {
  const rows = await ofExporter(db, name)
    .innerJoin('application_items as i', 'i.application_id', 'a.id')
    .select([
      'i.control_entry',
      'i.technology',
      (eb) => eb.fn.count<string>('a.id').distinct().as('applications'),
    ])
    .groupBy(['i.control_entry', 'i.technology'])
    .orderBy('applications', 'desc')
    .orderBy('i.control_entry')
    .limit(100)
    .execute()
  return rows.map((r) => ({
    controlEntry: r.control_entry,
    technology: r.technology,
    applications: Number(r.applications),
  }))
}
