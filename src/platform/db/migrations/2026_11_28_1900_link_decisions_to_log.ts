import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Where a decision or policy version sits in the public log, and the salts that open the
    -- commitments to its confidential fields (kept here, never in the log).
    alter table decisions add column log_index bigint;
    alter table decisions add column log_salts jsonb;
    alter table policy_versions add column log_index bigint;
  `.execute(db)
}
