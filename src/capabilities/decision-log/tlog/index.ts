// Public API of the transparency-log library. verify.ts (with the verify-*.ts files it re-exports
// and the format modules they import) is browser-safe; hash.ts, tree-math.ts, sign.ts and leaf.ts
// use node:crypto.
export {
  type Checkpoint,
  type CheckpointParseOptions,
  formatCheckpoint,
  parseCheckpoint,
} from './checkpoint.ts'
export { bytesEqual, fromBase64, fromHex, toBase64, toHex } from './encoding.ts'
export { emptyRoot, HASH_SIZE, hashChildren, hashLeaf } from './hash.ts'
export {
  canonicalJson,
  commit,
  type JsonObject,
  type JsonValue,
  type Leaf,
  makeLeaf,
  newSalt,
  openCommitment,
  SALT_BYTES,
} from './leaf.ts'
export {
  cosignatureMessage,
  formatNote,
  formatSignatureLine,
  isValidKeyName,
  KEY_TYPE_COSIGNATURE_V1,
  KEY_TYPE_ED25519,
  MAX_SIGNATURES,
  type Note,
  type NoteSignature,
  parseNote,
} from './note.ts'
export {
  formatTlogProof,
  parseTlogProof,
  TLOG_PROOF_HEADER,
  type TlogProof,
} from './proof-bundle.ts'
export type { Result } from './result.ts'
export {
  cosignatureVerifierKeyOf,
  cosignNote,
  formatVerifierKey,
  generateKeyPair,
  keyIdSync,
  parseSignerKey,
  type Signer,
  signCheckpoint,
  signNote,
  verifierKeyOf,
} from './sign.ts'
export { TILE_WIDTH, type TileLevel, tileIndexPath, tileLayout, tilePath } from './tiles.ts'
export {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  MemoryTree,
  type NodeFold,
  type NodeReader,
  type NodeRef,
  rangeNodes,
  readFold,
  rootFromNodes,
  rootNodes,
  splitPoint,
} from './tree-math.ts'
export {
  type CheckpointPolicy,
  type CheckpointVerification,
  computeKeyId,
  hashChildrenAsync,
  hashLeafAsync,
  type NoteVerification,
  parseVerifierKey,
  rootFromInclusionProof,
  sha256,
  type TlogProofVerification,
  type Verification,
  type VerifiedCheckpoint,
  type VerifiedSignature,
  type VerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyInclusionInCheckpoint,
  verifyNote,
  verifyTlogProof,
} from './verify.ts'
