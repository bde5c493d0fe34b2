import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Exporting companies; each applies to one competent authority.
    create table organisations (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
      name text not null,
      country char(2) not null,
      authority_id text not null references authorities(id),
      exporter_id text,
      created_at timestamptz not null default now()
    );

    create table users (
      id text primary key,
      email text not null unique check (email = lower(email)),
      display_name text not null,
      role text not null check (role in ('exporter','officer','senior_officer','analyst',
        'investigator','complaint_handler','admin')),
      authority_id text references authorities(id),
      organisation_id text references organisations(id),
      password_hash text,
      oidc_subject text unique,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      check (role not in ('officer','senior_officer') or authority_id is not null),
      check (role <> 'exporter' or organisation_id is not null)
    );

    -- Browser sessions: only a hash of the cookie's value is stored.
    create table sessions (
      token_hash text primary key,
      user_id text not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_user_idx on sessions (user_id);

    -- Machine clients' bearer tokens: the secret is stored as a SHA-256 hash.
    create table api_tokens (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      name text not null,
      secret_hash text not null,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user_idx on api_tokens (user_id);

    -- One-time tokens that let the first administrator be created from the browser.
    create table setup_tokens (
      token_hash text primary key,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    -- Who viewed and did what (internal; the public decision log is separate). Append-only.
    create table audit_events (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      user_id text,
      role text,
      authority_id text,
      organisation_id text,
      action text not null,
      subject text,
      outcome text not null check (outcome in ('ok','denied','failed')),
      detail jsonb not null default '{}'
    );
    create index audit_events_at_idx on audit_events (at desc);
    create index audit_events_subject_idx on audit_events (subject, id);
    create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function refuse_change_to_append_only();
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function refuse_change_to_append_only();

    -- The second officer who confirmed a four-eyes decision.
    alter table decisions add column confirmed_by text;

    alter table applications add column organisation_id text references organisations(id);
    create index applications_organisation_idx on applications (organisation_id, id);

    -- Four-eyes: a grant assessed high and every revocation wait for a second officer.
    create table decision_confirmations (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      action text not null check (action in ('grant','revoke')),
      input jsonb not null,
      why text not null,
      proposed_by text not null,
      proposed_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending','confirmed','rejected')),
      decided_by text,
      decided_at timestamptz,
      note text
    );
    create unique index decision_confirmations_one_pending on decision_confirmations (application_id)
      where status = 'pending';

    -- Requests for information from the officer to the exporter, and the answers.
    create table information_requests (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      question text not null,
      asked_by text not null,
      asked_at timestamptz not null default now(),
      answer text,
      answered_by text,
      answered_at timestamptz
    );
    create index information_requests_application_idx on information_requests (application_id, id);

    -- Tenancy, enforced by the database as well as by the services. Requests of signed-in users
    -- run as the role glasshouse_tenant (SET LOCAL ROLE) with the principal's scope in settings;
    -- the tables' owner (migrations, imports, the public register) is not subject to these policies.
    do $$ begin
      create role glasshouse_tenant nologin;
    exception when duplicate_object or unique_violation then null;
    end $$;
    do $$ begin
      execute format('grant glasshouse_tenant to %I', current_user);
    exception when duplicate_object or unique_violation then null;
    end $$;

    create function glasshouse_may_read(p_authority text, p_organisation text) returns boolean
    language sql stable as $fn$
      select case current_setting('glasshouse.scope', true)
        when 'all' then true
        when 'authority' then p_authority = current_setting('glasshouse.authority_id', true)
        when 'organisation' then p_organisation = current_setting('glasshouse.organisation_id', true)
        else false end
    $fn$;
    create function glasshouse_may_write(p_authority text, p_organisation text) returns boolean
    language sql stable as $fn$
      select case current_setting('glasshouse.scope', true)
        when 'authority' then p_authority = current_setting('glasshouse.authority_id', true)
        when 'organisation' then p_organisation = current_setting('glasshouse.organisation_id', true)
        else false end
    $fn$;
    -- The authority's own working records (screening, assessment, four-eyes) are not the exporter's.
    create function glasshouse_is_official() returns boolean language sql stable as $fn$
      select coalesce(current_setting('glasshouse.scope', true), '') in ('all','authority')
    $fn$;

    alter table applications enable row level security;
    create policy tenant_read on applications for select
      using (glasshouse_may_read(authority_id, organisation_id));
    create policy tenant_insert on applications for insert
      with check (glasshouse_may_write(authority_id, organisation_id));
    create policy tenant_update on applications for update
      using (glasshouse_may_write(authority_id, organisation_id))
      with check (glasshouse_may_write(authority_id, organisation_id));
    create policy tenant_delete on applications for delete
      using (glasshouse_may_write(authority_id, organisation_id));
  `.execute(db)

  // Rows that belong to an application follow its visibility; the subquery on applications is
  // itself filtered by the policies above.
  const children: [table: string, officialOnly: boolean][] = [
    ['application_items', false],
    ['application_parties', false],
    ['licences', false],
    ['decisions', false],
    ['information_requests', false],
    ['identical_transaction_flags', true],
    ['screening_runs', true],
    ['assessments', true],
    ['decision_confirmations', true],
  ]
  for (const [table, officialOnly] of children) {
    const official = officialOnly ? 'glasshouse_is_official() and ' : ''
    await sql
      .raw(`
      alter table ${table} enable row level security;
      create policy tenant_read on ${table} for select using (${official}exists (
        select 1 from applications a where a.id = ${table}.application_id));
      create policy tenant_write on ${table} for all using (${official}exists (
        select 1 from applications a where a.id = ${table}.application_id
          and glasshouse_may_write(a.authority_id, a.organisation_id)))
        with check (${official}exists (
        select 1 from applications a where a.id = ${table}.application_id
          and glasshouse_may_write(a.authority_id, a.organisation_id)));
    `)
      .execute(db)
  }

  await sql`
    -- Art. 23(1) denial notices are shared between authorities, never with exporters.
    alter table denial_notices enable row level security;
    create policy tenant_read on denial_notices for select using (glasshouse_is_official());
    create policy tenant_write on denial_notices for insert
      with check (glasshouse_may_write(authority_id, null));

    alter table audit_events enable row level security;
    create policy tenant_read on audit_events for select
      using (glasshouse_may_read(authority_id, organisation_id) and glasshouse_is_official());
    create policy tenant_insert on audit_events for insert with check (true);

    alter table organisations enable row level security;
    create policy tenant_read on organisations for select
      using (glasshouse_may_read(authority_id, id));

    grant select, insert, update, delete on applications, application_items, application_parties,
      licences, information_requests, identical_transaction_flags, decision_confirmations
      to glasshouse_tenant;
    grant select, insert on decisions, screening_runs, assessments, denial_notices, audit_events
      to glasshouse_tenant;
    grant select on organisations, authorities, watchlist_sources, watchlist_versions,
      watchlist_entities, watchlist_changes, policy_versions, evidence_sets, log_state, log_leaves,
      log_nodes, log_checkpoints, log_cosignatures to glasshouse_tenant;
    grant usage on all sequences in schema public to glasshouse_tenant;
  `.execute(db)
}
