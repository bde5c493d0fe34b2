import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Public text is written to be public. The exporter's intended use stays confidential detail;
    -- what the register publishes is a summary the exporter wrote for publication. The officer's
    -- explanation stays internal; what the register publishes is the decision's public reason.
    -- Existing rows get no public text (published as "not stated"): it is never guessed from the
    -- confidential fields.
    -- (If not exists: a test seeds today's register into an older schema with these added first.)
    alter table applications
      add column if not exists intended_use_public text,
      add column if not exists decision_public_reason text;
    alter table decisions add column if not exists public_reason text;
  `.execute(db)
}
