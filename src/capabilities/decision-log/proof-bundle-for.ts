// Builds the per-licence proof bundle (see verify-proof-bundle.ts for its shape and check): every
// leaf about a reference, each with its inclusion proof against the latest checkpoint, plus the
// checkpoint note and the log's vkey. Shared by the public API and `glasshouse log prove`.
import {
  inclusionProofFor,
  type LogDb,
  latestCheckpoint,
  type StoredCheckpoint,
} from './log-store.ts'
import { formatTlogProof, toBase64 } from './tlog/index.ts'
import { PROOF_BUNDLE_FORMAT, type ProofBundle } from './verify-proof-bundle.ts'

/** At most this many leaves per bundle (a licence has a handful of decisions). */
export const MAX_BUNDLE_LEAVES = 1000

/** bytea comes back as Buffer (pg) or Uint8Array (PGlite); use one shape. */
const plain = (v: Uint8Array): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)

/** The checkpoint as the API shows it. */
export function checkpointJson(
  cp: StoredCheckpoint,
  log: { origin: string; vkey: string },
): {
  size: number
  rootHash: string
  note: string
  signedAt: string
  origin: string
  vkey: string
} {
  return {
    size: cp.size,
    rootHash: toBase64(cp.rootHash),
    note: cp.note,
    signedAt: cp.signedAt.toISOString(),
    origin: log.origin,
    vkey: log.vkey,
  }
}

/** The c2sp.org/tlog-proof@v1 text for one leaf against a checkpoint. */
export async function tlogProofFor(
  db: LogDb,
  index: number,
  cp: StoredCheckpoint,
): Promise<string> {
  const proof = await inclusionProofFor(db, index, cp.size)
  return formatTlogProof({ index, proof, checkpoint: cp.note })
}

/**
 * The proof bundle for `reference`, against the latest checkpoint; undefined when no leaf of
 * the checkpointed tree is about it. The checkpoint is read first and only leaves below its size
 * are taken, so the bundle is consistent without a transaction (the log is append-only).
 */
export async function proofBundleFor(
  db: LogDb,
  reference: string,
  log: { origin: string; vkey: string },
): Promise<ProofBundle | undefined> {
  const cp = await latestCheckpoint(db)
  if (cp === undefined || cp.size === 0) return undefined
  const rows = await db
    .selectFrom('log_leaves')
    .select(['index', 'kind', 'subject', 'leaf', 'leaf_hash', 'appended_at'])
    .where('subject', '=', reference)
    .where('index', '<', cp.size)
    .orderBy('index')
    .limit(MAX_BUNDLE_LEAVES)
    .execute()
  if (rows.length === 0) return undefined
  const leaves = await Promise.all(
    rows.map(async (row) => {
      const index = Number(row.index)
      const proof = await inclusionProofFor(db, index, cp.size)
      return {
        index,
        kind: row.kind,
        subject: row.subject,
        appendedAt: row.appended_at.toISOString(),
        leaf: row.leaf,
        leafHash: toBase64(plain(row.leaf_hash)),
        proof: proof.map(toBase64),
        tlogProof: formatTlogProof({ index, proof, checkpoint: cp.note }),
      }
    }),
  )
  return {
    format: PROOF_BUNDLE_FORMAT,
    reference,
    origin: log.origin,
    vkey: log.vkey,
    checkpoint: {
      size: cp.size,
      rootHash: toBase64(cp.rootHash),
      note: cp.note,
      signedAt: cp.signedAt.toISOString(),
    },
    leaves,
  }
}
