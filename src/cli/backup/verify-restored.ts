// After a restore and before it counts as done: the database must hold what the manifest says
// (migration, every table's rows, log size and latest root), and the full `log verify` must pass.
import { existsSync, readFileSync } from 'node:fs'
import { loadLogKey } from '../../capabilities/decision-log/log-key.ts'
import { devKeyPath, signerFromKey } from '../../capabilities/decision-log/signer.ts'
import type { Config } from '../../config/config.ts'
import type { Db } from '../../platform/db/database.ts'
import { migrateToLatest } from '../../platform/db/migrate.ts'
import { type Verification, verifyLogAndRegister } from '../verify-log-and-register.ts'
import type { BackupManifest } from './backup-manifest.ts'
import { factDifferences, readDatabaseFacts } from './database-facts.ts'
import { step } from './steps.ts'

export type RestoreCheck = {
  ok: boolean
  /** Each way the restored database differs from the manifest, or fails the log's verification. */
  problems: string[]
  /** Migrations applied after the check, when the backup came from an older release. */
  migrated: string[]
  verification: Verification | null
}

/** What a restore changed, and how the restored database fared. */
export type Restored = { replaced: boolean; check: RestoreCheck }

/**
 * The log's verifier key: the configured one, or else the development key in devKeyDir, read and
 * never made (a new key would only prove that the restored checkpoints were not signed with it).
 */
export function verifierKey(config: Config, devKeyDir: string): string | null {
  if (config.log.key || config.log.keyFile) return loadLogKey(config).vkey
  const path = devKeyPath(devKeyDir, config.log.origin)
  return existsSync(path) ? signerFromKey(readFileSync(path, 'utf8')).vkey : null
}

/**
 * Why `vkey` cannot verify the backed-up log, if it cannot: none at all, or not the key that
 * signed the latest checkpoint.
 */
export function keyProblem(vkey: string | null, manifest: BackupManifest): string | null {
  const signers = manifest.log.signedBy
  if (vkey === null)
    return signers.length === 0
      ? 'no log key to verify the restored log with: set GLASSHOUSE_LOG_KEY_FILE or GLASSHOUSE_LOG_KEY'
      : `no log key to verify the restored log with: set GLASSHOUSE_LOG_KEY_FILE to the key that signed it (${signers.join(', ')})`
  const [name, id] = vkey.split('+')
  if (signers.length > 0 && !signers.includes(`${name}+${id}`))
    return `the backed-up log is signed by ${signers.join(', ')}, but the configured log key is ${name}+${id}: set GLASSHOUSE_LOG_KEY_FILE to the key that signed it`
  return null
}

export async function checkRestored(
  db: Db,
  manifest: BackupManifest,
  options: { vkey: string | null; origin: string; witnesses: readonly string[] },
): Promise<RestoreCheck> {
  step('comparing every table, the migration and the log with the manifest')
  const problems = factDifferences(manifest, await readDatabaseFacts(db))
  // An older backup is brought to this release's schema, as `serve` would, before the log is
  // verified by this release's code.
  const migrated = await migrateToLatest(db)
  if (migrated.length > 0) step(`applied ${migrated.length} newer migration(s)`)
  let verification: Verification | null = null
  const noKey = keyProblem(options.vkey, manifest)
  if (noKey !== null) problems.push(noKey)
  else if (options.vkey !== null) {
    step(`verifying the decision log (${manifest.log.size} leaves) and the register against it`)
    try {
      verification = await verifyLogAndRegister(db, {
        vkeys: [options.vkey],
        origin: options.origin,
        witnesses: options.witnesses,
      })
      for (const problem of verification.problems)
        problems.push(`log verify, ${problem.kind}: ${problem.message}`)
    } catch (error) {
      problems.push(`log verify could not run: ${(error as Error).message}`)
    }
  }
  return { ok: problems.length === 0, problems, migrated, verification }
}
