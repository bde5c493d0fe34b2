// Merkle proof verification (RFC 9162): inclusion, consistency and the root an inclusion proof
// leads to, plus the async SHA-256 helpers they (and the note verifier) hash with.
// Browser-safe: imports only sibling format modules and uses Web Crypto (globalThis.crypto.subtle)
// — no Node APIs. Every exported check resolves to a result saying what failed; none rejects.
import { bytesEqual, concatBytes } from './encoding.ts'
import { fail, guard, ok, type Result } from './result.ts'

export type Verification = { ok: true } | { ok: false; reason: string }

const HASH_SIZE = 32
const UINT64_LIMIT = 2n ** 64n

// ---------------------------------------------------------------------------------------------
// Hashing (RFC 9162 §2.1.1), async because Web Crypto is.

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', concatBytes(...parts)))
}

/** SHA-256(0x00 ‖ leaf). */
export function hashLeafAsync(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0x00]), leaf)
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function hashChildrenAsync(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0x01]), left, right)
}

// ---------------------------------------------------------------------------------------------
// Proofs. Sizes may be numbers (safe integers) or bigints (up to 2^64 − 1, as the upstream
// probes use); the loops run on bigint so no bit is lost.

function toCount(name: string, value: unknown): Result<bigint> {
  if (typeof value === 'bigint') {
    return value >= 0n && value < UINT64_LIMIT ? ok(value) : fail(`${name} is outside 0 … 2^64 − 1`)
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return ok(BigInt(value))
  return fail(`${name} is not a non-negative integer`)
}

function checkHashes(proof: unknown): Result<Uint8Array[]> {
  if (proof === null || proof === undefined) return ok([])
  if (!Array.isArray(proof)) return fail('proof is not a list of hashes')
  for (const [i, p] of proof.entries()) {
    if (!(p instanceof Uint8Array)) return fail(`proof element ${i} is not bytes`)
    if (p.length !== HASH_SIZE)
      return fail(`proof element ${i} is ${p.length} bytes, not ${HASH_SIZE}`)
  }
  return ok(proof as Uint8Array[])
}

/** RFC 9162 §2.1.3.2 steps 1–4: the root an inclusion proof leads to. */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number | bigint,
  size: number | bigint,
  proof: readonly Uint8Array[] | null,
): Promise<Result<Uint8Array>> {
  return guard<Result<Uint8Array>>(
    'inclusion check',
    async () => {
      const idx = toCount('leaf index', index)
      if (!idx.ok) return idx
      const n = toCount('tree size', size)
      if (!n.ok) return n
      if (idx.value >= n.value) return fail<Uint8Array>('leaf index is not below the tree size')
      if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_SIZE) {
        return fail<Uint8Array>(`leaf hash is not ${HASH_SIZE} bytes`)
      }
      const path = checkHashes(proof)
      if (!path.ok) return path
      let fn = idx.value
      let sn = n.value - 1n
      let r = leafHash
      for (const p of path.value) {
        if (sn === 0n) return fail<Uint8Array>('inclusion proof is longer than the tree is deep')
        if ((fn & 1n) === 1n || fn === sn) {
          r = await hashChildrenAsync(p, r)
          while ((fn & 1n) === 0n && fn !== 0n) {
            fn >>= 1n
            sn >>= 1n
          }
        } else {
          r = await hashChildrenAsync(r, p)
        }
        fn >>= 1n
        sn >>= 1n
      }
      if (sn !== 0n) return fail<Uint8Array>('inclusion proof is shorter than the tree is deep')
      return ok(r)
    },
    fail,
  )
}

/** RFC 9162 §2.1.3.2: is the leaf at `index` in the tree of `size` leaves with this root? */
export async function verifyInclusion(
  leafHash: Uint8Array,
  index: number | bigint,
  size: number | bigint,
  proof: readonly Uint8Array[] | null,
  root: Uint8Array,
): Promise<Verification> {
  const computed = await rootFromInclusionProof(leafHash, index, size, proof)
  if (!computed.ok) return computed
  if (!(root instanceof Uint8Array) || !bytesEqual(computed.value, root)) {
    return { ok: false, reason: 'inclusion proof does not lead to the checkpoint root' }
  }
  return { ok: true }
}

/**
 * RFC 9162 §2.1.4.2: is the tree of size `m` with `oldRoot` a prefix of the tree of size `n`
 * with `newRoot`? Edge rules as upstream (transparency-dev/merkle): m = 0 is meaningless and
 * refused; m = n needs an empty proof and byte-equal roots.
 */
export function verifyConsistency(
  m: number | bigint,
  n: number | bigint,
  proof: readonly Uint8Array[] | null,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): Promise<Verification> {
  return guard(
    'consistency check',
    async (): Promise<Verification> => {
      const first = toCount('old size', m)
      if (!first.ok) return first
      const second = toCount('new size', n)
      if (!second.ok) return second
      if (!(oldRoot instanceof Uint8Array) || !(newRoot instanceof Uint8Array)) {
        return { ok: false, reason: 'roots are not bytes' }
      }
      if (second.value < first.value)
        return { ok: false, reason: 'new tree is smaller than the old one' }
      if (first.value === 0n)
        return { ok: false, reason: 'consistency with an empty tree proves nothing' }
      const path = checkHashes(proof)
      if (!path.ok) return path
      if (first.value === second.value) {
        if (path.value.length !== 0)
          return { ok: false, reason: 'trees of equal size need an empty proof' }
        return bytesEqual(oldRoot, newRoot)
          ? { ok: true }
          : { ok: false, reason: 'trees of equal size have different roots' }
      }
      if (path.value.length === 0) return { ok: false, reason: 'consistency proof is empty' }
      const isPow2 = (first.value & (first.value - 1n)) === 0n
      const steps = isPow2 ? [oldRoot, ...path.value] : [...path.value]
      let fn = first.value - 1n
      let sn = second.value - 1n
      while ((fn & 1n) === 1n) {
        fn >>= 1n
        sn >>= 1n
      }
      let fr = steps[0] as Uint8Array
      let sr = fr
      for (const c of steps.slice(1)) {
        if (sn === 0n) return { ok: false, reason: 'consistency proof is too long' }
        if ((fn & 1n) === 1n || fn === sn) {
          fr = await hashChildrenAsync(c, fr)
          sr = await hashChildrenAsync(c, sr)
          while ((fn & 1n) === 0n && fn !== 0n) {
            fn >>= 1n
            sn >>= 1n
          }
        } else {
          sr = await hashChildrenAsync(sr, c)
        }
        fn >>= 1n
        sn >>= 1n
      }
      if (sn !== 0n) return { ok: false, reason: 'consistency proof is too short' }
      if (!bytesEqual(fr, oldRoot)) {
        return { ok: false, reason: 'consistency proof does not lead to the old root' }
      }
      if (!bytesEqual(sr, newRoot)) {
        return { ok: false, reason: 'consistency proof does not lead to the new root' }
      }
      return { ok: true }
    },
    (reason) => ({ ok: false, reason }),
  )
}
