// Proving a leaf against a signed checkpoint: an inclusion proof checked against the checkpoint's
// root once its signatures (and witness quorum) pass, and the offline c2sp.org/tlog-proof@v1
// bundle that carries both. Browser-safe, like the rest of the verifier.
import { parseTlogProof, type TlogProof } from './proof-bundle.ts'
import { fail, guard, type Result } from './result.ts'
import {
  type CheckpointPolicy,
  type CheckpointVerification,
  type VerifiedCheckpoint,
  verifyCheckpoint,
} from './verify-note.ts'
import { verifyInclusion } from './verify-proofs.ts'

export type TlogProofVerification =
  | (VerifiedCheckpoint & { index: number; extra?: Uint8Array })
  | { ok: false; reason: string }

/** Is `leafHash` at `index` of the tree the signed checkpoint commits to? */
export async function verifyInclusionInCheckpoint(
  leafHash: Uint8Array,
  index: number | bigint,
  proof: readonly Uint8Array[] | null,
  checkpoint: string | Uint8Array,
  policy: CheckpointPolicy,
): Promise<CheckpointVerification> {
  const cp = await verifyCheckpoint(checkpoint, policy)
  if (!cp.ok) return cp
  const inc = await verifyInclusion(
    leafHash,
    index,
    cp.checkpoint.size,
    proof,
    cp.checkpoint.rootHash,
  )
  return inc.ok ? cp : inc
}

/** Verifies a c2sp.org/tlog-proof@v1 bundle for the leaf with this hash. */
export async function verifyTlogProof(
  text: string,
  leafHash: Uint8Array,
  policy: CheckpointPolicy,
): Promise<TlogProofVerification> {
  const bundle = await guard<Result<TlogProof>>(
    'proof bundle check',
    async () => parseTlogProof(text),
    fail,
  )
  if (!bundle.ok) return bundle
  const { index, extra, proof, checkpoint } = bundle.value
  const cp = await verifyInclusionInCheckpoint(leafHash, index, proof, checkpoint, policy)
  if (!cp.ok) return cp
  return extra === undefined ? { ...cp, index } : { ...cp, index, extra }
}
