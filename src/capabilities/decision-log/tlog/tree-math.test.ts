// The complete-node tree against a naive RFC 9162 MTH, and every proof it generates (all sizes
// up to 64) against the independent verifier.
import { describe, expect, it } from 'vitest'
import { toHex } from './encoding.ts'
import { emptyRoot, hashChildren, hashLeaf } from './hash.ts'
import {
  consistencyProof,
  inclusionProof,
  MemoryTree,
  type NodeReader,
  rootNodes,
  splitPoint,
} from './tree-math.ts'
import { verifyConsistency, verifyInclusion } from './verify.ts'

const MAX = 64
const leaves = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(`leaf ${i}`))

/** RFC 9162 §2.1.1 verbatim: MTH(D[n]) = H(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])). */
function naiveMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return emptyRoot()
  if (d.length === 1) return hashLeaf(d[0] as Uint8Array)
  const k = splitPoint(d.length)
  return hashChildren(naiveMth(d.slice(0, k)), naiveMth(d.slice(k)))
}

function treeOf(n: number): MemoryTree {
  const tree = new MemoryTree()
  for (const leaf of leaves.slice(0, n)) tree.appendLeaf(leaf)
  return tree
}

describe('MemoryTree', () => {
  const tree = treeOf(MAX)

  it('has the naive MTH as root for every size 0..64 (read back at any later size too)', async () => {
    for (let n = 0; n <= MAX; n++) {
      expect(toHex(await tree.root(n)), `size ${n}`).toBe(toHex(naiveMth(leaves.slice(0, n))))
      expect(toHex(await treeOf(n).root()), `fresh size ${n}`).toBe(
        toHex(naiveMth(leaves.slice(0, n))),
      )
    }
  })

  it('keeps only complete nodes', () => {
    const t = treeOf(13)
    expect(t.node(3, 0)).toBeDefined()
    expect(t.node(3, 1)).toBeUndefined()
    expect(t.node(2, 2)).toBeDefined()
    expect(t.node(2, 3)).toBeUndefined()
    expect(t.node(0, 12)).toBeDefined()
    expect(rootNodes(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ])
  })

  it('gives inclusion proofs that verify for every index of every size up to 64', async () => {
    let count = 0
    for (let n = 1; n <= MAX; n++) {
      const root = await tree.root(n)
      for (let i = 0; i < n; i++) {
        const proof = await tree.inclusionProof(i, n)
        const r = await verifyInclusion(hashLeaf(leaves[i] as Uint8Array), i, n, proof, root)
        expect(r, `index ${i} size ${n}`).toEqual({ ok: true })
        count++
      }
    }
    expect(count).toBe((MAX * (MAX + 1)) / 2)
  })

  it('gives consistency proofs that verify for every 0 < m ≤ n ≤ 64', async () => {
    const roots = await Promise.all(Array.from({ length: MAX + 1 }, (_, n) => tree.root(n)))
    let count = 0
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await tree.consistencyProof(m, n)
        const r = await verifyConsistency(
          m,
          n,
          proof,
          roots[m] as Uint8Array,
          roots[n] as Uint8Array,
        )
        expect(r, `m ${m} n ${n}`).toEqual({ ok: true })
        count++
      }
    }
    expect(count).toBe((MAX * (MAX + 1)) / 2)
  })

  it('needs O(log n) node reads per proof', async () => {
    const n = 1000
    const big = treeOf(n)
    let reads = 0
    const counting: NodeReader = (level, index) => {
      reads++
      return big.read(level, index)
    }
    const bound = 2 * Math.ceil(Math.log2(n)) + 1
    for (let i = 0; i < n; i += 7) {
      reads = 0
      await inclusionProof(i, n, counting)
      expect(reads, `inclusion ${i}`).toBeLessThanOrEqual(bound)
    }
    for (let m = 1; m <= n; m += 7) {
      reads = 0
      await consistencyProof(m, n, counting)
      expect(reads, `consistency ${m}`).toBeLessThanOrEqual(bound)
    }
  })

  it('refuses impossible requests', async () => {
    await expect(tree.inclusionProof(MAX, MAX)).rejects.toThrow(RangeError)
    await expect(tree.consistencyProof(0, 3)).rejects.toThrow(RangeError)
    await expect(tree.consistencyProof(5, 3)).rejects.toThrow(RangeError)
    await expect(tree.root(MAX + 1)).rejects.toThrow(RangeError)
    expect(await tree.consistencyProof(7, 7)).toEqual([])
  })
})
