import { Migrator, sql } from 'kysely'
import type { Db } from './database.ts'
import { migrations } from './migrations/index.ts'

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const where = failed ? ` in ${failed.migrationName}` : ''
    throw new Error(
      `Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    )
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * The migrations this code knows that the database has not applied (none when it is current).
 * One cheap query on Kysely's own table; it throws when that table cannot be read.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
  const applied = new Set(rows.map((r) => r.name))
  return Object.keys(migrations).filter((name) => !applied.has(name))
}
