// `glasshouse backup --out FILE`: pg_dump's custom format for PostgreSQL, PGlite's own dump of
// its data directory, each with a manifest FILE.json (counts, migration, log root, SHA-256).
import {
  closeSync,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream } from 'node:stream/web'
import { sql } from 'kysely'
import { fileSha256 } from '../../capabilities/licensing/interchange/file-sha256.ts'
import type { Config } from '../../config/config.ts'
import { type Db, openDatabase } from '../../platform/db/database.ts'
import { findPgTool, redactUrl, runPgTool } from '../../platform/db/pg-tools.ts'
import { PRIVATE_FILE_MODE } from '../../platform/private-dir.ts'
import { createProgress } from '../progress.ts'
import { CliUsageError } from '../watchlist-commands.ts'
import { type BackupManifest, manifestPathOf } from './backup-manifest.ts'
import { type DatabaseFacts, describeCounts, readDatabaseFacts } from './database-facts.ts'
import { existingPGliteDir, step } from './steps.ts'

type Out = (human: string, data: object) => void
type Dumped = { facts: DatabaseFacts; format: BackupManifest['dump']['format']; tool: string }

export async function backupCommand(
  config: Config,
  out: Out,
  options: { outFile: string | undefined; force: boolean; pgBin: string | undefined },
): Promise<void> {
  const outFile = options.outFile
  if (!outFile) throw new CliUsageError('backup needs --out FILE')
  const manifestFile = manifestPathOf(outFile)
  if (!existsSync(dirname(outFile)) || !statSync(dirname(outFile)).isDirectory())
    throw new CliUsageError(`--out ${outFile}: the directory ${dirname(outFile)} does not exist`)
  for (const path of [outFile, manifestFile])
    if (existsSync(path) && !options.force)
      throw new CliUsageError(`--out ${outFile}: ${path} already exists (--force replaces it)`)
  if (config.database.kind === 'pglite') existingPGliteDir(config.database.dataDir)

  const started = Date.now()
  // Written beside FILE under a temporary name, then renamed: FILE is whole or absent.
  const partial = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.partial`)
  const partialManifest = `${partial}.json`
  try {
    // Owner-only from its first byte: a backup holds password hashes and personal data.
    closeSync(openSync(partial, 'wx', PRIVATE_FILE_MODE))
    const dumped =
      config.database.kind === 'postgres'
        ? await dumpPostgres(config.database.url, partial, options.pgBin)
        : await dumpPGlite(config, partial)
    step('checking the dump (SHA-256)')
    const manifest: BackupManifest = {
      format: 'glasshouse-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      database: config.database.kind,
      dump: {
        file: basename(outFile),
        format: dumped.format,
        tool: dumped.tool,
        bytes: statSync(partial).size,
        sha256: await fileSha256(partial),
      },
      serverVersion: dumped.facts.serverVersion,
      migration: dumped.facts.migration,
      tables: dumped.facts.tables,
      log: dumped.facts.log,
    }
    writeFileSync(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: PRIVATE_FILE_MODE,
    })
    renameSync(partial, outFile)
    renameSync(partialManifest, manifestFile)
    const seconds = (Date.now() - started) / 1000
    out(
      `Backed up ${describeSource(config)} to ${outFile} (${megabytes(manifest.dump.bytes)}, sha256 ${manifest.dump.sha256}) in ${seconds.toFixed(1)} s.\n` +
        `Migration ${manifest.migration}; ${describeCounts(manifest.tables)}; log size ${manifest.log.size}, latest checkpoint root ${manifest.log.checkpointRoot ?? '(none)'}.\n` +
        `Manifest: ${manifestFile}. Keep both files together; glasshouse restore ${outFile} checks one against the other.`,
      { ok: true, file: outFile, manifestFile, seconds, manifest },
    )
  } finally {
    rmSync(partial, { force: true })
    rmSync(partialManifest, { force: true })
  }
}

/**
 * pg_dump in a snapshot exported by the transaction that counts the rows, so the counts are the
 * dump's even while the server keeps writing.
 */
async function dumpPostgres(url: string, file: string, pgBin: string | undefined): Promise<Dumped> {
  step(`connecting to ${redactUrl(url)}`)
  const opened = await openDatabase({ kind: 'postgres', url })
  try {
    const version = await sql<{ v: string }>`show server_version_num`.execute(opened.db)
    const serverMajor = Math.floor(Number(version.rows[0]?.v ?? 0) / 10000)
    const pgDump = await findPgTool('pg_dump', serverMajor, pgBin)
    return await opened.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx)
        step('counting rows')
        const facts = await readGlasshouseFacts(trx)
        step(`dumping with ${pgDump.path} ${pgDump.version}`)
        const progress = createProgress('tables dumped', Object.keys(facts.tables).length)
        let tables = 0
        await runPgTool(
          pgDump,
          ['--format=custom', `--file=${file}`, `--snapshot=${rows[0]?.id}`, '--verbose'],
          {
            url,
            onLine: (line) => {
              if (line.includes('dumping contents of table')) progress.update(++tables)
            },
          },
        ).finally(() => progress.stop())
        syncFile(file)
        return { facts, format: 'pg_dump-custom', tool: `pg_dump ${pgDump.version}` }
      })
  } finally {
    await opened.close()
  }
}

/**
 * PGlite's dump of its whole data directory (the database files and whatever else lives there,
 * such as a development log key), taken after a checkpoint, with nothing else writing: PGlite has
 * no lock, so the server must be stopped.
 */
async function dumpPGlite(config: Config, file: string): Promise<Dumped> {
  if (config.database.kind !== 'pglite') throw new Error('not a PGlite configuration')
  step(`opening the PGlite database in ${config.database.dataDir} (the server must be stopped)`)
  const opened = await openDatabase(config.database)
  try {
    if (!opened.dumpDataDir) throw new CliUsageError('an in-memory database cannot be backed up')
    step('counting rows')
    const facts = await readGlasshouseFacts(opened.db)
    await sql`checkpoint`.execute(opened.db)
    step('dumping the data directory')
    const tarball = await opened.dumpDataDir()
    await pipeline(
      Readable.fromWeb(tarball.stream() as ReadableStream<Uint8Array>),
      createWriteStream(file),
    )
    syncFile(file)
    return { facts, format: 'pglite-data-dir-tgz', tool: 'PGlite dumpDataDir' }
  } finally {
    await opened.close()
  }
}

async function readGlasshouseFacts(db: Db): Promise<DatabaseFacts> {
  const facts = await readDatabaseFacts(db)
  if (facts.migration === null)
    throw new CliUsageError('the database holds no Glasshouse register (no migrations applied)')
  return facts
}

/** On disk before it is renamed into place, so a crash never leaves a short FILE. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function describeSource(config: Config): string {
  return config.database.kind === 'postgres'
    ? `PostgreSQL ${redactUrl(config.database.url)}`
    : `the PGlite database in ${config.database.dataDir}`
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`
}
