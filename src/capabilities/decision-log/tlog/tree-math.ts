// The shape of an RFC 9162 Merkle tree expressed over *complete* subtrees only, so that a store
// can keep just the nodes that never change once written (as tlog-tiles does) and still answer
// roots, inclusion proofs and consistency proofs with O(log n) reads.
//
// Node coordinates: (level, index) is the complete subtree over leaves
// [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes.
//
// Every range the RFC recursion visits, D[a:a+len], has `a` a multiple of the smallest power of
// two ≥ len (the split point k is the largest power of two < len, and the left part is complete).
// Such a range is the fold, right to left, of the complete nodes given by the binary digits of
// len: MTH(D[0:13]) = H(N(3,0), H(N(2,2), N(0,12))). An incomplete right-hand proof element is
// therefore computed from its complete children rather than stored.
//
// Sizes and indexes are JavaScript numbers (safe integers): the server never reaches 2^53
// decisions. All arithmetic avoids the 32-bit bitwise operators for that reason.
import { emptyRoot, hashChildren, hashLeaf } from './hash.ts'

/** Reads the stored hash of a complete node. Level 0 = leaf hashes. */
export type NodeReader = (level: number, index: number) => Promise<Uint8Array>

export interface NodeRef {
  level: number
  index: number
}

/** A proof element (or root) = the right-to-left fold of these complete nodes. */
export type NodeFold = NodeRef[]

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`)
  }
}

/** k: the largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** The complete nodes covering D[start:start+len], largest first (start aligned, see top). */
export function rangeNodes(start: number, len: number): NodeFold {
  const out: NodeRef[] = []
  let a = start
  let rest = len
  while (rest > 0) {
    let p = 1
    let level = 0
    while (p * 2 <= rest) {
      p *= 2
      level++
    }
    out.push({ level, index: a / p })
    a += p
    rest -= p
  }
  return out
}

/** The nodes whose fold is MTH(D[0:size]); empty for size 0 (root is SHA-256("")). */
export function rootNodes(size: number): NodeFold {
  checkCount('size', size)
  return rangeNodes(0, size)
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]) as folds, leaf → root. */
export function inclusionProofNodes(index: number, size: number): NodeFold[] {
  checkCount('index', index)
  checkCount('size', size)
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`)
  const out: NodeFold[] = []
  const path = (m: number, a: number, len: number): void => {
    if (len === 1) return
    const k = splitPoint(len)
    if (m < k) {
      path(m, a, k)
      out.push(rangeNodes(a + k, len - k))
    } else {
      path(m - k, a + k, len - k)
      out.push(rangeNodes(a, k))
    }
  }
  path(index, 0, size)
  return out
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) as folds; [] when m = n. */
export function consistencyProofNodes(m: number, n: number): NodeFold[] {
  checkCount('m', m)
  checkCount('n', n)
  if (m === 0 || m > n) throw new RangeError(`consistency needs 0 < m ≤ n, got m=${m} n=${n}`)
  const out: NodeFold[] = []
  const subproof = (mm: number, a: number, len: number, b: boolean): void => {
    if (mm === len) {
      if (!b) out.push(rangeNodes(a, len))
      return
    }
    const k = splitPoint(len)
    if (mm <= k) {
      subproof(mm, a, k, b)
      out.push(rangeNodes(a + k, len - k))
    } else {
      subproof(mm - k, a + k, len - k, false)
      out.push(rangeNodes(a, k))
    }
  }
  subproof(m, 0, n, true)
  return out
}

/** Reads the nodes of a fold (concurrently) and folds them right to left. */
export async function readFold(fold: NodeFold, read: NodeReader): Promise<Uint8Array> {
  const hashes = await Promise.all(fold.map((r) => read(r.level, r.index)))
  let acc = hashes.at(-1)
  if (acc === undefined) return emptyRoot()
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i] as Uint8Array, acc)
  return acc
}

// async so that a bad argument rejects the promise rather than throwing synchronously.
export async function rootFromNodes(size: number, read: NodeReader): Promise<Uint8Array> {
  return readFold(rootNodes(size), read)
}

export async function inclusionProof(
  index: number,
  size: number,
  read: NodeReader,
): Promise<Uint8Array[]> {
  return Promise.all(inclusionProofNodes(index, size).map((f) => readFold(f, read)))
}

export async function consistencyProof(
  m: number,
  n: number,
  read: NodeReader,
): Promise<Uint8Array[]> {
  return Promise.all(consistencyProofNodes(m, n).map((f) => readFold(f, read)))
}

/**
 * An in-memory tree keeping only complete nodes, for tests and for building proofs offline
 * (e.g. when `log verify` recomputes the whole tree from the decision records).
 */
export class MemoryTree {
  readonly #levels: Uint8Array[][] = [[]]

  get size(): number {
    return this.#levels[0]?.length ?? 0
  }

  /** Appends a leaf hash, storing every node it completes. Returns the leaf's index. */
  append(leafHash: Uint8Array): number {
    const index = this.size
    let level = 0
    let node = leafHash
    for (;;) {
      const row = this.#levels[level] ?? []
      this.#levels[level] = row
      row.push(node)
      if (row.length % 2 !== 0) break
      node = hashChildren(row[row.length - 2] as Uint8Array, node)
      level++
    }
    return index
  }

  /** Appends raw leaf bytes (hashed with 0x00 prefix). Returns the leaf's index. */
  appendLeaf(leaf: Uint8Array): number {
    return this.append(hashLeaf(leaf))
  }

  /** The stored complete node, or undefined if that node is not (yet) complete. */
  node(level: number, index: number): Uint8Array | undefined {
    return this.#levels[level]?.[index]
  }

  readonly read: NodeReader = async (level, index) => {
    const h = this.node(level, index)
    if (h === undefined) throw new RangeError(`no complete node at level ${level} index ${index}`)
    return h
  }

  async root(size: number = this.size): Promise<Uint8Array> {
    this.#checkSize(size)
    return rootFromNodes(size, this.read)
  }

  async inclusionProof(index: number, size: number = this.size): Promise<Uint8Array[]> {
    this.#checkSize(size)
    return inclusionProof(index, size, this.read)
  }

  async consistencyProof(m: number, n: number = this.size): Promise<Uint8Array[]> {
    this.#checkSize(n)
    return consistencyProof(m, n, this.read)
  }

  #checkSize(size: number): void {
    if (size > this.size) throw new RangeError(`tree has ${this.size} leaves, asked for ${size}`)
  }
}
