import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Art. 12(3): an individual or global authorisation for a large project may run up to four
    -- years, others up to two unless the authority decides otherwise. Licences issued before are
    -- not marked: none was issued as one.
    alter table licences add column if not exists large_project boolean not null default false;
  `.execute(db)
}
