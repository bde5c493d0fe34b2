import { describe, expect, it } from 'vitest'
import { hashLeaf, MemoryTree, rootNodes } from '../tlog/index.ts'
import { EMPTY_RANGE, extendRange, isWellFormedRange, rangeRoot } from './compact-range.ts'

const leaf = (i: number) => hashLeaf(new TextEncoder().encode(`leaf ${i}`))

describe('compact range', () => {
  it('gives the RFC 9162 root of every size, whatever the batches it was extended in', async () => {
    const tree = new MemoryTree()
    let oneByOne = EMPTY_RANGE
    expect(rangeRoot(oneByOne)).toEqual(await tree.root(0))
    for (let i = 0; i < 70; i++) {
      tree.append(leaf(i))
      oneByOne = extendRange(oneByOne, [leaf(i)])
      expect(rangeRoot(oneByOne)).toEqual(await tree.root())
      expect(isWellFormedRange(oneByOne)).toBe(true)
    }
    // Batches of odd sizes land on the same edge: the hashes ARE the tree's root nodes.
    let batched = EMPTY_RANGE
    for (const [from, to] of [
      [0, 3],
      [3, 4],
      [4, 37],
      [37, 70],
    ] as const) {
      batched = extendRange(
        batched,
        Array.from({ length: to - from }, (_, k) => leaf(from + k)),
      )
    }
    expect(batched).toEqual(oneByOne)
    expect(batched.hashes).toEqual(rootNodes(70).map((n) => tree.node(n.level, n.index)))
  })

  it('leaves the range it extends untouched', () => {
    const three = extendRange(EMPTY_RANGE, [leaf(0), leaf(1), leaf(2)])
    const copy = { size: three.size, hashes: [...three.hashes] }
    extendRange(three, [leaf(3)])
    expect(three).toEqual(copy)
  })

  it('refuses a range whose hashes do not fit its size', () => {
    const five = extendRange(EMPTY_RANGE, [0, 1, 2, 3, 4].map(leaf))
    expect(isWellFormedRange(five)).toBe(true)
    expect(isWellFormedRange({ size: 6, hashes: five.hashes })).toBe(true)
    expect(isWellFormedRange({ size: 7, hashes: five.hashes })).toBe(false)
    expect(isWellFormedRange({ size: 5, hashes: [five.hashes[0] as Uint8Array] })).toBe(false)
    expect(isWellFormedRange({ size: 1, hashes: [new Uint8Array(31)] })).toBe(false)
  })
})
