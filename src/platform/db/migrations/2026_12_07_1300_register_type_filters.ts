import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The register filters by type of authorisation and by Union GEA (issue 17, item 9), newest
    -- first like the other filters; GEA uses are few, so that index holds only them.
    create index if not exists applications_licence_type_idx on applications (licence_type, id);
    create index if not exists applications_gea_idx on applications (gea, id) where gea is not null;
  `.execute(db)
}
