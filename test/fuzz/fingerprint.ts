import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.ts'

/**
 * What "nothing written" means for a refused request: every table has the same rows as before,
 * except the bookkeeping a refusal is meant to leave.
 * - audit_events: refused sign-ins and forbidden actions are audited on purpose;
 * - users.failed_logins / locked_until: a wrong password counts against the account;
 * - api_tokens.last_used_at, sessions.last_seen_at: a token or session that was presented
 *   was used, even when the action it asked for was refused.
 */
const SKIPPED_TABLES = new Set([
  'audit_events',
  'kysely_migration',
  'kysely_migration_lock',
  'fuzz_write_log', // write-log.ts's own notes
])
const SKIPPED_COLUMNS: Record<string, string[]> = {
  users: ['failed_logins', 'locked_until'],
  api_tokens: ['last_used_at'],
  sessions: ['last_seen_at'],
}

export type Fingerprint = Map<string, string>

let cachedQuery: string | undefined

/** One row per table: its row count and a hash of its rows' content (order-free). */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  cachedQuery ??= await buildQuery(db)
  const { rows } = await sql.raw<{ name: string; digest: string }>(cachedQuery).execute(db)
  return new Map(rows.map((r) => [r.name, r.digest]))
}

async function buildQuery(db: Db): Promise<string> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db)
  return rows
    .map((r) => r.table_name)
    .filter((name) => !SKIPPED_TABLES.has(name))
    .map((name) => {
      const minus = (SKIPPED_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join('')
      const row = `md5((to_jsonb(t)${minus})::text)`
      return `select '${name}' as name, count(*) || ':' || md5(coalesce(string_agg(${row}, '' order by ${row}), '')) as digest from "${name}" t`
    })
    .join('\nunion all\n')
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name))
}
