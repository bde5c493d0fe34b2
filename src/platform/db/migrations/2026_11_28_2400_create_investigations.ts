import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A re-screening campaign over granted licences (issue 9). The cursor and the counters are
    -- saved with each page's findings, in one transaction, so a run resumes where it stopped.
    create table investigations (
      id bigint generated always as identity primary key,
      reason text not null,
      scope jsonb not null,
      -- Set when a senior officer runs it: only that authority's licences are in scope.
      authority_scope text references authorities(id),
      policy_version integer not null,
      as_of date not null,
      status text not null default 'running' check (status in ('running','completed')),
      started_by text not null,
      started_at timestamptz not null default now(),
      completed_at timestamptz,
      in_scope integer not null default 0,
      cursor_application_id bigint not null default 0,
      pages_done integer not null default 0,
      licences_done integer not null default 0,
      findings_count integer not null default 0,
      proposals_count integer not null default 0
    );

    -- One finding per (investigation, licence, kind): a resumed run inserts nothing twice.
    create table investigation_findings (
      investigation_id bigint not null references investigations(id),
      application_id bigint not null references applications(id),
      kind text not null,
      significant boolean not null,
      infringement boolean not null,
      level_then text,
      level_now text not null,
      title text not null,
      evidence jsonb not null,
      public boolean not null,
      primary key (investigation_id, application_id, kind)
    );
    create index investigation_findings_infringement_idx
      on investigation_findings (investigation_id, infringement, application_id);

    -- A licence with a significant finding: officers of its authority decide revoke, suspend or
    -- maintain. Revoke and suspend go through the lifecycle; maintain is recorded here.
    create table revocation_proposals (
      id bigint generated always as identity primary key,
      investigation_id bigint not null references investigations(id),
      application_id bigint not null references applications(id),
      level_then text,
      level_now text not null,
      -- The evidence is the licence's significant findings (investigation_findings), not copied.
      kinds text[] not null,
      created_at timestamptz not null default now(),
      decision text check (decision in ('revoke','suspend','maintain')),
      decided_by text,
      decided_at timestamptz,
      reasons text[] not null default '{}',
      explanation text,
      unique (investigation_id, application_id)
    );
    create index revocation_proposals_application_idx on revocation_proposals (application_id);

    -- Officials read investigations; only the system (owner role) writes them.
    alter table investigations enable row level security;
    create policy tenant_read on investigations for select using (glasshouse_is_official());
    grant select on investigations to glasshouse_tenant;
  `.execute(db)

  // Findings and proposals follow their licence's visibility, officials only (as assessments).
  for (const table of ['investigation_findings', 'revocation_proposals']) {
    await sql
      .raw(`
      alter table ${table} enable row level security;
      create policy tenant_read on ${table} for select using (glasshouse_is_official() and exists (
        select 1 from applications a where a.id = ${table}.application_id));
      create policy tenant_write on ${table} for all using (glasshouse_is_official() and exists (
        select 1 from applications a where a.id = ${table}.application_id
          and glasshouse_may_write(a.authority_id, a.organisation_id)))
        with check (glasshouse_is_official() and exists (
        select 1 from applications a where a.id = ${table}.application_id
          and glasshouse_may_write(a.authority_id, a.organisation_id)));
    `)
      .execute(db)
  }
  await sql`
    grant select on investigation_findings to glasshouse_tenant;
    grant select, update on revocation_proposals to glasshouse_tenant;
  `.execute(db)
}
