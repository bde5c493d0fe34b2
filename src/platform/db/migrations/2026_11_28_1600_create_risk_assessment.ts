import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Every version of the assessment policy; the highest version is in force. Append-only:
    -- a change is a new version with who, when and why.
    create table policy_versions (
      version integer primary key,
      document jsonb not null,
      document_sha256 text not null,
      moratorium_active boolean not null,
      changed_at timestamptz not null default now(),
      actor text not null,
      reason text not null
    );
    create trigger policy_versions_append_only before update or delete on policy_versions
      for each row execute function refuse_change_to_append_only();

    -- Imported destination evidence (country indicators, spyware operators, victim cases): the
    -- newest set of each kind is used; the authored tables in the repository are the fallback.
    create table evidence_sets (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('indicators','spyware-operators','victim-cases')),
      imported_at timestamptz not null default now(),
      actor text not null,
      files jsonb not null,
      data jsonb not null
    );
    create index evidence_sets_kind_idx on evidence_sets (kind, id);

    -- Every assessment of an application: append-only, reproducible from its input hash and policy.
    create table assessments (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      assessed_at timestamptz not null default now(),
      actor text not null,
      trigger text not null check (trigger in ('submission','on_demand','investigation')),
      policy_version integer not null references policy_versions(version),
      input_sha256 text not null,
      level text not null check (level in ('low','medium','high','prohibitive')),
      recommendation text not null check (recommendation in ('approve','approve_with_conditions','refer','refuse')),
      reason_codes text[] not null default '{}',
      findings jsonb not null,
      summary text not null
    );
    create index assessments_application_idx on assessments (application_id, id);
    create trigger assessments_append_only before update or delete on assessments
      for each row execute function refuse_change_to_append_only();

    -- What the exporter declares about end use and due diligence (Annex III-A, 2024/2659 red flags).
    alter table applications add column end_use_flags text[];
    alter table applications add column due_diligence jsonb;
    alter table applications add column internal_compliance_programme boolean;

    -- A decision against the assessment's recommendation carries the officer's justification.
    alter table decisions add column against_recommendation boolean not null default false;
    alter table decisions add column justification text;
  `.execute(db)
}
