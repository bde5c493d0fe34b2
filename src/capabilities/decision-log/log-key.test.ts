import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config/config.ts'
import { loadLogKey } from './log-key.ts'
import { devKeyPath } from './signer.ts'
import { generateKeyPair } from './tlog/index.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const root = mkdtempSync(join(tmpdir(), 'glasshouse-log-key-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let umaskBefore = 0
beforeEach(() => {
  umaskBefore = process.umask(0o000)
})
afterEach(() => {
  process.umask(umaskBefore)
})

const mode = (path: string) => statSync(path).mode & 0o7777

describe(loadLogKey.name, () => {
  it('keeps the development key in GLASSHOUSE_DATA_DIR, 0600 in a 0700 directory, when the database is PostgreSQL', () => {
    const dataDir = join(root, 'postgres', 'data')
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@localhost:5432/gh',
      GLASSHOUSE_DATA_DIR: dataDir,
      GLASSHOUSE_LOG_ORIGIN: ORIGIN,
    })
    const key = loadLogKey(config)
    const path = devKeyPath(dataDir, ORIGIN)
    expect(key.warning).toContain(path)
    expect(readFileSync(path, 'utf8')).toMatch(/^PRIVATE\+KEY\+glasshouse\.example\/decision-log\+/)
    expect(mode(path)).toBe(0o600)
    expect(mode(dataDir)).toBe(0o700)
    // The next start reads the same key.
    expect(loadLogKey(config).vkey).toBe(key.vkey)
  })

  it('tightens a development key and directory left readable by others', () => {
    const dataDir = join(root, 'loose')
    const config = loadConfig({ GLASSHOUSE_DATA_DIR: dataDir, GLASSHOUSE_LOG_ORIGIN: ORIGIN })
    const { vkey } = loadLogKey(config)
    const path = devKeyPath(dataDir, ORIGIN)
    chmodSync(path, 0o644)
    chmodSync(dataDir, 0o755)
    expect(loadLogKey(config).vkey).toBe(vkey)
    expect(mode(path)).toBe(0o600)
    expect(mode(dataDir)).toBe(0o700)
  })

  it('uses a configured key and writes nothing to the data directory', () => {
    const dataDir = join(root, 'configured')
    const { skey, vkey } = generateKeyPair(ORIGIN)
    const key = loadLogKey(
      loadConfig({
        GLASSHOUSE_DATA_DIR: dataDir,
        GLASSHOUSE_LOG_ORIGIN: ORIGIN,
        GLASSHOUSE_LOG_KEY: skey,
      }),
    )
    expect(key.vkey).toBe(vkey)
    expect(key.warning).toBeNull()
    expect(existsSync(dataDir)).toBe(false)
  })
})
