import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { devKeyPath, loadOrCreateDevKey, signerFromKey } from './signer.ts'
import { generateKeyPair, signCheckpoint, verifyCheckpoint } from './tlog/index.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const dir = mkdtempSync(join(tmpdir(), 'glasshouse-keys-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('log signing keys', () => {
  it('parses an skey and gives its vkey', () => {
    const { skey, vkey } = generateKeyPair(ORIGIN)
    const key = signerFromKey(`${skey}\n`)
    expect(key.vkey).toBe(vkey)
    expect(key.signer.name).toBe(ORIGIN)
    expect(() => signerFromKey('PRIVATE+KEY+nonsense')).toThrow(TypeError)
    expect(() => signerFromKey(vkey)).toThrow(TypeError)
  })

  it('creates a development key file with mode 0600 once, then reuses it', async () => {
    const keysDir = join(dir, 'nested', 'keys')
    const first = loadOrCreateDevKey(keysDir, ORIGIN)
    expect(first.created).toBe(true)
    expect(first.path).toBe(devKeyPath(keysDir, ORIGIN))
    expect(statSync(first.path).mode & 0o777).toBe(0o600)
    expect(readFileSync(first.path, 'utf8')).toMatch(
      /^PRIVATE\+KEY\+glasshouse\.example\/decision-log\+[0-9a-f]{8}\+/,
    )
    const second = loadOrCreateDevKey(keysDir, ORIGIN)
    expect(second.created).toBe(false)
    expect(second.vkey).toBe(first.vkey)
    const note = signCheckpoint(
      { origin: ORIGIN, size: 1, rootHash: new Uint8Array(32), extensions: [] },
      [second.signer],
    )
    expect((await verifyCheckpoint(note, { logKeys: [first.vkey], origin: ORIGIN })).ok).toBe(true)
  })

  it('refuses a key file holding a key for another origin', () => {
    const other = 'other.example/log'
    writeFileSync(devKeyPath(dir, other), `${generateKeyPair('someone.else').skey}\n`, {
      mode: 0o600,
    })
    expect(() => loadOrCreateDevKey(dir, other)).toThrow(/not "other.example\/log"/)
  })
})
