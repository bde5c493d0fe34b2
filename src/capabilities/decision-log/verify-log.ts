// `verifyLog`: the whole stored tree recomputed from the leaf bytes, in Node (the database is
// only read, never trusted to hash). Streams in pages of leaves, keeping only the right edge of
// the tree in memory, and reads the next page while it hashes the current one.
//
// Stored hashes come back one string per level and page (`string_agg`), not one row per node:
// at a million leaves the two million node rows, each its own Buffer, cost more than the
// hashing. When a level's run is not whole (a node missing, a hash of the wrong length: only a
// tampered log), that level is read row by row so the problem is named exactly as before.
import { hash as sha256 } from 'node:crypto'
import { sql } from 'kysely'
import { type LogDb, logSize } from './log-store.ts'
import { emptyRoot, HASH_SIZE, hashChildren, verifyCheckpoint } from './tlog/index.ts'

// One-shot hashing into reused buffers: at a million leaves a Hash object per hash costs more
// than the hashing. Same RFC 9162 construction as tlog/hash.ts (0x00 ‖ leaf, 0x01 ‖ l ‖ r).
let leafInput = Buffer.allocUnsafe(64 * 1024)
const nodeInput = Buffer.allocUnsafe(1 + 2 * HASH_SIZE)
nodeInput[0] = 0x01

function leafInputOf(text: string): Buffer {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so this never truncates.
  if (1 + 3 * text.length > leafInput.length) leafInput = Buffer.allocUnsafe(1 + 3 * text.length)
  leafInput[0] = 0x00
  const written = leafInput.write(text, 1, 'utf8')
  return leafInput.subarray(0, 1 + written)
}

function hashLeafText(text: string): Buffer {
  return sha256('sha256', leafInputOf(text), 'buffer')
}

/** A leaf's RFC 9162 hash in lowercase hex, for a caller that hashes leaves for this check. */
export function leafHashHex(text: string): string {
  return sha256('sha256', leafInputOf(text), 'hex')
}

function hashNode(left: Buffer, right: Buffer): Buffer {
  left.copy(nodeInput, 1)
  right.copy(nodeInput, 1 + HASH_SIZE)
  return sha256('sha256', nodeInput, 'buffer')
}
export type LogVerification = { ok: true; size: number } | { ok: false; problem: string }

export interface VerifyLogOptions {
  /** Expected checkpoint origin. */
  origin?: string
  /** Leaves read per query (a power of two is best). Default 4096. */
  pageSize?: number
  /**
   * Leaves of this kind below this index are not read: their stored `leaf_hash` is taken as the
   * leaf's hash, and the caller promises to hash their bytes and compare. `log verify` lets the
   * register check do it for decision leaves, which it reads anyway: read twice, a million
   * leaves cost the tree check more than all its hashing.
   */
  bytesHashedElsewhere?: { kind: string; below: number }
}

type CheckpointRow = { size: number; root_hash: Uint8Array; note: string }
/** `leaf` is null for a leaf whose bytes the caller hashes (bytesHashedElsewhere). */
type LeafRow = { index: number; leaf: string | null }

/** Stored hashes of one level over one page: a whole run, or (tampered) whatever rows exist. */
type StoredRun =
  | { whole: true; lo: number; hashes: Buffer }
  | { whole: false; byIndex: Map<number, Buffer> }

type Page = {
  /** The page's leaves in index order (without those hashed elsewhere, when complete). */
  leaves: LeafRow[]
  /** Every leaf of the page exists (their hashes came back as one whole run). */
  complete: boolean
  /** The `leaf_hash` column of the page's leaves. */
  leafHashes: StoredRun
  /** log_nodes by level. */
  nodes: Map<number, StoredRun>
}

const pow2 = (level: number): number => 2 ** level

function asBuffer(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
}

/**
 * Recomputes the whole log from the stored leaf bytes and checks, in leaf order, every leaf
 * hash, every stored node, and — as soon as the tree reaches its size — every checkpoint's
 * root and signature. (Two checkpoints whose roots are both recomputed from the same leaves
 * are consistent by construction, and every stored node a consistency proof is made of is
 * checked here, so proofs are not fetched again.) Names the first problem found.
 */
export async function verifyLog(
  db: LogDb,
  verifierKeys: readonly string[],
  options: VerifyLogOptions = {},
): Promise<LogVerification> {
  const pageSize = options.pageSize ?? 4096
  if (!Number.isSafeInteger(pageSize) || pageSize <= 0)
    throw new RangeError(`pageSize must be a positive safe integer, got ${pageSize}`)
  const fail = (problem: string): LogVerification => ({ ok: false, problem })

  const size = await logSize(db)
  const counts = await sql<{ leaves: number; nodes: number; max_index: number | null }>`
    select (select count(*) from log_leaves)::bigint as leaves,
           (select count(*) from log_nodes)::bigint as nodes,
           (select max(index) from log_leaves)::bigint as max_index`.execute(db)
  const c = counts.rows[0]
  if (c === undefined) return fail('cannot count the log tables')

  // Checkpoints, streamed by size.
  let checkpoints: CheckpointRow[] = []
  let checkpointCursor = -1
  const nextCheckpoint = async (): Promise<CheckpointRow | undefined> => {
    if (checkpoints.length === 0) {
      checkpoints = await db
        .selectFrom('log_checkpoints')
        .select(['size', 'root_hash', 'note'])
        .where('size', '>', checkpointCursor)
        .orderBy('size')
        .limit(1000)
        .execute()
      const last = checkpoints.at(-1)
      if (last !== undefined) checkpointCursor = Number(last.size)
    }
    return checkpoints.shift()
  }
  let pending = await nextCheckpoint()
  let checkedSize: number | undefined

  // Right edge of the recomputed tree: complete nodes, largest first (= rootNodes(n)).
  const stack: { level: number; hash: Buffer }[] = []
  const edgeRoot = (): Uint8Array => {
    let acc: Uint8Array | undefined = stack.at(-1)?.hash
    if (acc === undefined) return emptyRoot()
    for (let i = stack.length - 2; i >= 0; i--)
      acc = hashChildren((stack[i] as { hash: Buffer }).hash, acc)
    return acc
  }

  const checkCheckpoint = async (row: CheckpointRow): Promise<string | undefined> => {
    const s = Number(row.size)
    const label = `checkpoint ${s}`
    const root = asBuffer(edgeRoot())
    if (!root.equals(asBuffer(row.root_hash)))
      return `${label}: stored root does not match the tree`
    const verified = await verifyCheckpoint(row.note, {
      logKeys: verifierKeys,
      ...(options.origin === undefined ? {} : { origin: options.origin }),
    })
    if (!verified.ok) return `${label}: note does not verify (${verified.reason})`
    if (verified.checkpoint.size !== s)
      return `${label}: note is for size ${verified.checkpoint.size}`
    if (!root.equals(asBuffer(verified.checkpoint.rootHash)))
      return `${label}: note root does not match the tree`
    checkedSize = s
    return undefined
  }

  // A checkpoint for the empty tree, if any.
  while (pending !== undefined && Number(pending.size) === 0) {
    const problem = await checkCheckpoint(pending)
    if (problem !== undefined) return fail(problem)
    pending = await nextCheckpoint()
  }

  const pageAt = (start: number) => {
    if (start >= size) return undefined
    const page = readPage(db, start, Math.min(start + pageSize, size), options.bytesHashedElsewhere)
    // Handled here so a failing read is not reported as unhandled while the page before is
    // still being hashed; awaiting it below still throws.
    page.catch(() => undefined)
    return page
  }
  let next = pageAt(0)
  for (let start = 0; start < size; start += pageSize) {
    const end = Math.min(start + pageSize, size)
    const page = await (next as Promise<Page>)
    next = pageAt(end)
    // Leave no read of the next page unawaited if this one fails.
    const failPage = async (problem: string) => {
      await next?.catch(() => undefined)
      return fail(problem)
    }

    // Rows come in index order; with bytesHashedElsewhere, a complete page leaves out the
    // leaves whose bytes the caller hashes, and the stored hash stands in for them.
    let at = 0
    for (let index = start; index < end; index++) {
      const row = page.leaves[at]
      let leafHash: Buffer
      if (row !== undefined && Number(row.index) === index) {
        at++
        if (row.leaf === null) {
          const stored = storedAt(page.leafHashes, index)
          if (stored === undefined) return failPage(`leaf ${index}: stored hash missing`)
          leafHash = stored
        } else {
          leafHash = hashLeafText(row.leaf)
          if (!storedEquals(page.leafHashes, index, leafHash))
            return failPage(`leaf ${index}: stored hash does not match its bytes`)
        }
      } else if (page.complete && page.leafHashes.whole) {
        leafHash = storedAt(page.leafHashes, index) as Buffer
      } else return failPage(`leaf ${index}: missing`)
      let problem = checkNode(page.nodes, 0, index, leafHash)
      if (problem !== undefined) return failPage(problem)
      stack.push({ level: 0, hash: leafHash })
      for (;;) {
        const right = stack.at(-1)
        const left = stack.at(-2)
        if (right === undefined || left === undefined || left.level !== right.level) break
        stack.length -= 2
        const level = right.level + 1
        const hash = hashNode(left.hash, right.hash)
        problem = checkNode(page.nodes, level, Math.floor(index / pow2(level)), hash)
        if (problem !== undefined) return failPage(problem)
        stack.push({ level, hash })
      }
      const treeSize = index + 1
      while (pending !== undefined && Number(pending.size) <= treeSize) {
        if (Number(pending.size) < treeSize)
          return failPage(`checkpoint ${pending.size}: out of order`)
        problem = await checkCheckpoint(pending)
        if (problem !== undefined) return failPage(problem)
        pending = await nextCheckpoint()
      }
    }
    if (at !== page.leaves.length) return failPage(`leaf ${end}: out of order`)
  }

  if (pending !== undefined) return fail(`checkpoint ${pending.size}: beyond the log size ${size}`)
  if (Number(c.leaves) !== size || (c.max_index !== null && Number(c.max_index) >= size))
    return fail(`log_leaves holds ${c.leaves} rows for a log of size ${size}`)
  let expectedNodes = 0
  for (let level = 0; pow2(level) <= size; level++) expectedNodes += Math.floor(size / pow2(level))
  if (Number(c.nodes) !== expectedNodes)
    return fail(`log_nodes holds ${c.nodes} rows, a log of size ${size} has ${expectedNodes}`)
  if (size > 0 && checkedSize !== size) return fail(`no checkpoint for the log size ${size}`)
  return { ok: true, size }
}

function checkNode(
  nodes: Map<number, StoredRun>,
  level: number,
  index: number,
  hash: Buffer,
): string | undefined {
  const run = nodes.get(level)
  if (run === undefined || (!run.whole && !run.byIndex.has(index)))
    return `node ${level}/${index}: missing`
  if (storedEquals(run, index, hash)) return undefined
  return level === 0
    ? `node 0/${index}: stored hash does not match leaf ${index}`
    : `node ${level}/${index}: stored hash does not match its children`
}

function storedEquals(run: StoredRun, index: number, hash: Buffer): boolean {
  if (run.whole) {
    const at = (index - run.lo) * HASH_SIZE
    return run.hashes.compare(hash, 0, HASH_SIZE, at, at + HASH_SIZE) === 0
  }
  const stored = run.byIndex.get(index)
  return stored?.equals(hash) === true
}

function storedAt(run: StoredRun, index: number): Buffer | undefined {
  if (!run.whole) return run.byIndex.get(index)
  const at = (index - run.lo) * HASH_SIZE
  return run.hashes.subarray(at, at + HASH_SIZE)
}

/** Ranges of the nodes completed by leaves start … end − 1: node (L, i) completes at leaf (i+1)·2^L − 1. */
function nodeRanges(start: number, end: number): { level: number; lo: number; hi: number }[] {
  const ranges = []
  for (let level = 0; pow2(level) <= end; level++) {
    const lo = Math.ceil((start + 1) / pow2(level)) - 1
    const hi = Math.floor(end / pow2(level)) - 1
    if (lo <= hi) ranges.push({ level, lo, hi })
  }
  return ranges
}

type RunRow = { level: number; lo: number; n: number; whole: boolean; hashes: Uint8Array }

async function readPage(
  db: LogDb,
  start: number,
  end: number,
  elsewhere: VerifyLogOptions['bytesHashedElsewhere'],
): Promise<Page> {
  const ranges = nodeRanges(start, end)
  // Leaves hashed elsewhere are left out of the rows, as long as the run of stored hashes shows
  // the page complete; otherwise every row is read so that a gap is named exactly.
  const leafRun = await sql<RunRow>`
      select 0 as level, min(index)::bigint as lo, count(*)::bigint as n,
             bool_and(length(leaf_hash) = ${HASH_SIZE}) as whole,
             string_agg(leaf_hash, ''::bytea order by index) as hashes
      from log_leaves where index >= ${start} and index < ${end}`.execute(db)
  const leafRow = leafRun.rows[0]
  const complete = isWhole(leafRow, start, end - 1)
  const skipped = elsewhere
    ? sql`kind = ${elsewhere.kind} and index < ${elsewhere.below}`
    : sql`false`
  const [leaves, nodeRuns] = await Promise.all([
    complete
      ? sql<LeafRow>`
          select index, leaf from log_leaves
          where index >= ${start} and index < ${end} and not (${skipped}) order by index`.execute(
          db,
        )
      : sql<LeafRow>`
          select index, case when ${skipped} then null else leaf end as leaf from log_leaves
          where index >= ${start} and index < ${end} order by index`.execute(db),
    sql<RunRow>`
      select level, min(index)::bigint as lo, count(*)::bigint as n,
             bool_and(length(hash) = ${HASH_SIZE}) as whole,
             string_agg(hash, ''::bytea order by index) as hashes
      from log_nodes
      where ${sql.join(
        ranges.map((r) => sql`(level = ${r.level} and index between ${r.lo} and ${r.hi})`),
        sql` or `,
      )}
      group by level`.execute(db),
  ])
  const nodes = new Map<number, StoredRun>()
  for (const { level, lo, hi } of ranges) {
    const row = nodeRuns.rows.find((r) => Number(r.level) === level)
    nodes.set(
      level,
      isWhole(row, lo, hi)
        ? { whole: true, lo, hashes: asBuffer(row.hashes) }
        : await readRows(db, 'log_nodes', level, lo, hi),
    )
  }
  return {
    leaves: leaves.rows,
    complete,
    leafHashes: complete
      ? { whole: true, lo: start, hashes: asBuffer(leafRow.hashes) }
      : await readRows(db, 'log_leaves', 0, start, end - 1),
    nodes,
  }
}

function isWhole(row: RunRow | undefined, lo: number, hi: number): row is RunRow {
  return (
    row !== undefined &&
    row.whole === true &&
    Number(row.lo) === lo &&
    Number(row.n) === hi - lo + 1 &&
    row.hashes.byteLength === (hi - lo + 1) * HASH_SIZE
  )
}

/** The slow path, for a tampered run: the rows that exist, one by one. */
async function readRows(
  db: LogDb,
  table: 'log_nodes' | 'log_leaves',
  level: number,
  lo: number,
  hi: number,
): Promise<StoredRun> {
  const rows =
    table === 'log_nodes'
      ? await sql<{ index: number; hash: Uint8Array }>`
          select index, hash from log_nodes
          where level = ${level} and index between ${lo} and ${hi}`.execute(db)
      : await sql<{ index: number; hash: Uint8Array }>`
          select index, leaf_hash as hash from log_leaves
          where index between ${lo} and ${hi}`.execute(db)
  return {
    whole: false,
    byIndex: new Map(rows.rows.map((r) => [Number(r.index), asBuffer(r.hash)])),
  }
}
