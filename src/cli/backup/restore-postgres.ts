// pg_restore into the configured PostgreSQL database in one transaction: a failure part-way
// leaves the database as it was. The checks run on the committed result.
import { sql } from 'kysely'
import { TENANT_ROLE } from '../../capabilities/accounts/tenant.ts'
import type { Config } from '../../config/config.ts'
import { type Db, type OpenDatabase, openDatabase } from '../../platform/db/database.ts'
import { findPgTool, parseToolVersion, redactUrl, runPgTool } from '../../platform/db/pg-tools.ts'
import { createProgress } from '../progress.ts'
import { BackupError, type BackupManifest } from './backup-manifest.ts'
import { describeCounts, holdsRegister, readDatabaseFacts } from './database-facts.ts'
import { step } from './steps.ts'
import { checkRestored, keyProblem, type Restored, verifierKey } from './verify-restored.ts'

export async function restorePostgres(
  config: Config,
  url: string,
  file: string,
  manifest: BackupManifest,
  options: { force: boolean; pgBin: string | undefined },
): Promise<Restored> {
  // The key is known before anything is replaced: refuse now rather than fail the check after.
  const vkey = verifierKey(config, config.dataDir)
  const noKey = keyProblem(vkey, manifest)
  if (noKey !== null) throw new BackupError(`${noKey}. Nothing was restored.`)
  step(`connecting to ${redactUrl(url)}`)
  let opened: OpenDatabase = await openDatabase({ kind: 'postgres', url })
  let serverMajor: number
  try {
    const existing = await readDatabaseFacts(opened.db)
    if (holdsRegister(existing) && !options.force)
      throw new BackupError(
        `${redactUrl(url)} already holds a register (${describeCounts(existing.tables)}): a restore replaces it. Give --force to replace it, or restore into a new, empty database. Nothing was restored.`,
      )
    await ensureTenantRole(opened.db)
    const version = await sql<{ v: string }>`show server_version_num`.execute(opened.db)
    serverMajor = Math.floor(Number(version.rows[0]?.v ?? 0) / 10000)
  } finally {
    // pg_restore drops and recreates the tables: no connection of ours may hold them meanwhile.
    await opened.close()
  }
  const pgRestore = await findPgTool('pg_restore', serverMajor, options.pgBin)
  const dumpedWith = parseToolVersion(`(PostgreSQL) ${manifest.dump.tool.split(' ').pop()}`)
  if (dumpedWith && dumpedWith.major > pgRestore.major)
    throw new BackupError(
      `${file} was written by ${manifest.dump.tool}, which ${pgRestore.path} ${pgRestore.version} cannot read: give --pg-bin a directory with pg_restore ${dumpedWith.major} or newer. Nothing was restored.`,
    )
  step(`restoring with ${pgRestore.path} ${pgRestore.version} in one transaction`)
  const progress = createProgress('tables restored', Object.keys(manifest.tables).length)
  let tables = 0
  try {
    await runPgTool(
      pgRestore,
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        '--verbose',
        file,
      ],
      {
        url,
        onLine: (line) => {
          if (line.includes('processing data for table')) progress.update(++tables)
        },
      },
    )
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\nNothing was restored (rolled back).`)
  } finally {
    progress.stop()
  }
  opened = await openDatabase({ kind: 'postgres', url })
  try {
    const check = await checkRestored(opened.db, manifest, {
      vkey,
      origin: config.log.origin,
      witnesses: config.log.witnesses,
    })
    return { replaced: true, check }
  } finally {
    await opened.close()
  }
}

/**
 * Roles belong to the server, not to a database, so pg_dump leaves them out; the dump's grants
 * to the tenant role (row-level security) need it to exist, granted to us, as the accounts
 * migration makes it. Done as that migration does, so a server that has it is left as it is.
 */
async function ensureTenantRole(db: Db): Promise<void> {
  await sql
    .raw(`do $$ begin
      create role ${TENANT_ROLE} nologin;
    exception when duplicate_object or unique_violation then null;
    end $$`)
    .execute(db)
  await sql
    .raw(`do $$ begin
      execute format('grant ${TENANT_ROLE} to %I', current_user);
    exception when duplicate_object or unique_violation then null;
    end $$`)
    .execute(db)
}
