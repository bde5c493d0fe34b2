// The database-backed decision log: leaves, every complete Merkle node and every signed
// checkpoint, in append-only tables (migration 2026_11_28_1800_create_decision_log).
//
// Nodes: (level, index) is the complete subtree over leaves [index·2^level, (index+1)·2^level);
// level 0 holds the leaf hashes. A node is written once, when its last leaf is appended, and
// never changes, so roots and proofs are folds of stored nodes (see tlog/tree-math.ts) and a
// proof costs one query.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/schema.ts'
import {
  consistencyProofNodes,
  hashChildren,
  hashLeaf,
  inclusionProofNodes,
  type NodeFold,
  type NodeReader,
  type NodeRef,
  readFold,
  rootFromNodes,
  rootNodes,
  type Signer,
  signCheckpoint,
  toHex,
} from './tlog/index.ts'

/** A database handle or a transaction on it (both are Kysely<Database>). */
export type LogDb = Kysely<Database>

export interface NewLogLeaf {
  /** What the leaf records, e.g. 'decision', 'policy-change', 'report'. */
  kind: string
  /** What it is about, e.g. an application reference or a policy version. */
  subject: string
  /** The exact bytes to log (UTF-8, no NUL) or the canonical JSON string they encode. */
  leaf: Uint8Array | string
}

export interface StoredCheckpoint {
  size: number
  rootHash: Uint8Array
  /** The signed C2SP checkpoint note. */
  note: string
  signedAt: Date
}

export interface StoredLeaf {
  index: number
  kind: string
  subject: string
  /** The logged text (canonical JSON). */
  leaf: string
  /** Its UTF-8 bytes: the bytes that were hashed. */
  bytes: Uint8Array
  leafHash: Uint8Array
  appendedAt: Date
}

export interface AppendResult {
  /** Index of the batch's first leaf; the others follow consecutively. */
  firstIndex: number
  /** The new tree size. */
  size: number
  /** Leaf hashes of the batch, in order. */
  leafHashes: Uint8Array[]
  /** The checkpoint signed for the new size. */
  checkpoint: StoredCheckpoint
}

const INSERT_CHUNK = 5000
const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

const key = (level: number, index: number): string => `${level}/${index}`

/** bytea comes back as Buffer (pg) or Uint8Array (PGlite); use one shape. */
function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}

function leafText(
  leaf: Uint8Array | string,
  position: number,
): { text: string; bytes: Uint8Array } {
  const bad = (why: string) => new TypeError(`leaf ${position} of the batch ${why}`)
  let text: string
  let raw: Uint8Array
  if (typeof leaf === 'string') {
    text = leaf
    raw = encoder.encode(leaf)
    if (strictDecoder.decode(raw) !== leaf) throw bad('is not well-formed Unicode')
  } else {
    raw = leaf
    try {
      text = strictDecoder.decode(leaf)
    } catch {
      throw bad('is not valid UTF-8')
    }
  }
  if (text.includes('\0')) throw bad('contains a NUL character, which a text column cannot hold')
  return { text, bytes: raw }
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`)
  }
}

/** 2^level as a number (no 32-bit shifts). */
const pow2 = (level: number): number => 2 ** level

/** Reads the given nodes in one query. Missing nodes are simply absent from the map. */
export async function readNodes(
  db: LogDb,
  refs: readonly NodeRef[],
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  const unique = new Map<string, NodeRef>()
  for (const r of refs) unique.set(key(r.level, r.index), r)
  if (unique.size === 0) return out
  const list = [...unique.values()]
  const levels = list.map((r) => r.level)
  const indexes = list.map((r) => r.index)
  const result = await sql<{ level: number; index: number; hash: Uint8Array }>`
    select n.level, n.index, n.hash
    from log_nodes n
    join unnest(${levels}::int[], ${indexes}::bigint[]) as r(level, idx)
      on n.level = r.level and n.index = r.idx`.execute(db)
  for (const row of result.rows) out.set(key(row.level, Number(row.index)), bytes(row.hash))
  return out
}

function mapReader(nodes: Map<string, Uint8Array>): NodeReader {
  return async (level, index) => {
    const hash = nodes.get(key(level, index))
    if (hash === undefined) {
      throw new RangeError(`the log has no complete node at level ${level} index ${index}`)
    }
    return hash
  }
}

/** A NodeReader over log_nodes, one query per node not yet seen by this reader. */
export function makeNodeReader(db: LogDb): NodeReader {
  const cache = new Map<string, Uint8Array>()
  return async (level, index) => {
    const k = key(level, index)
    const cached = cache.get(k)
    if (cached !== undefined) return cached
    const row = await db
      .selectFrom('log_nodes')
      .select('hash')
      .where('level', '=', level)
      .where('index', '=', index)
      .executeTakeFirst()
    if (row === undefined) {
      throw new RangeError(`the log has no complete node at level ${level} index ${index}`)
    }
    const hash = bytes(row.hash)
    cache.set(k, hash)
    return hash
  }
}

/** Folds proof elements from nodes read in one query. */
async function foldsFromDb(db: LogDb, folds: NodeFold[]): Promise<Uint8Array[]> {
  const read = mapReader(await readNodes(db, folds.flat()))
  return Promise.all(folds.map((f) => readFold(f, read)))
}

/** RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves (one query). */
export async function inclusionProofFor(
  db: LogDb,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  return foldsFromDb(db, inclusionProofNodes(index, size))
}

/** RFC 9162 consistency proof from size m to size n (one query). */
export async function consistencyProofFor(db: LogDb, m: number, n: number): Promise<Uint8Array[]> {
  return foldsFromDb(db, consistencyProofNodes(m, n))
}

/** The root of the tree of `size` leaves, from stored nodes (one query). */
export async function rootAt(db: LogDb, size: number): Promise<Uint8Array> {
  return rootFromNodes(size, mapReader(await readNodes(db, rootNodes(size))))
}

type CheckpointRow = { size: number; root_hash: Uint8Array; note: string; signed_at: Date }

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    size: Number(row.size),
    rootHash: bytes(row.root_hash),
    note: row.note,
    signedAt: row.signed_at,
  }
}

export async function latestCheckpoint(db: LogDb): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('log_checkpoints')
    .selectAll()
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? undefined : toCheckpoint(row)
}

export async function checkpointAt(db: LogDb, size: number): Promise<StoredCheckpoint | undefined> {
  checkCount('size', size)
  const row = await db
    .selectFrom('log_checkpoints')
    .selectAll()
    .where('size', '=', size)
    .executeTakeFirst()
  return row === undefined ? undefined : toCheckpoint(row)
}

export async function leafAt(db: LogDb, index: number): Promise<StoredLeaf | undefined> {
  checkCount('index', index)
  const row = await db
    .selectFrom('log_leaves')
    .selectAll()
    .where('index', '=', index)
    .executeTakeFirst()
  if (row === undefined) return undefined
  return {
    index: Number(row.index),
    kind: row.kind,
    subject: row.subject,
    leaf: row.leaf,
    bytes: encoder.encode(row.leaf),
    leafHash: bytes(row.leaf_hash),
    appendedAt: row.appended_at,
  }
}

/** The current tree size (log_state). */
export async function logSize(db: LogDb): Promise<number> {
  const row = await db
    .selectFrom('log_state')
    .select('size')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.size)
}

/**
 * Appends a batch of leaves inside the caller's transaction and signs one checkpoint for the
 * new size. Locks log_state, so concurrent appends serialise; if the transaction rolls back,
 * nothing of the batch remains.
 */
export async function appendLeaves(
  trx: Transaction<Database>,
  signer: Signer,
  origin: string,
  leaves: readonly NewLogLeaf[],
  at: Date,
): Promise<AppendResult> {
  if (leaves.length === 0) throw new RangeError('appendLeaves needs at least one leaf')
  const prepared = leaves.map((l, i) => {
    const { text, bytes: raw } = leafText(l.leaf, i)
    return { kind: l.kind, subject: l.subject, text, leafHash: hashLeaf(raw) }
  })
  const state = await trx
    .selectFrom('log_state')
    .select('size')
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const oldSize = Number(state.size)
  const newSize = oldSize + prepared.length
  checkCount('new tree size', newSize)

  // The right edge of the old tree (its root nodes) holds every old node a new node can need as
  // a left sibling; read it in one query (at most log2 n rows).
  const known = await readNodes(trx, rootNodes(oldSize))
  for (const r of rootNodes(oldSize)) {
    if (!known.has(key(r.level, r.index))) {
      throw new Error(`decision log is damaged: node ${r.level}/${r.index} is missing`)
    }
  }

  // Every node completed by this batch, level by level: at level L the new complete nodes are
  // indexes floor(old/2^L) … floor(new/2^L) − 1, each the hash of its two children at L − 1.
  const newNodes: { level: number; index: number; hash: Uint8Array }[] = []
  prepared.forEach((p, i) => {
    known.set(key(0, oldSize + i), p.leafHash)
    newNodes.push({ level: 0, index: oldSize + i, hash: p.leafHash })
  })
  for (let level = 1; pow2(level) <= newSize; level++) {
    const first = Math.floor(oldSize / pow2(level))
    const end = Math.floor(newSize / pow2(level))
    for (let index = first; index < end; index++) {
      const left = known.get(key(level - 1, 2 * index))
      const right = known.get(key(level - 1, 2 * index + 1))
      if (left === undefined || right === undefined) {
        throw new Error(`internal error: children of node ${level}/${index} not at hand`)
      }
      const hash = hashChildren(left, right)
      known.set(key(level, index), hash)
      newNodes.push({ level, index, hash })
    }
  }
  const rootHash = await rootFromNodes(newSize, mapReader(known))
  const note = signCheckpoint({ origin, size: newSize, rootHash, extensions: [] }, [signer])

  for (let start = 0; start < prepared.length; start += INSERT_CHUNK) {
    const chunk = prepared.slice(start, start + INSERT_CHUNK)
    await sql`
      insert into log_leaves (index, kind, subject, leaf, leaf_hash, appended_at)
      select i, k, s, l, decode(h, 'hex'), ${at}::timestamptz
      from unnest(
        ${chunk.map((_, j) => oldSize + start + j)}::bigint[],
        ${chunk.map((p) => p.kind)}::text[],
        ${chunk.map((p) => p.subject)}::text[],
        ${chunk.map((p) => p.text)}::text[],
        ${chunk.map((p) => toHex(p.leafHash))}::text[]
      ) as t(i, k, s, l, h)`.execute(trx)
  }
  for (let start = 0; start < newNodes.length; start += INSERT_CHUNK) {
    const chunk = newNodes.slice(start, start + INSERT_CHUNK)
    await sql`
      insert into log_nodes (level, index, hash)
      select lv, i, decode(h, 'hex')
      from unnest(
        ${chunk.map((n) => n.level)}::int[],
        ${chunk.map((n) => n.index)}::bigint[],
        ${chunk.map((n) => toHex(n.hash))}::text[]
      ) as t(lv, i, h)`.execute(trx)
  }
  await trx
    .insertInto('log_checkpoints')
    .values({ size: newSize, root_hash: Buffer.from(rootHash), note, signed_at: at })
    .execute()
  await trx.updateTable('log_state').set({ size: newSize }).where('id', '=', 1).execute()
  return {
    firstIndex: oldSize,
    size: newSize,
    leafHashes: prepared.map((p) => p.leafHash),
    checkpoint: { size: newSize, rootHash, note, signedAt: at },
  }
}
