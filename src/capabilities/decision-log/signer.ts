// The log's signing key. In production the skey comes from config or a key file
// (`glasshouse keys generate`); in development loadOrCreateDevKey keeps one in a local file.
// The key name equals the log's origin, as C2SP tlog-checkpoint recommends.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair, parseSignerKey, type Signer, verifierKeyOf } from './tlog/index.ts'

export interface LogKey {
  signer: Signer
  /** The public verifier key (vkey) to publish. */
  vkey: string
}

/** Parses a `PRIVATE+KEY+<name>+<id>+<key>` signer key. Throws TypeError on a bad key. */
export function signerFromKey(skey: string): LogKey {
  const signer = parseSignerKey(skey.trim())
  return { signer, vkey: verifierKeyOf(signer) }
}

/** The file a development key for `origin` lives in, inside `dir`. */
export function devKeyPath(dir: string, origin: string): string {
  return join(dir, `${origin.replace(/[^A-Za-z0-9._-]/g, '_')}.skey`)
}

/**
 * Reads the development signer key for `origin` from `dir`, creating it (mode 0600, the
 * directory 0700) if absent. `created` tells the caller to warn that a new key was made.
 */
export function loadOrCreateDevKey(
  dir: string,
  origin: string,
): LogKey & { path: string; created: boolean } {
  const path = devKeyPath(dir, origin)
  let created = false
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    const { skey } = generateKeyPair(origin)
    writeFileSync(path, `${skey}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(path, 0o600)
    created = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = signerFromKey(readFileSync(path, 'utf8'))
  if (key.signer.name !== origin) {
    throw new TypeError(`${path} holds a key named "${key.signer.name}", not "${origin}"`)
  }
  return { ...key, path, created }
}
