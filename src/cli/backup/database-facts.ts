// What a backup promises about the database it holds, read the same way before the dump and
// after a restore: the last migration, the rows of every table, the log's size and latest root.
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'

export type DatabaseFacts = {
  /** The last migration applied (Kysely's own table); null when there is none. */
  migration: string | null
  serverVersion: string
  /** Rows in every table of the schema, by name. */
  tables: Record<string, number>
  log: {
    size: number
    checkpointSize: number
    checkpointRoot: string | null
    /** "name+keyid" of each signature on the latest checkpoint, as a vkey begins. */
    signedBy: string[]
  }
}

/** The tables an operator recognises, printed in summaries (every table is counted and compared). */
export const KEY_TABLES = [
  'applications',
  'decisions',
  'licences',
  'denial_notices',
  'log_leaves',
  'log_checkpoints',
  'users',
] as const

export async function readDatabaseFacts(db: Db): Promise<DatabaseFacts> {
  const { rows: names } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db)
  const tables: Record<string, number> = {}
  for (const { name } of names) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(name)}`.execute(db)
    tables[name] = Number(rows[0]?.n ?? 0)
  }
  const version = await sql<{ server_version: string }>`show server_version`.execute(db)
  const facts: DatabaseFacts = {
    migration: null,
    serverVersion: version.rows[0]?.server_version ?? 'unknown',
    tables,
    log: { size: 0, checkpointSize: 0, checkpointRoot: null, signedBy: [] },
  }
  if ('kysely_migration' in tables) {
    const { rows } = await sql<{ name: string }>`
      select name from kysely_migration order by name desc limit 1`.execute(db)
    facts.migration = rows[0]?.name ?? null
  }
  if ('log_state' in tables && 'log_checkpoints' in tables) {
    const state = await db.selectFrom('log_state').select('size').executeTakeFirst()
    const latest = await db
      .selectFrom('log_checkpoints')
      .select(['size', 'root_hash', 'note'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst()
    facts.log = {
      size: Number(state?.size ?? 0),
      checkpointSize: Number(latest?.size ?? 0),
      // Base64, as the root appears in the signed checkpoint note.
      checkpointRoot: latest ? Buffer.from(latest.root_hash).toString('base64') : null,
      signedBy: latest ? signersOf(latest.note) : [],
    }
  }
  return facts
}

/** C2SP signed note: each signature line is "— name base64(keyid[4] ‖ signature)". */
function signersOf(note: string): string[] {
  return note
    .split('\n')
    .filter((line) => line.startsWith('\u2014 '))
    .map((line) => {
      const [, name, blob] = line.split(' ')
      return `${name}+${Buffer.from(blob ?? '', 'base64')
        .subarray(0, 4)
        .toString('hex')}`
    })
}

/** Whether the database already holds a register: any row in the tables an operator would miss. */
export function holdsRegister(facts: DatabaseFacts): boolean {
  return KEY_TABLES.some((table) => (facts.tables[table] ?? 0) > 0)
}

/** "12 applications, 30 decisions, …" for the key tables. */
export function describeCounts(tables: Record<string, number>): string {
  return KEY_TABLES.map((table) => `${tables[table] ?? 0} ${table.replace('_', ' ')}`).join(', ')
}

/** Each way the restored database differs from what the backup recorded, in words. */
export function factDifferences(
  expected: Pick<DatabaseFacts, 'migration' | 'tables' | 'log'>,
  actual: DatabaseFacts,
): string[] {
  const differences: string[] = []
  if (expected.migration !== actual.migration)
    differences.push(
      `migration: the backup is at ${expected.migration}, the restored database at ${actual.migration}`,
    )
  const names = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])
  for (const name of [...names].sort()) {
    const want = expected.tables[name]
    const got = actual.tables[name]
    if (want === got) continue
    differences.push(
      want === undefined
        ? `table ${name}: not in the backup, ${got} rows after restore`
        : got === undefined
          ? `table ${name}: ${want} rows in the backup, missing after restore`
          : `table ${name}: ${want} rows in the backup, ${got} after restore`,
    )
  }
  if (expected.log.size !== actual.log.size)
    differences.push(`log size: ${expected.log.size} in the backup, ${actual.log.size} restored`)
  if (expected.log.checkpointRoot !== actual.log.checkpointRoot)
    differences.push(
      `latest checkpoint: size ${expected.log.checkpointSize} root ${expected.log.checkpointRoot} in the backup, size ${actual.log.checkpointSize} root ${actual.log.checkpointRoot} restored`,
    )
  return differences
}
