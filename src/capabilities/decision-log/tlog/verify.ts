// The standalone verifier: what a member of the public (or the portal, in a browser) runs to
// check that a decision is in the log and that the log's history was never rewritten.
// Browser-safe on purpose: it and everything it imports use only sibling format modules, Web
// Crypto (globalThis.crypto.subtle) for SHA-256 and Ed25519, and TextEncoder — no Node APIs.
// Every exported function resolves to a result saying what failed; none throws or rejects.
//   verify-proofs.ts  Merkle inclusion and consistency proofs, async SHA-256 hashing
//   verify-note.ts    verifier keys, signed notes, checkpoints (log signature, witness quorum)
//   verify-bundle.ts  inclusion in a signed checkpoint, c2sp.org/tlog-proof@v1 bundles
export {
  type TlogProofVerification,
  verifyInclusionInCheckpoint,
  verifyTlogProof,
} from './verify-bundle.ts'
export {
  type CheckpointPolicy,
  type CheckpointVerification,
  computeKeyId,
  type NoteVerification,
  parseVerifierKey,
  type VerifiedCheckpoint,
  type VerifiedSignature,
  type VerifierKey,
  verifyCheckpoint,
  verifyNote,
} from './verify-note.ts'
export {
  hashChildrenAsync,
  hashLeafAsync,
  rootFromInclusionProof,
  sha256,
  type Verification,
  verifyConsistency,
  verifyInclusion,
} from './verify-proofs.ts'
