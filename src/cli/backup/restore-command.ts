// `glasshouse restore FILE`: checks FILE against its manifest before touching anything, restores
// it into the configured database, then holds the result to the manifest and to `log verify`.
import { existsSync, statSync } from 'node:fs'
import { fileSha256 } from '../../capabilities/licensing/interchange/file-sha256.ts'
import type { Config } from '../../config/config.ts'
import { migrations } from '../../platform/db/migrations/index.ts'
import { redactUrl } from '../../platform/db/pg-tools.ts'
import { CliUsageError } from '../watchlist-commands.ts'
import { megabytes } from './backup-command.ts'
import { BackupError, type BackupManifest, readManifest } from './backup-manifest.ts'
import { describeCounts } from './database-facts.ts'
import { restorePGlite } from './restore-pglite.ts'
import { restorePostgres } from './restore-postgres.ts'
import { step } from './steps.ts'

type Out = (human: string, data: object) => void

export async function restoreCommand(
  config: Config,
  out: Out,
  options: { file: string | undefined; force: boolean; pgBin: string | undefined; json: boolean },
): Promise<void> {
  const file = options.file
  if (!file) throw new CliUsageError('restore needs a FILE (made by glasshouse backup --out FILE)')
  if (!existsSync(file) || !statSync(file).isFile())
    throw new CliUsageError(`cannot read ${file}: no such file`)
  const started = Date.now()
  const manifest = readManifest(file)
  checkCompatible(manifest, file, config)
  step(`checking ${file} (${megabytes(statSync(file).size)}) against its manifest`)
  const bytes = statSync(file).size
  const sha256 = await fileSha256(file)
  if (bytes !== manifest.dump.bytes || sha256 !== manifest.dump.sha256)
    throw new BackupError(
      `${file} does not match its manifest (${bytes} bytes, sha256 ${sha256}; the manifest says ${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256}): it is corrupted or not the dump that was backed up. Nothing was restored.`,
    )

  const restored =
    config.database.kind === 'postgres'
      ? await restorePostgres(config, config.database.url, file, manifest, options)
      : await restorePGlite(config, config.database.dataDir, file, manifest, options)
  const seconds = (Date.now() - started) / 1000
  const target =
    config.database.kind === 'postgres'
      ? `PostgreSQL ${redactUrl(config.database.url)}`
      : `the PGlite data directory ${config.database.dataDir}`
  const data = { file, target, seconds, ...restored, manifest }
  if (!restored.check.ok) {
    console.error(
      restored.replaced
        ? `Restore FAILED its checks: ${target} now holds the restored backup, which does not match its manifest or does not verify:`
        : `Restore FAILED its checks: nothing was changed in ${target}.`,
    )
    for (const problem of restored.check.problems) console.error(`  ${problem}`)
    if (options.json) console.log(JSON.stringify({ ok: false, ...data }))
    process.exitCode = 1
    return
  }
  const v = restored.check.verification
  out(
    `Restored ${file} into ${target} in ${seconds.toFixed(1)} s.\n` +
      `Matches its manifest: migration ${manifest.migration}; ${describeCounts(manifest.tables)}; every other table too; log size ${manifest.log.size}, latest root ${manifest.log.checkpointRoot ?? '(none)'}.\n` +
      `Log verified: ${v?.leaves} leaves, ${v?.checkpoints} checkpoints; ${v?.decisions} decisions of ${v?.applications} applications, ${v?.licences} licences and ${v?.notices} denial notices agree with it.` +
      (restored.check.migrated.length > 0
        ? `\nBrought up to this release with ${restored.check.migrated.length} migration(s).`
        : ''),
    { ok: true, ...data },
  )
}

function checkCompatible(manifest: BackupManifest, file: string, config: Config): void {
  if (manifest.database !== config.database.kind)
    throw new CliUsageError(
      manifest.database === 'pglite'
        ? `${file} is a backup of a PGlite database: restore it with --data-dir DIR, without DATABASE_URL or --database-url`
        : `${file} is a backup of a PostgreSQL database: restore it with --database-url URL (or DATABASE_URL)`,
    )
  if (manifest.migration !== null && !(manifest.migration in migrations))
    throw new BackupError(
      `${file} was made by a newer Glasshouse (migration ${manifest.migration} is unknown to this one): restore it with that release or a later one. Nothing was restored.`,
    )
}
