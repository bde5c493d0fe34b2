import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What a software (D) or technology (E) line is for: the Annex I equipment or software entry
    -- it relates to. 5D001.a, 5D001.c, 4E001.a and 5E001.a are cyber-surveillance only when they
    -- relate to a listed item, and EU005 covers 5B001/5D001/5E001.a only for 5A001.b.2/.c/.d.
    -- Lines written before say nothing (null), as the applications did not ask.
    alter table application_items add column if not exists for_entry text;
  `.execute(db)
}
