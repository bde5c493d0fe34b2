// RFC 9162 §2.1.1 Merkle hashing (identical to RFC 6962 §2.1), server side. The 0x00 / 0x01
// prefixes separate leaves from interior nodes, so an interior node can never be passed off as
// a leaf (second-preimage attack). There is no padding or last-node duplication.
// The verifier (verify-proofs.ts) has its own Web Crypto copy of these three functions so that it
// runs in a browser; this file uses node:crypto because it is synchronous and fast for bulk
// appends.
import { createHash } from 'node:crypto'

export const HASH_SIZE = 32

const LEAF_PREFIX = new Uint8Array([0x00])
const NODE_PREFIX = new Uint8Array([0x01])

function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}

/** MTH({}) = SHA-256(""). */
export function emptyRoot(): Uint8Array {
  return sha256()
}

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leaf)
}

/** SHA-256(0x01 ‖ left ‖ right). Children are taken as raw bytes, whatever their length. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right)
}
