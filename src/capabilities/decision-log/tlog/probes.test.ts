// Conformance: the 196 upstream proof probes of transparency-dev/merkle (copied verbatim into
// ../shared/data/tlog, see PROVENANCE.md). Valid probes must verify, every mutation must fail.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import { fromBase64 } from './encoding.ts'
import { verifyConsistency, verifyInclusion } from './verify.ts'

const ROOT = join(SHARED_DATA, 'tlog/transparency-dev-merkle/testdata')
const haveData = existsSync(ROOT)

function walk(dir: string): string[] {
  // File names contain [ ] @: list directories, never glob.
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.json') ? [path] : []
    })
}

type Probe = Record<string, unknown> & { desc: string; wantErr: boolean }

/** Go encodes uint64 sizes as bare JSON numbers (one is 2^64 − 1): keep them exact as bigint. */
function load(path: string): Probe {
  const text = readFileSync(path, 'utf8').replace(
    /("(?:leafIdx|treeSize|size1|size2)":\s*)(\d+)/g,
    '$1"$2"',
  )
  return JSON.parse(text) as Probe
}

const big = (v: unknown): bigint => BigInt(v as string)
const bytes = (v: unknown): Uint8Array => {
  const b = fromBase64(v as string)
  if (b === undefined) throw new Error(`probe holds bad base64 ${String(v)}`)
  return b
}
const proofOf = (v: unknown): Uint8Array[] | null =>
  v === null ? null : (v as string[]).map(bytes)

const inclusion = haveData ? walk(join(ROOT, 'inclusion')) : []
const consistency = haveData ? walk(join(ROOT, 'consistency')) : []
const rel = (p: string) => p.slice(ROOT.length + 1)

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('transparency-dev/merkle proof probes', () => {
  it('has all 196 probes (98 inclusion, 98 consistency)', () => {
    expect(existsSync(ROOT), `${ROOT} is missing`).toBe(true)
    expect(inclusion).toHaveLength(98)
    expect(consistency).toHaveLength(98)
    const valid = [...inclusion, ...consistency].filter((p) => !load(p).wantErr)
    expect(valid).toHaveLength(12)
  })

  it.each(inclusion.map((p) => [rel(p), p]))('inclusion %s', async (_name, path) => {
    const p = load(path)
    const result = await verifyInclusion(
      bytes(p.leafHash),
      big(p.leafIdx),
      big(p.treeSize),
      proofOf(p.proof),
      bytes(p.root),
    )
    expect(result.ok, `${p.desc}: ${result.ok ? 'verified' : result.reason}`).toBe(!p.wantErr)
  })

  it.each(consistency.map((p) => [rel(p), p]))('consistency %s', async (_name, path) => {
    const p = load(path)
    const result = await verifyConsistency(
      big(p.size1),
      big(p.size2),
      proofOf(p.proof),
      bytes(p.root1),
      bytes(p.root2),
    )
    expect(result.ok, `${p.desc}: ${result.ok ? 'verified' : result.reason}`).toBe(!p.wantErr)
  })
})
