import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Published annual reports: frozen at publication, never changed. Publishing the same year
    -- and scope again makes a new version; the log holds the hashes of every version's files.
    create table annual_reports (
      id bigint generated always as identity primary key,
      year integer not null check (year between 1990 and 2200),
      scope_key text not null,
      version integer not null check (version >= 1),
      title text not null,
      report jsonb not null,
      licence_count integer not null,
      published_at timestamptz not null default now(),
      published_by text not null,
      log_index bigint,
      unique (year, scope_key, version)
    );
    create table annual_report_files (
      report_id bigint not null references annual_reports(id),
      name text not null,
      media_type text not null,
      content bytea not null,
      sha256 text not null,
      primary key (report_id, name)
    );
    create trigger annual_reports_append_only before update or delete on annual_reports
      for each row execute function refuse_change_to_append_only();
    create trigger annual_reports_no_truncate before truncate on annual_reports
      for each statement execute function refuse_change_to_append_only();
    create trigger annual_report_files_append_only before update or delete on annual_report_files
      for each row execute function refuse_change_to_append_only();
    create trigger annual_report_files_no_truncate before truncate on annual_report_files
      for each statement execute function refuse_change_to_append_only();
    -- The report counts decisions by the year they were taken in.
    create index decisions_decided_on_idx on decisions (decided_on, application_id);
  `.execute(db)
}
