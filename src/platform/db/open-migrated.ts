import type { DatabaseConfig } from '../../config/config.ts'
import { type OpenDatabase, openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  const opened = await openDatabase(config)
  try {
    await migrateToLatest(opened.db)
  } catch (error) {
    await opened.close()
    throw error
  }
  return opened
}
