import { readFileSync } from 'node:fs'
import type { Config } from '../../config/config.ts'
import { type LogKey, loadOrCreateDevKey, signerFromKey } from './signer.ts'

/**
 * The log's signing key from config (inline or file); without one, a development key kept in the
 * data directory (GLASSHOUSE_DATA_DIR, also when the database is PostgreSQL). `warning` is set when
 * the development key is in use, for a loud message.
 */
export function loadLogKey(config: Config): LogKey & { warning: string | null } {
  const { origin, key, keyFile } = config.log
  const configured = key ?? (keyFile ? readFileSync(keyFile, 'utf8') : null)
  if (configured) {
    const loaded = signerFromKey(configured)
    if (loaded.signer.name !== origin)
      throw new TypeError(
        `the log key is named "${loaded.signer.name}" but GLASSHOUSE_LOG_ORIGIN is "${origin}"`,
      )
    return { ...loaded, warning: null }
  }
  const dev = loadOrCreateDevKey(config.dataDir, origin)
  return {
    signer: dev.signer,
    vkey: dev.vkey,
    warning: `no GLASSHOUSE_LOG_KEY or GLASSHOUSE_LOG_KEY_FILE: checkpoints are signed with the development key ${dev.path}${dev.created ? ' (just created)' : ''}; do not use it in production`,
  }
}
