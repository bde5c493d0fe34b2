// The log's signing key. In production the skey comes from config or a key file
// (`glasshouse keys generate`); in development loadOrCreateDevKey keeps one in a local file.
// The key name equals the log's origin, as C2SP tlog-checkpoint recommends.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../../platform/private-dir.ts'
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
 * Reads the development signer key for `origin` from `dir`, creating it if absent. The key file is
 * kept at 0600 and the directory at 0700, an older looser one tightened. `created` tells the caller
 * to warn that a new key was made.
 */
export function loadOrCreateDevKey(
  dir: string,
  origin: string,
): LogKey & { path: string; created: boolean } {
  const path = devKeyPath(dir, origin)
  let created = false
  ensurePrivateDir(dir)
  try {
    const { skey } = generateKeyPair(origin)
    writeFileSync(path, `${skey}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' })
    created = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  makePrivate(path)
  const key = signerFromKey(readFileSync(path, 'utf8'))
  if (key.signer.name !== origin) {
    throw new TypeError(`${path} holds a key named "${key.signer.name}", not "${origin}"`)
  }
  return { ...key, path, created }
}
