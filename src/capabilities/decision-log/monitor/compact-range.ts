// The right edge of an RFC 9162 tree: the hashes of the complete subtrees that make up the first
// `size` leaves (tree-math.ts `rootNodes(size)`, largest first). It is all a monitor has to keep
// to extend the tree with new leaves and recompute every later root, so a second run need not
// fetch the leaves it has already checked (a "compact range" in transparency-dev/merkle).
import { emptyRoot, HASH_SIZE, hashChildren } from '../tlog/index.ts'

export interface CompactRange {
  size: number
  /** One hash per binary 1 of `size`, for subtrees of decreasing width. */
  hashes: Uint8Array[]
}

export const EMPTY_RANGE: CompactRange = { size: 0, hashes: [] }

/** The range with `leafHashes` appended (a new object; the old one is left as it was). */
export function extendRange(range: CompactRange, leafHashes: readonly Uint8Array[]): CompactRange {
  const hashes = [...range.hashes]
  let size = range.size
  for (const leafHash of leafHashes) {
    // Each trailing 1 bit of the size is a subtree the new leaf completes: merge it in.
    let node = leafHash
    for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
      node = hashChildren(hashes.pop() as Uint8Array, node)
    }
    hashes.push(node)
    size++
  }
  return { size, hashes }
}

/** MTH of the first `size` leaves: the subtree hashes folded right to left. */
export function rangeRoot(range: CompactRange): Uint8Array {
  let acc = range.hashes.at(-1)
  if (acc === undefined) return emptyRoot()
  for (let i = range.hashes.length - 2; i >= 0; i--) {
    acc = hashChildren(range.hashes[i] as Uint8Array, acc)
  }
  return acc
}

/** True when the range has one 32-byte hash per binary 1 of its size (what a stored one needs). */
export function isWellFormedRange(range: CompactRange): boolean {
  if (!Number.isSafeInteger(range.size) || range.size < 0) return false
  let ones = 0
  for (let s = range.size; s > 0; s = Math.floor(s / 2)) ones += s % 2
  return range.hashes.length === ones && range.hashes.every((h) => h.length === HASH_SIZE)
}
