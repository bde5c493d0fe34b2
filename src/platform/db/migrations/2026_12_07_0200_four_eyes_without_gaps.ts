import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Four-eyes proposals: annulments, suspensions and reinstatements may wait for a second
    -- officer too (the policy says which), and a proposal that a state change overtook is voided
    -- (with when, why and by which decision) instead of waiting forever.
    alter table decision_confirmations drop constraint decision_confirmations_action_check;
    alter table decision_confirmations add constraint decision_confirmations_action_check
      check (action in ('grant','revoke','annul','suspend','reinstate'));
    alter table decision_confirmations drop constraint decision_confirmations_status_check;
    alter table decision_confirmations add constraint decision_confirmations_status_check
      check (status in ('pending','confirmed','rejected','voided'));
    alter table decision_confirmations
      add column voided_at timestamptz,
      add column voided_reason text,
      add column voided_by_decision bigint references decisions(id),
      add constraint decision_confirmations_voided_check
        check ((status = 'voided') = (voided_at is not null and voided_reason is not null));

    -- Proposals left pending by the gap this closes: the application's state no longer allows them.
    update decision_confirmations c
       set status = 'voided', voided_at = now(),
           voided_reason = 'the application is ' || replace(a.state, '_', ' ')
             || ', which no longer allows it',
           voided_by_decision = (select max(d.id) from decisions d where d.application_id = a.id)
      from applications a
     where a.id = c.application_id and c.status = 'pending'
       and not ((c.action = 'grant' and a.state = 'under_review')
             or (c.action = 'revoke' and a.state in ('granted','suspended')));

    -- Every decision voids the proposals still pending on its application, whatever wrote it
    -- (an officer, the exporter's withdrawal, the clock's expiry, an import): a proposal is about
    -- the state it was made in. The confirmation of a proposal marks it confirmed before its
    -- decision is written, so it is not voided by it. Security definer: the exporter's withdrawal
    -- voids proposals the exporter may not see (the row-level policies are official-only).
    create function void_overtaken_proposals() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as $$
    begin
      update decision_confirmations c
         set status = 'voided', voided_at = now(), voided_by_decision = d.id,
             voided_reason = case d.to_state
               when 'expired' then 'the licence expired on '
               else 'the application was ' || replace(d.to_state, '_', ' ') || ' on '
             end || to_char(d.decided_on, 'YYYY-MM-DD')
        from (select distinct on (application_id) id, application_id, to_state, decided_on
                from inserted_decisions order by application_id, id desc) d
       where c.application_id = d.application_id and c.status = 'pending';
      return null;
    end $$;
    create trigger decisions_void_overtaken_proposals after insert on decisions
      referencing new table as inserted_decisions
      for each statement execute function void_overtaken_proposals();

    -- Who set an account's password: its owner (the one-time activation link, the first
    -- administrator's setup page) or an administrator (users add --password-stdin, users
    -- set-password, POST /api/v1/users with a password). Only an account its owner took over
    -- (activated_at) and whose password no administrator knows may answer a four-eyes proposal.
    alter table users
      add column password_set_by text check (password_set_by in ('owner','administrator')),
      add column activated_at timestamptz;
    -- Existing passwords: chosen by an administrator, except the first administrator's own.
    update users set password_set_by = 'administrator' where password_hash is not null;
    update users u set password_set_by = 'owner', activated_at = e.at
      from audit_events e
     where e.user_id = u.id and e.action = 'setup.first_admin' and u.password_hash is not null;
    -- Accounts linked to an identity provider on a verified sign-in were taken over then.
    update users u set activated_at = (select min(e.at) from audit_events e
        where e.user_id = u.id and e.action = 'login' and e.outcome = 'ok'
          and e.detail->>'via' = 'oidc')
     where u.oidc_subject is not null and u.activated_at is null;
    alter table users add constraint users_password_set_by_known
      check ((password_hash is null) = (password_set_by is null));

    -- One-time links with which an account's owner sets their own password (and so activates
    -- the account). Only a hash of the token is stored; the tenant role has no grant on it.
    create table account_activations (
      token_hash text primary key,
      user_id text not null references users(id) on delete cascade,
      created_by text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index account_activations_user_idx on account_activations (user_id);
  `.execute(db)
}
