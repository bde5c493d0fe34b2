import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per list (UN, OFAC SDN, …); current_version_id is the version in force.
    create table watchlist_sources (
      source text primary key check (source ~ '^[a-z0-9][a-z0-9:._-]{1,79}$'),
      format text not null,
      current_version_id bigint,
      updated_at timestamptz not null default now()
    );

    create table watchlist_versions (
      id bigint generated always as identity primary key,
      source text not null references watchlist_sources(source),
      format text not null,
      list_date date,
      imported_at timestamptz not null default now(),
      actor text not null,
      files jsonb not null,
      content_sha256 text not null,
      entity_count integer not null,
      name_count integer not null,
      added integer not null,
      removed integer not null,
      modified integer not null
    );
    create index watchlist_versions_source_idx on watchlist_versions (source, id);

    alter table watchlist_sources add constraint watchlist_sources_current_fk
      foreign key (current_version_id) references watchlist_versions(id);

    -- Only the version in force is kept; what changed between versions is in watchlist_changes.
    create table watchlist_entities (
      source text not null references watchlist_sources(source),
      entity_id text not null,
      version_id bigint not null references watchlist_versions(id),
      schema text not null,
      caption text not null,
      content_sha256 text not null,
      data jsonb not null,
      primary key (source, entity_id)
    );

    create table watchlist_changes (
      version_id bigint not null references watchlist_versions(id),
      entity_id text not null,
      change text not null check (change in ('added','removed','modified')),
      caption text not null,
      primary key (version_id, entity_id)
    );

    -- Every screening of an application's parties, with the list versions it used: append-only.
    create table screening_runs (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      screened_at timestamptz not null default now(),
      actor text not null,
      threshold real not null,
      list_versions jsonb not null,
      party_count integer not null,
      hit_count integer not null,
      max_score real,
      results jsonb not null
    );
    create index screening_runs_application_idx on screening_runs (application_id, id);
    create trigger screening_runs_append_only before update or delete on screening_runs
      for each row execute function refuse_change_to_append_only();

    -- How close the names were when an essentially identical denial was found by the matcher.
    alter table identical_transaction_flags add column name_score real;
  `.execute(db)
}
