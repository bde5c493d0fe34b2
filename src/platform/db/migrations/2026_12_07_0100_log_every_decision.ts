import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Licences that lapse at the end of their validity are expired by the clock, and logged.
    alter table decisions drop constraint decisions_origin_check;
    alter table decisions add constraint decisions_origin_check
      check (origin in ('api','import','demo','cli','clock'));

    -- One leaf, one decision: log verify joins both ways on these.
    create unique index decisions_log_index_idx on decisions (log_index) where log_index is not null;
    create index log_leaves_kind_idx on log_leaves (kind, index);
    -- log verify reads the register application by application, denial notices included.
    create index denial_notices_application_idx on denial_notices (application_id, id);

    -- Decisions and policy versions stay append-only, with one exception: a row recorded before
    -- the log covered it may be linked to its leaf once (glasshouse log backfill), and nothing
    -- else of the row may change in that update.
    create function refuse_change_except_log_link() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.log_index is null and new.log_index is not null
         and (to_jsonb(new) - 'log_index' - 'log_salts') = (to_jsonb(old) - 'log_index' - 'log_salts')
      then
        return new;
      end if;
      raise exception 'table % is append-only', tg_table_name using errcode = '42501';
    end $$;
    drop trigger decisions_append_only on decisions;
    create trigger decisions_append_only before update or delete on decisions
      for each row execute function refuse_change_except_log_link();
    drop trigger policy_versions_append_only on policy_versions;
    create trigger policy_versions_append_only before update or delete on policy_versions
      for each row execute function refuse_change_except_log_link();
  `.execute(db)
}
