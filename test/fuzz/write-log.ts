import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.ts'

/**
 * "Nothing written", cheaply enough for ten thousand cases per route: a trigger on every table
 * notes each committed row change in fuzz_write_log, so a case costs one small query instead of
 * hashing every table (fingerprint.ts, still used where there are few cases). The note is
 * written in the request's own transaction, so a write that was rolled back leaves none.
 * Exempt, as in fingerprint.ts: audit_events (refusals are audited on purpose), the failed
 * sign-in counters, and the last-used times of a presented token or session.
 */
const EXEMPT_TABLES = [
  'audit_events',
  'kysely_migration',
  'kysely_migration_lock',
  'fuzz_write_log',
]
const EXEMPT_COLUMNS: Record<string, string[]> = {
  users: ['failed_logins', 'locked_until'],
  api_tokens: ['last_used_at'],
  sessions: ['last_seen_at'],
}

export type WriteLog = {
  /** Tables written since the last call (each once, sorted). */
  tablesWrittenSince(): Promise<string[]>
}

export async function installWriteLog(db: Db): Promise<WriteLog> {
  await sql`create table if not exists fuzz_write_log (
    id bigint generated always as identity primary key, table_name text not null)`.execute(db)
  // An UPDATE that changes only exempt columns (or nothing) is not a write.
  await sql`create or replace function fuzz_note_write() returns trigger language plpgsql as $$
    begin
      -- tg_argv is null, not empty, on a trigger without arguments.
      if tg_op = 'UPDATE'
         and (to_jsonb(old) - coalesce(tg_argv, '{}')) = (to_jsonb(new) - coalesce(tg_argv, '{}')) then
        return null;
      end if;
      insert into fuzz_write_log (table_name) values (tg_table_name);
      return null;
    end $$`.execute(db)
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  for (const { table_name: table } of rows) {
    if (EXEMPT_TABLES.includes(table)) continue
    const exempt = (EXEMPT_COLUMNS[table] ?? []).map((c) => `'${c}'`).join(', ')
    await sql
      .raw(
        `create trigger fuzz_note_write after insert or update or delete on "${table}"
         for each row execute function fuzz_note_write(${exempt})`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger fuzz_note_truncate after truncate on "${table}"
         for each statement execute function fuzz_note_write()`,
      )
      .execute(db)
  }
  let seen = 0
  return {
    async tablesWrittenSince() {
      const written = await sql<{ id: string; table_name: string }>`
        select id, table_name from fuzz_write_log where id > ${seen} order by id`.execute(db)
      const last = written.rows.at(-1)
      if (last === undefined) return []
      seen = Number(last.id)
      return [...new Set(written.rows.map((r) => r.table_name))].sort()
    },
  }
}
