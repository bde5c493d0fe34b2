// `glasshouse log monitor` against real HTTP servers on 127.0.0.1: the app as in production
// (tiles, checkpoint, consistency proofs, cosignatures), each on its own database. A second
// database holds a different history signed with the SAME key (a rebuilt, rewritten register),
// a third leaves like the real ones signed by an impostor key with the same origin name.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/app.ts'
import { createDecisionLog } from '../../src/capabilities/decision-log/decision-log.ts'
import { appendLeaves, logSize } from '../../src/capabilities/decision-log/log-store.ts'
import { type LogKey, signerFromKey } from '../../src/capabilities/decision-log/signer.ts'
import {
  canonicalJson,
  cosignatureVerifierKeyOf,
  generateKeyPair,
  hashLeaf,
  toHex,
  verifyCheckpoint,
} from '../../src/capabilities/decision-log/tlog/index.ts'
import { logMonitor, type MonitorCommandOptions } from '../../src/cli/monitor-command.ts'
import { CliUsageError } from '../../src/cli/watchlist-commands.ts'
import { systemClock } from '../../src/platform/clock.ts'
import type { Db, OpenDatabase } from '../../src/platform/db/database.ts'
import { silentLogger } from '../../src/platform/logger.ts'
import { startTestServer, type TestServer } from '../browser/test-server.ts'
import { TEST_LOG_KEY, TEST_LOG_ORIGIN } from '../factories.ts'
import { createTestDatabase } from '../test-database.ts'

const IMPOSTOR_KEY = signerFromKey(generateKeyPair(TEST_LOG_ORIGIN).skey)
const WITNESS = generateKeyPair('witness.monitor.test/w1')
const WITNESS_VKEY = cosignatureVerifierKeyOf(WITNESS.skey)

const dir = mkdtempSync(join(tmpdir(), 'log-monitor-'))
const path = (name: string) => join(dir, name)
const copy = (from: string, to: string) => {
  copyFileSync(path(from), path(to))
  return path(to)
}

type Site = { db: Db; server: TestServer; close: () => Promise<void> }
const sites: Site[] = []
let real: Site // the honest register
let rebuilt: Site // a different history, re-signed with the same key
let impostor: Site // the honest leaves, signed with another key of the same name

async function startSite(key: LogKey): Promise<Site> {
  const opened: OpenDatabase = await createTestDatabase()
  const app = createApp({
    db: opened.db,
    clock: systemClock,
    logger: silentLogger,
    decisionLog: createDecisionLog({
      key,
      origin: TEST_LOG_ORIGIN,
      clock: systemClock,
      witnesses: [WITNESS_VKEY],
    }),
  })
  const server = await startTestServer(app)
  const site = {
    db: opened.db,
    server,
    close: async () => {
      await server.close()
      await opened.close()
    },
  }
  sites.push(site)
  return site
}

/**
 * Appends leaves up to tree size `to`, as one batch (one checkpoint). A new database already
 * holds policy version 1 in its log; the leaves after it are the same for the same history.
 */
async function grow(site: Site, key: LogKey, to: number, history = 'real') {
  await site.db.transaction().execute(async (trx) => {
    const from = await logSize(trx)
    const leaves = Array.from({ length: to - from }, (_, k) => ({
      kind: 'test',
      subject: `s${from + k}`,
      leaf: canonicalJson({ type: 'test', history, n: from + k }),
    }))
    await appendLeaves(trx, key.signer, TEST_LOG_ORIGIN, leaves, new Date())
  })
}

type Result = {
  ok: boolean
  kind: string
  message: string
  size: number | null
  previousSize: number | null
  tilesFetched: string[]
  stateSaved: boolean
  cosignature?: { ok: boolean; witness: string; message: string }
}

/** Runs the command in-process, --json; resolves to its exit code and its one JSON result. */
async function monitor(
  site: Site | string,
  stateFile: string,
  more: Partial<MonitorCommandOptions> = {},
) {
  const results: object[] = []
  const code = await logMonitor((_human, data) => results.push(data), {
    url: typeof site === 'string' ? site : site.server.url,
    stateFile,
    vkey: TEST_LOG_KEY.vkey,
    json: true,
    ...more,
  })
  expect(results).toHaveLength(1)
  return { code, result: results[0] as Result }
}

const stateSize = (file: string) => JSON.parse(readFileSync(file, 'utf8')).size as number

beforeAll(async () => {
  real = await startSite(TEST_LOG_KEY)
  rebuilt = await startSite(TEST_LOG_KEY)
  impostor = await startSite(IMPOSTOR_KEY)
})
afterAll(async () => {
  for (const site of sites) await site.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(() => vi.restoreAllMocks())

describe('glasshouse log monitor', () => {
  it('follows consistent growth, fetching only the tiles it has not seen', async () => {
    await grow(real, TEST_LOG_KEY, 100)
    const state = path('real.json')
    const first = await monitor(real, state)
    expect(first.code).toBe(0)
    expect(first.result).toMatchObject({ ok: true, kind: 'first', size: 100, stateSaved: true })
    expect(first.result.tilesFetched).toEqual(['tile/0/000.p/100', 'tile/entries/000.p/100'])
    expect(statSync(state).mode & 0o777).toBe(0o600)
    copy('real.json', 'real-100.json')

    await grow(real, TEST_LOG_KEY, 120)
    const lines: string[] = []
    const code = await logMonitor((human) => lines.push(human), {
      url: real.server.url,
      stateFile: state,
      vkey: TEST_LOG_KEY.vkey,
      json: false,
    })
    expect(code).toBe(0)
    expect(lines).toEqual([
      `OK: ${TEST_LOG_ORIGIN} grew from 100 to 120 leaves, consistent; state saved to ${state}`,
    ])
    expect(stateSize(state)).toBe(120)

    const again = await monitor(real, state)
    expect(again.result).toMatchObject({ ok: true, kind: 'unchanged', size: 120 })
    expect(again.result.tilesFetched).toEqual([])
  })

  it('verifies a log that crosses tile boundaries, through full and partial tiles', async () => {
    const state = path('real.json')
    await grow(real, TEST_LOG_KEY, 300)
    const at300 = await monitor(real, state)
    expect(at300.result).toMatchObject({ kind: 'grew', previousSize: 120, size: 300 })
    expect(at300.result.tilesFetched).toEqual([
      'tile/0/000',
      'tile/entries/000',
      'tile/0/001.p/44',
      'tile/entries/001.p/44',
    ])
    await grow(real, TEST_LOG_KEY, 450)
    await grow(real, TEST_LOG_KEY, 600)
    const at600 = await monitor(real, state)
    expect(at600.result).toMatchObject({ ok: true, kind: 'grew', previousSize: 300, size: 600 })
    expect(at600.result.tilesFetched).toEqual([
      'tile/0/001',
      'tile/entries/001',
      'tile/0/002.p/88',
      'tile/entries/002.p/88',
    ])
    // A fresh monitor reads every tile and lands on the same tree.
    const fresh = await monitor(real, path('real-fresh.json'))
    expect(fresh.result).toMatchObject({ ok: true, kind: 'first', size: 600 })
    expect(fresh.result.tilesFetched).toHaveLength(6)
    const saved = (f: string) => JSON.parse(readFileSync(f, 'utf8'))
    expect(saved(path('real-fresh.json')).compactRange).toEqual(saved(state).compactRange)
    copy('real.json', 'real-600.json')
  })

  it('reports a FORK when the register was rebuilt with another history under the same key', async () => {
    await grow(rebuilt, TEST_LOG_KEY, 100, 'rewritten')
    expect((await monitor(rebuilt, path('rebuilt-100.json'))).code).toBe(0)

    // Same size, other root.
    const state = copy('real-100.json', 'fork.json')
    const before = readFileSync(state, 'utf8')
    const same = await monitor(rebuilt, state)
    expect(same.code).toBe(1)
    expect(same.result).toMatchObject({ ok: false, kind: 'fork', stateSaved: false })
    expect(same.result.message).toMatch(
      /^FORK: the log signed by test\.glasshouse\/decision-log at size 100 has root [0-9a-f]{16}…, but this monitor verified root [0-9a-f]{16}… at that size\. Someone rewrote the register's history\.$/,
    )

    // Larger: the new leaves do not extend what was seen, and the server's proof fails.
    await grow(rebuilt, TEST_LOG_KEY, 120, 'rewritten')
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    const code = await logMonitor(() => {}, {
      url: rebuilt.server.url,
      stateFile: state,
      vkey: TEST_LOG_KEY.vkey,
      json: false,
    })
    expect(code).toBe(1)
    const seenRoot = toHex(Buffer.from(JSON.parse(before).rootHash as string, 'base64')).slice(
      0,
      16,
    )
    expect(String(err.mock.calls[0]?.[0])).toContain(
      `FORK: the log signed by ${TEST_LOG_ORIGIN} at size 120 does not extend the history this monitor verified at size 100 (root ${seenRoot}…). Someone rewrote the register's history.`,
    )
    expect(readFileSync(state, 'utf8')).toBe(before)
  })

  it('reports a log that shrank', async () => {
    const state = copy('real-600.json', 'shrink.json')
    const before = readFileSync(state, 'utf8')
    const { code, result } = await monitor(rebuilt, state)
    expect(code).toBe(1)
    expect(result.kind).toBe('shrink')
    expect(result.message).toMatch(
      /^SHRINK: the log signed by test\.glasshouse\/decision-log now has 120 leaves, but this monitor verified 600 /,
    )
    expect(readFileSync(state, 'utf8')).toBe(before)
  })

  it('refuses a checkpoint signed by another key with the same name', async () => {
    await grow(impostor, IMPOSTOR_KEY, 100) // leaves like the real ones: the key is what differs
    const state = copy('real-100.json', 'impostor.json')
    const before = readFileSync(state, 'utf8')
    const { code, result } = await monitor(impostor, state)
    expect(code).toBe(1)
    expect(result.kind).toBe('refused')
    expect(result.message).toMatch(
      /^REFUSED: the checkpoint served at http:\/\/127\.0\.0\.1:\d+\/api\/public\/v1\/log\/checkpoint is not signed by the key you pinned for test\.glasshouse\/decision-log/,
    )
    expect(result.tilesFetched).toEqual([])
    expect(readFileSync(state, 'utf8')).toBe(before)
    // Nor does a first run trust it; and pinning the impostor's key refuses the real log.
    expect((await monitor(impostor, path('impostor-fresh.json'))).result.kind).toBe('refused')
    expect(existsSync(path('impostor-fresh.json'))).toBe(false)
    const other = await monitor(real, path('other-key.json'), { vkey: IMPOSTOR_KEY.vkey })
    expect(other.result.kind).toBe('refused')
  })

  it('names tiles that do not add up to the signed tree', async () => {
    const tamper = async (statement: ReturnType<typeof sql>, table: string) =>
      rebuilt.db.transaction().execute(async (trx) => {
        await sql.raw(`alter table ${table} disable trigger ${table}_append_only`).execute(trx)
        await statement.execute(trx)
        await sql.raw(`alter table ${table} enable trigger ${table}_append_only`).execute(trx)
      })
    const forged = canonicalJson({ type: 'test', history: 'rewritten', n: 110, forged: true })
    await tamper(sql`update log_leaves set leaf = ${forged} where index = 110`, 'log_leaves')
    const contradicts = await monitor(rebuilt, path('rebuilt-fresh.json'))
    expect(contradicts.result.kind).toBe('tiles-mismatch')
    expect(contradicts.result.message).toBe(
      'MISMATCH: the published tiles contradict each other: entry 110 in tile/entries/000.p/120 does not hash to the leaf hash in tile/0/000.p/120. What the register publishes is not what its log signed.',
    )
    // Forge the leaf hash too: the tiles now agree with each other, but not with the signed root,
    // while the log's signed history (its proofs) still extends what the monitor saw.
    const hash = Buffer.from(hashLeaf(new TextEncoder().encode(forged)))
    await tamper(
      sql`update log_nodes set hash = ${hash} where level = 0 and index = 110`,
      'log_nodes',
    )
    const state = copy('rebuilt-100.json', 'rebuilt-tampered.json')
    const mismatch = await monitor(rebuilt, state)
    expect(mismatch.code).toBe(1)
    expect(mismatch.result.kind).toBe('tiles-mismatch')
    expect(mismatch.result.message).toMatch(
      /although its signed history extends the one this monitor verified at size 100/,
    )
    expect(stateSize(state)).toBe(100)
  })

  it('cosigns what it verified as a witness, and the log then serves the cosignature', async () => {
    const keyFile = path('witness.skey')
    writeFileSync(keyFile, `${WITNESS.skey}\n`, { mode: 0o600 })
    const state = copy('real-600.json', 'witness.json')
    await grow(real, TEST_LOG_KEY, 610)
    const { code, result } = await monitor(real, state, {
      cosignKeyFile: keyFile,
      now: () => new Date('2026-12-01T10:00:00Z'),
    })
    expect(code).toBe(0)
    expect(result).toMatchObject({
      ok: true,
      kind: 'grew',
      size: 610,
      cosignature: { ok: true, witness: 'witness.monitor.test/w1' },
    })
    const note = await (await fetch(`${real.server.url}/api/public/v1/log/checkpoint`)).text()
    const checked = await verifyCheckpoint(note, {
      logKeys: [TEST_LOG_KEY.vkey],
      witnessKeys: [WITNESS_VKEY],
      witnessQuorum: 1,
    })
    expect(checked).toMatchObject({
      ok: true,
      checkpoint: { size: 610 },
      cosignatures: [{ name: 'witness.monitor.test/w1', timestamp: 1_796_119_200 }],
    })

    // A witness the log does not know: verified and saved, but the cosignature is refused.
    const strangerFile = path('stranger.skey')
    const stranger = generateKeyPair('stranger.test/w').skey
    writeFileSync(strangerFile, `${stranger}\n`, { mode: 0o600 })
    await grow(real, TEST_LOG_KEY, 611)
    const refused = await monitor(real, state, { cosignKeyFile: strangerFile })
    expect(refused.code).toBe(1)
    expect(refused.result).toMatchObject({ ok: false, kind: 'grew', size: 611, stateSaved: true })
    expect(refused.result.cosignature?.message).toMatch(
      /^COSIGNATURE REFUSED: the log answered HTTP 400: /,
    )
    // It names the key the authority would have to configure to accept it.
    expect(refused.result.cosignature?.message).toContain(cosignatureVerifierKeyOf(stranger))
    expect(stateSize(state)).toBe(611)
  })

  it('says plainly when the server cannot be read', async () => {
    const notFound = await monitor(`${real.server.url}/nowhere/`, path('nowhere.json'))
    expect(notFound.code).toBe(1)
    expect(notFound.result.kind).toBe('unreachable')
    expect(notFound.result.message).toMatch(
      /^UNREACHABLE: http:\/\/127\.0\.0\.1:\d+\/nowhere\/api\/public\/v1\/log\/checkpoint answered HTTP 404/,
    )
    const gone = await startTestServer({ fetch: () => new Response('') })
    await gone.close()
    const closed = await monitor(gone.url, path('closed.json'))
    expect(closed.result.message).toMatch(/^UNREACHABLE: could not fetch .*ECONNREFUSED/)
  })

  it('refuses to run without a pinned log key, or with a witness key', async () => {
    const run = (more: Partial<MonitorCommandOptions>) =>
      logMonitor(() => {}, {
        url: real.server.url,
        stateFile: path('usage.json'),
        json: true,
        ...more,
      })
    await expect(run({ vkey: undefined })).rejects.toThrow(/needs the log key you trust/)
    await expect(run({ vkey: WITNESS_VKEY })).rejects.toThrow(/witness key/)
    await expect(run({ vkey: TEST_LOG_KEY.vkey, url: 'ftp://x' })).rejects.toBeInstanceOf(
      CliUsageError,
    )
    const other = generateKeyPair('another.log/origin').vkey
    await expect(run({ vkey: other, stateFile: path('real.json') })).rejects.toThrow(
      /watches the log test\.glasshouse\/decision-log, but the key you pinned is for another\.log\/origin/,
    )
  })
})
