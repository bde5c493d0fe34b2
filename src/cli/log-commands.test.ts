import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTestDatabase } from '../../test/test-database.ts'
import { createDecisionLog } from '../capabilities/decision-log/decision-log.ts'
import { signerFromKey } from '../capabilities/decision-log/signer.ts'
import { canonicalJson, generateKeyPair } from '../capabilities/decision-log/tlog/index.ts'
import { verifyProofBundle } from '../capabilities/decision-log/verify-proof-bundle.ts'
import { fixedClock } from '../platform/clock.ts'
import { keysGenerate, logCheck, logProve, logVerify } from './log-commands.ts'
import { CliUsageError } from './watchlist-commands.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const key = signerFromKey(generateKeyPair(ORIGIN).skey)
const log = createDecisionLog({ key, origin: ORIGIN, clock: fixedClock('2026-12-01T10:00:00Z') })
const database = useTestDatabase({ seedPolicy: false })

function capture() {
  const lines: { human: string; data: object }[] = []
  return { lines, out: (human: string, data: object) => lines.push({ human, data }) }
}

afterEach(() => {
  process.exitCode = undefined
  vi.restoreAllMocks()
})

describe('log commands', () => {
  it('log verify passes on a sound log and names the first mismatch otherwise', async () => {
    for (const ref of ['GH-1', 'GH-2', 'GH-1'])
      await database.db.transaction().execute((trx) =>
        log.append(trx, [
          // Not decision leaves: no register rows go with them here.
          { kind: 'note', subject: ref, leaf: canonicalJson({ reference: ref }) },
        ]),
      )
    const ok = capture()
    await logVerify(database.db, ok.out, { vkeys: [key.vkey], origin: ORIGIN, json: false })
    expect(ok.lines[0]?.human).toBe(
      'Log verified: 3 leaves, 3 checkpoints. Against them: 0 decisions of 0 applications, 0 licences and 0 denial notices; 0 policy versions and 0 published reports. Every row has its leaf and every leaf its row.',
    )
    expect(process.exitCode).toBeUndefined()

    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const bad = capture()
    await logVerify(database.db, bad.out, {
      vkeys: [generateKeyPair(ORIGIN).vkey],
      origin: ORIGIN,
      json: false,
    })
    expect(process.exitCode).toBe(1)
    expect(bad.lines).toEqual([])
    expect(String(err.mock.calls[0]?.[0])).toBe('Log verification FAILED:')
    expect(String(err.mock.calls[1]?.[0])).toMatch(/log tree: checkpoint 1: note does not verify/)
    await expect(
      logVerify(database.db, bad.out, { vkeys: [], origin: ORIGIN, json: false }),
    ).rejects.toBeInstanceOf(CliUsageError)
  })

  it('log prove prints a bundle that verifies; exit 1 when nothing is logged', async () => {
    const c = capture()
    await logProve(database.db, c.out, {
      reference: 'GH-1',
      origin: ORIGIN,
      vkey: key.vkey,
      json: false,
    })
    const bundle = JSON.parse(c.lines[0]?.human ?? '') as unknown
    expect(await verifyProofBundle(bundle, { vkey: key.vkey })).toEqual({ ok: true, checked: 2 })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await logProve(database.db, c.out, {
      reference: 'GH-9',
      origin: ORIGIN,
      vkey: key.vkey,
      json: false,
    })
    expect(process.exitCode).toBe(1)
    await expect(
      logProve(database.db, c.out, {
        reference: undefined,
        origin: ORIGIN,
        vkey: key.vkey,
        json: false,
      }),
    ).rejects.toBeInstanceOf(CliUsageError)
  })

  it('log check verifies a downloaded bundle offline, pinned to a key, and names a tampering', async () => {
    await database.db
      .transaction()
      .execute((trx) =>
        log.append(trx, [
          { kind: 'note', subject: 'GH-7', leaf: canonicalJson({ reference: 'GH-7' }) },
        ]),
      )
    const proved = capture()
    await logProve(database.db, proved.out, {
      reference: 'GH-7',
      origin: ORIGIN,
      vkey: key.vkey,
      json: false,
    })
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-check-'))
    const file = join(dir, 'proof.json')
    writeFileSync(file, proved.lines[0]?.human ?? '')

    const ok = capture()
    await logCheck(ok.out, { file, vkey: key.vkey, json: false })
    expect(process.exitCode).toBeUndefined()
    expect(ok.lines[0]?.human).toMatch(
      /^Verified: 1 logged record\(s\) about GH-7 are in the log glasshouse.example\/decision-log, checkpoint of size \d+ signed by its key \(the key you gave\)\.$/,
    )

    const other = capture()
    await logCheck(other.out, { file, vkey: generateKeyPair(ORIGIN).vkey, json: false })
    expect(process.exitCode).toBe(1)
    expect(other.lines[0]?.human).toBe(
      'NOT VERIFIED: bundle vkey is not the trusted key (0 record(s) checked before it)',
    )

    process.exitCode = undefined
    const bundle = JSON.parse(proved.lines[0]?.human ?? '') as { leaves: { leaf: string }[] }
    const leaf = bundle.leaves[0]
    if (leaf) leaf.leaf = leaf.leaf.replace('GH-7', 'GH-8')
    writeFileSync(file, JSON.stringify(bundle))
    const tampered = capture()
    await logCheck(tampered.out, { file, vkey: key.vkey, json: false })
    expect(process.exitCode).toBe(1)
    expect(tampered.lines[0]?.human).toMatch(/^NOT VERIFIED: /)

    await expect(
      logCheck(ok.out, { file: undefined, vkey: undefined, json: false }),
    ).rejects.toBeInstanceOf(CliUsageError)
    await expect(
      logCheck(ok.out, { file: join(dir, 'missing.json'), vkey: undefined, json: false }),
    ).rejects.toThrow(/cannot read/)
  })

  it('log verify catches a leaf changed behind the trigger', async () => {
    if (database.kind !== 'pglite') return
    await sql`alter table log_leaves disable trigger all`.execute(database.db)
    await sql`update log_leaves set leaf = replace(leaf, 'GH-2', 'GH-3') where index = 1`.execute(
      database.db,
    )
    await sql`alter table log_leaves enable trigger all`.execute(database.db)
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const c = capture()
    await logVerify(database.db, c.out, { vkeys: [key.vkey], origin: ORIGIN, json: false })
    expect(process.exitCode).toBe(1)
    expect(String(err.mock.calls[1]?.[0])).toMatch(/leaf 1: stored hash does not match/)
  })

  it('keys generate writes a 0600 key file, refuses to overwrite, prints only the vkey', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gh-keys-')), 'log.skey')
    const c = capture()
    keysGenerate(c.out, { origin: ORIGIN, outFile: file, json: true })
    const skey = readFileSync(file, 'utf8').trim()
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(signerFromKey(skey).vkey).toBe((c.lines[0]?.data as { vkey: string } | undefined)?.vkey)
    expect(JSON.stringify(c.lines)).not.toContain(skey)

    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    keysGenerate(c.out, { origin: ORIGIN, outFile: file, json: false })
    expect(process.exitCode).toBe(1)
    expect(String(err.mock.calls[0]?.[0])).toMatch(/refusing to overwrite/)
    expect(readFileSync(file, 'utf8').trim()).toBe(skey)

    process.exitCode = undefined
    const printed = capture()
    keysGenerate(printed.out, { origin: ORIGIN, json: false })
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/WARNING/)
    expect(printed.lines[0]?.human).toMatch(/^PRIVATE\+KEY\+/)
    expect(() => keysGenerate(printed.out, { origin: 'bad origin', json: false })).toThrow(
      CliUsageError,
    )
  })
})
