import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table authorities (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
      member_state char(2) not null,
      name text not null,
      source text not null default '',
      built_in boolean not null default false,
      created_at timestamptz not null default now()
    );

    create sequence application_reference_seq;
    create sequence licence_number_seq;

    create table applications (
      id bigint generated always as identity primary key,
      reference text not null unique check (reference ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
      authority_id text not null references authorities(id),
      issuing_state char(2) not null,
      state text not null check (state in ('draft','submitted','under_review','granted','refused',
        'withdrawn','suspended','revoked','annulled','expired')),
      licence_type text not null,
      gea text,
      exporter_name text not null,
      exporter_country char(2) not null,
      exporter_id text,
      exporter_key text not null,
      consignee_name text not null,
      consignee_country char(2) not null,
      consignee_key text not null,
      end_user_name text not null,
      end_user_country char(2) not null,
      end_user_type text not null,
      end_user_description text not null,
      end_user_key text not null,
      government_agency text,
      destination char(2) not null,
      intended_use text not null,
      submitted_on date,
      decided_on date,
      decision_reasons text[] not null default '{}',
      decision_explanation text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index applications_authority_idx on applications (authority_id, id);
    create index applications_issuing_state_idx on applications (issuing_state, id);
    create index applications_destination_idx on applications (destination, id);
    create index applications_state_idx on applications (state, id);
    create index applications_exporter_idx on applications (exporter_key text_pattern_ops);
    create index applications_submitted_on_idx on applications (submitted_on);
    create index applications_decided_on_idx on applications (decided_on);
    create index applications_end_user_key_idx on applications (end_user_key);
    create index applications_consignee_key_idx on applications (consignee_key);

    create table application_items (
      application_id bigint not null references applications(id) on delete cascade,
      line_no integer not null check (line_no >= 1),
      control_entry text not null,
      technology text not null,
      cyber_surveillance boolean not null,
      description text not null,
      quantity numeric not null check (quantity >= 0),
      value_minor bigint not null check (value_minor >= 0),
      currency char(3) not null,
      primary key (application_id, line_no)
    );
    create index application_items_entry_idx on application_items (control_entry text_pattern_ops, application_id);
    create index application_items_technology_idx on application_items (technology, application_id);

    create table application_parties (
      application_id bigint not null references applications(id) on delete cascade,
      line_no integer not null check (line_no >= 1),
      role text not null check (role in ('intermediary','agent')),
      name text not null,
      country char(2) not null,
      party_type text not null,
      description text,
      primary key (application_id, line_no)
    );

    create table licences (
      application_id bigint primary key references applications(id),
      number text not null unique,
      valid_from date not null,
      valid_until date,
      issued_at timestamptz not null default now()
    );

    create table decisions (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      action text not null,
      from_state text,
      to_state text not null,
      actor text not null,
      decided_at timestamptz not null default now(),
      decided_on date not null,
      reason_codes text[] not null default '{}',
      explanation text,
      origin text not null check (origin in ('api','import','demo','cli'))
    );
    create index decisions_application_idx on decisions (application_id, id);

    create table denial_notices (
      id bigint generated always as identity primary key,
      application_id bigint not null references applications(id),
      decision_id bigint not null references decisions(id),
      authority_id text not null references authorities(id),
      issuing_state char(2) not null,
      kind text not null check (kind in ('refusal','revocation','annulment')),
      destination char(2) not null,
      end_user_key text not null,
      consignee_key text not null,
      control_entries text[] not null,
      reason_codes text[] not null default '{}',
      notified_on date not null,
      review_due date not null,
      status text not null default 'active' check (status in ('active','withdrawn')),
      created_at timestamptz not null default now()
    );
    create index denial_notices_end_user_idx on denial_notices (end_user_key) where status = 'active';
    create index denial_notices_consignee_idx on denial_notices (consignee_key) where status = 'active';

    create table identical_transaction_flags (
      application_id bigint not null references applications(id) on delete cascade,
      denial_notice_id bigint not null references denial_notices(id),
      matched_on text not null check (matched_on in ('end_user','consignee')),
      control_entry text not null,
      flagged_at timestamptz not null default now(),
      primary key (application_id, denial_notice_id, matched_on)
    );

    -- Decisions are the register's history: append-only, even for the application's owner.
    create function refuse_change_to_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only', tg_table_name using errcode = '42501';
    end $$;
    create trigger decisions_append_only before update or delete on decisions
      for each row execute function refuse_change_to_append_only();
    create trigger decisions_no_truncate before truncate on decisions
      for each statement execute function refuse_change_to_append_only();
  `.execute(db)
}
