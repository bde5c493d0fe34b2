import { sql } from 'kysely'
import type { Db } from './database.ts'

/**
 * A column for bulk insert: its SQL type, `text[]` passed as one string joined by US (\x1f), or
 * `jsonb` passed as JSON text and cast on the server.
 */
export type BulkColumn = {
  name: string
  type: 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'date' | 'text[]' | 'jsonb'
}

const UNIT_SEPARATOR = '\x1f'

/**
 * Inserts many rows with one statement of one parameter per column:
 * `insert … select … from unnest($1::text[], $2::bigint[], …)`. Far cheaper for the server to
 * parse than a VALUES list with a parameter per cell, and without its 65,535-parameter limit.
 */
export async function bulkInsert<R = unknown>(
  db: Db,
  table: string,
  columns: BulkColumn[],
  rows: Record<string, unknown>[],
  returning: string[] = [],
): Promise<R[]> {
  if (rows.length === 0) return []
  const params = columns.map((column) => {
    const values = rows.map((row) => row[column.name] ?? null)
    if (column.type === 'jsonb') return sql`${values}::text[]`
    if (column.type !== 'text[]') return sql`${values}::${sql.raw(column.type)}[]`
    const joined = values.map((v) => (Array.isArray(v) ? v.join(UNIT_SEPARATOR) : null))
    return sql`${joined}::text[]`
  })
  const selected = columns.map((column, index) => {
    if (column.type === 'jsonb') return sql`${sql.ref(`c${index}`)}::jsonb`
    return column.type === 'text[]'
      ? sql`coalesce(string_to_array(nullif(${sql.ref(`c${index}`)}, ''), ${UNIT_SEPARATOR}), '{}')`
      : sql.ref(`c${index}`)
  })
  const aliases = columns.map((_, index) => sql.ref(`c${index}`))
  const query = sql<R>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
    select ${sql.join(selected)} from unnest(${sql.join(params)}) as t(${sql.join(aliases)})
    ${returning.length > 0 ? sql`returning ${sql.join(returning.map((r) => sql.ref(r)))}` : sql``}`
  const result = await query.execute(db)
  return result.rows
}
