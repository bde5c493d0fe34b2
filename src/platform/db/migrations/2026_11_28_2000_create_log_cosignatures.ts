import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration once it has landed; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Witness cosignatures received for a checkpoint (C2SP tlog-cosignature): the signature
    -- line as received, one per witness and checkpoint. Append-only like the log itself.
    create table log_cosignatures (
      size bigint not null references log_checkpoints(size),
      witness text not null,
      line text not null,
      received_at timestamptz not null default now(),
      primary key (size, witness)
    );
    create trigger log_cosignatures_append_only before update or delete on log_cosignatures
      for each row execute function refuse_change_to_append_only();
    create trigger log_cosignatures_no_truncate before truncate on log_cosignatures
      for each statement execute function refuse_change_to_append_only();
  `.execute(db)
}
