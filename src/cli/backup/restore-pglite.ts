// A PGlite restore never touches the data directory until the restored copy has passed every
// check: PGlite unpacks the dump into a new directory beside it, which is checked, then swapped in.
import { existsSync, mkdirSync, mkdtempSync, openAsBlob, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Config } from '../../config/config.ts'
import { type OpenDatabase, openPGlite } from '../../platform/db/database.ts'
import { CliUsageError } from '../watchlist-commands.ts'
import { BackupError, type BackupManifest } from './backup-manifest.ts'
import { nonEmptyDir, step } from './steps.ts'
import { checkRestored, type Restored, verifierKey } from './verify-restored.ts'

export async function restorePGlite(
  config: Config,
  dataDir: string,
  file: string,
  manifest: BackupManifest,
  options: { force: boolean },
): Promise<Restored> {
  if (dataDir.startsWith('memory://'))
    throw new CliUsageError('restore needs a data directory on disk (--data-dir DIR)')
  const target = resolve(dataDir)
  if (nonEmptyDir(target) && !options.force)
    throw new BackupError(
      `${dataDir} already holds ${existsSync(join(target, 'PG_VERSION')) ? 'a database' : 'files'}: a restore replaces the whole data directory. Give --force to replace it, or --data-dir a new directory. Nothing was restored.`,
    )
  mkdirSync(dirname(target), { recursive: true })
  // Beside the target, so the swap is a rename on one file system.
  const staging = mkdtempSync(`${target}.restoring-`)
  let opened: OpenDatabase | undefined
  try {
    step(`unpacking the dump into ${staging}`)
    opened = await openPGlite(staging, { loadDataDir: await openAsBlob(file) })
    // The dump carries the development log key, if the backed-up directory had one.
    const check = await checkRestored(opened.db, manifest, {
      vkey: verifierKey(config, staging),
      origin: config.log.origin,
      witnesses: config.log.witnesses,
    })
    const db = opened
    opened = undefined
    await db.close()
    if (!check.ok) return { replaced: false, check }
    step(`swapping the restored directory in at ${dataDir}`)
    swapIn(staging, target)
    return { replaced: true, check }
  } finally {
    await opened?.close().catch(() => {})
    rmSync(staging, { recursive: true, force: true })
  }
}

/**
 * Two renames: the old directory aside, the restored one into its place (put back if that fails);
 * the old one is deleted only once the restored one is in place.
 */
function swapIn(staging: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(staging, target)
    return
  }
  const previous = `${target}.before-restore-${process.pid}`
  renameSync(target, previous)
  try {
    renameSync(staging, target)
  } catch (error) {
    renameSync(previous, target)
    throw error
  }
  rmSync(previous, { recursive: true, force: true })
}
