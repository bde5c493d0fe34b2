import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateKeyPair, hashLeaf, parseSignerKey, signCheckpoint } from '../tlog/index.ts'
import { EMPTY_RANGE, extendRange, rangeRoot } from './compact-range.ts'
import {
  type MonitorState,
  MonitorStateError,
  readMonitorState,
  writeMonitorState,
} from './monitor-state.ts'

const ORIGIN = 'state.test/log'
const { skey, vkey } = generateKeyPair(ORIGIN)

function stateOf(size: number): MonitorState {
  const leaves = Array.from({ length: size }, (_, i) => hashLeaf(new TextEncoder().encode(`${i}`)))
  const range = extendRange(EMPTY_RANGE, leaves)
  const rootHash = rangeRoot(range)
  const checkpoint = signCheckpoint({ origin: ORIGIN, size, rootHash, extensions: [] }, [
    parseSignerKey(skey),
  ])
  return {
    origin: ORIGIN,
    vkey,
    url: 'http://127.0.0.1:1/',
    size,
    rootHash,
    checkpoint,
    range,
    verifiedAt: new Date('2026-12-01T10:00:00.000Z'),
  }
}

describe('monitor state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monitor-state-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is absent on a first run, and reads back what was written (mode 0600)', async () => {
    const path = join(dir, 'state.json')
    expect(await readMonitorState(path)).toBeUndefined()
    await writeMonitorState(path, stateOf(13))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await readMonitorState(path)).toEqual(stateOf(13))
    await writeMonitorState(path, stateOf(300))
    expect(await readMonitorState(path)).toEqual(stateOf(300))
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('refuses a file that does not vouch for itself, and leaves it alone', async () => {
    const path = join(dir, 'edited.json')
    await writeMonitorState(path, stateOf(13))
    const json = JSON.parse(readFileSync(path, 'utf8'))
    const cases: [string, (j: typeof json) => unknown, RegExp][] = [
      ['size edited', (j) => ({ ...j, size: 12 }), /compact range does not lead to its root/],
      ['range dropped', (j) => ({ ...j, compactRange: [] }), /compact range/],
      [
        'checkpoint of another tree',
        (j) => ({ ...j, checkpoint: stateOf(12).checkpoint }),
        /checkpoint does not match/,
      ],
      ['not a state', () => ({ hello: 'world' }), /not a usable monitor state \(format/],
    ]
    for (const [, edit, message] of cases) {
      const text = JSON.stringify(edit(json))
      writeFileSync(path, text)
      await expect(readMonitorState(path)).rejects.toThrow(message)
      await expect(readMonitorState(path)).rejects.toBeInstanceOf(MonitorStateError)
      expect(readFileSync(path, 'utf8')).toBe(text)
    }
    writeFileSync(path, '{')
    await expect(readMonitorState(path)).rejects.toThrow(/not JSON/)
  })

  it('says so when it cannot write, and keeps the old state', async () => {
    const path = join(dir, 'kept.json')
    await writeMonitorState(path, stateOf(5))
    await expect(
      writeMonitorState(join(dir, 'no-such-dir', 'state.json'), stateOf(6)),
    ).rejects.toThrow(/cannot write .*no-such-dir/)
    expect((await readMonitorState(path))?.size).toBe(5)
  })
})
