// Progress lines for backup and restore (on standard error, so --json output stays clean), and
// the checks both make of a PGlite data directory.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CliUsageError } from '../watchlist-commands.ts'

const started = Date.now()

/** "[3.2 s] restoring …": each long step says when it starts. */
export function step(text: string): void {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}\n`)
}

/** The data directory of an existing PGlite database, or a usage error naming the flag. */
export function existingPGliteDir(dataDir: string): string {
  if (dataDir.startsWith('memory://'))
    throw new CliUsageError('an in-memory database cannot be backed up or restored (--data-dir)')
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new CliUsageError(
      `no PGlite database in ${dataDir} (--data-dir DIR or GLASSHOUSE_DATA_DIR; DATABASE_URL for PostgreSQL)`,
    )
  return dataDir
}

/** Whether a directory exists with anything in it. */
export function nonEmptyDir(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0
}
