import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The decision log (RFC 9162 Merkle tree). log_state holds the one row with the tree size;
    -- it only grows. Leaves, complete nodes and signed checkpoints are append-only.
    create table log_state (
      id integer primary key check (id = 1),
      size bigint not null check (size >= 0)
    );
    insert into log_state (id, size) values (1, 0);
    create function refuse_log_shrink() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'UPDATE' or new.id <> old.id or new.size < old.size then
        raise exception 'the decision log only grows' using errcode = '42501';
      end if;
      return new;
    end $$;
    create trigger log_state_only_grows before update or delete on log_state
      for each row execute function refuse_log_shrink();
    create trigger log_state_no_truncate before truncate on log_state
      for each statement execute function refuse_change_to_append_only();

    -- leaf: the exact logged bytes (canonical JSON, UTF-8) as text; leaf_hash = SHA-256(0x00 ‖ leaf).
    create table log_leaves (
      index bigint primary key check (index >= 0),
      kind text not null,
      subject text not null,
      leaf text not null,
      leaf_hash bytea not null,
      appended_at timestamptz not null
    );
    create index log_leaves_subject_idx on log_leaves (subject, index);

    -- Every complete node: (level, index) covers leaves [index·2^level, (index+1)·2^level).
    create table log_nodes (
      level integer not null check (level >= 0 and level < 64),
      index bigint not null check (index >= 0),
      hash bytea not null,
      primary key (level, index)
    );

    -- Every signed checkpoint (C2SP tlog-checkpoint signed note), one per tree size.
    create table log_checkpoints (
      size bigint primary key check (size >= 0),
      root_hash bytea not null,
      note text not null,
      signed_at timestamptz not null
    );

    create trigger log_leaves_append_only before update or delete on log_leaves
      for each row execute function refuse_change_to_append_only();
    create trigger log_leaves_no_truncate before truncate on log_leaves
      for each statement execute function refuse_change_to_append_only();
    create trigger log_nodes_append_only before update or delete on log_nodes
      for each row execute function refuse_change_to_append_only();
    create trigger log_nodes_no_truncate before truncate on log_nodes
      for each statement execute function refuse_change_to_append_only();
    create trigger log_checkpoints_append_only before update or delete on log_checkpoints
      for each row execute function refuse_change_to_append_only();
    create trigger log_checkpoints_no_truncate before truncate on log_checkpoints
      for each statement execute function refuse_change_to_append_only();
  `.execute(db)
}
