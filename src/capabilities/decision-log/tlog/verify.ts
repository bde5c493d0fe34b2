// The standalone verifier: what a member of the public (or the portal, in a browser) runs to
// check that a decision is in the log and that the log's history was never rewritten.
// Browser-safe on purpose: imports only sibling format modules, and uses Web Crypto
// (globalThis.crypto.subtle) for SHA-256 and Ed25519 plus TextEncoder — no Node APIs.
// Every exported function resolves to a result saying what failed; none throws or rejects.
import { type Checkpoint, parseCheckpoint } from './checkpoint.ts'
import { bytesEqual, concatBytes, fromBase64, fromHex, readUint32, utf8 } from './encoding.ts'
import {
  cosignatureMessage,
  isValidKeyName,
  KEY_TYPE_COSIGNATURE_V1,
  KEY_TYPE_ED25519,
  type Note,
  type NoteSignature,
  parseNote,
} from './note.ts'
import { parseTlogProof, type TlogProof } from './proof-bundle.ts'
import { fail, ok, type Result } from './result.ts'

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

async function guard<T>(
  what: string,
  run: () => Promise<T>,
  onError: (reason: string) => T,
): Promise<T> {
  try {
    return await run()
  } catch (e) {
    return onError(`${what} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`)
  }
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

// ---------------------------------------------------------------------------------------------
// Verifier keys: <name>+<hex key ID>+<base64(type ‖ public key)>, c2sp.org/signed-note.

export interface VerifierKey {
  name: string
  keyId: number
  /** 0x01 Ed25519 note signature, or 0x04 Ed25519 cosignature/v1. */
  type: typeof KEY_TYPE_ED25519 | typeof KEY_TYPE_COSIGNATURE_V1
  publicKey: Uint8Array
  vkey: string
}

/** Key ID = first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), as an unsigned integer. */
export async function computeKeyId(
  name: string,
  type: number,
  publicKey: Uint8Array,
): Promise<number> {
  return readUint32(await sha256(utf8(`${name}\n`), new Uint8Array([type]), publicKey))
}

/** Parses and checks a vkey. Split on the first two '+' only: the base64 may contain '+'. */
export function parseVerifierKey(vkey: string): Promise<Result<VerifierKey>> {
  return guard<Result<VerifierKey>>(
    'verifier key check',
    async (): Promise<Result<VerifierKey>> => {
      if (typeof vkey !== 'string') return fail('verifier key is not a string')
      const p1 = vkey.indexOf('+')
      const p2 = p1 < 0 ? -1 : vkey.indexOf('+', p1 + 1)
      if (p2 < 0) return fail('verifier key is not name+id+key')
      const name = vkey.slice(0, p1)
      const idHex = vkey.slice(p1 + 1, p2)
      const material = fromBase64(vkey.slice(p2 + 1))
      const idBytes = idHex.length === 8 ? fromHex(idHex) : undefined
      if (!isValidKeyName(name)) return fail('verifier key has an invalid name')
      if (idBytes === undefined) return fail('verifier key ID is not 8 hex digits')
      if (material === undefined || material.length === 0) return fail('verifier key is not base64')
      const keyId = readUint32(idBytes)
      const type = material[0] as number
      const publicKey = material.slice(1)
      if ((await computeKeyId(name, type, publicKey)) !== keyId) {
        return fail('verifier key ID does not match its name and key')
      }
      if (type !== KEY_TYPE_ED25519 && type !== KEY_TYPE_COSIGNATURE_V1) {
        return fail(
          `verifier key has unsupported algorithm 0x${type.toString(16).padStart(2, '0')}`,
        )
      }
      if (publicKey.length !== 32) return fail('verifier key is not a 32-byte Ed25519 key')
      return ok({ name, keyId, type, publicKey, vkey })
    },
    fail,
  )
}

async function ed25519Verify(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false
  try {
    const { subtle } = globalThis.crypto
    const key = await subtle.importKey('raw', concatBytes(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ])
    return await subtle.verify(
      { name: 'Ed25519' },
      key,
      concatBytes(signature),
      concatBytes(message),
    )
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// Signed notes.

export interface VerifiedSignature {
  name: string
  keyId: number
  type: VerifierKey['type']
  /** Unix seconds, for cosignature/v1 only. */
  timestamp?: number
}

export type NoteVerification =
  | { ok: true; note: Note; verified: VerifiedSignature[]; unverified: NoteSignature[] }
  | { ok: false; reason: string }

async function checkSignature(
  text: string,
  key: VerifierKey,
  sig: Uint8Array,
): Promise<Result<VerifiedSignature>> {
  const base = { name: key.name, keyId: key.keyId, type: key.type }
  if (key.type === KEY_TYPE_ED25519) {
    return (await ed25519Verify(key.publicKey, sig, utf8(text))) ? ok(base) : fail('bad signature')
  }
  if (sig.length !== 8 + 64) return fail('cosignature is not timestamp ‖ signature')
  const ts = BigInt(readUint32(sig, 0)) * 2n ** 32n + BigInt(readUint32(sig, 4))
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) return fail('cosignature timestamp is out of range')
  const timestamp = Number(ts)
  const good = await ed25519Verify(
    key.publicKey,
    sig.slice(8),
    utf8(cosignatureMessage(text, timestamp)),
  )
  return good ? ok({ ...base, timestamp }) : fail('bad cosignature')
}

async function toKeys(keys: readonly (string | VerifierKey)[]): Promise<Result<VerifierKey[]>> {
  if (!Array.isArray(keys)) return fail('verifier keys are not a list')
  const out: VerifierKey[] = []
  for (const k of keys) {
    if (typeof k !== 'string') {
      out.push(k)
      continue
    }
    const parsed = await parseVerifierKey(k)
    if (!parsed.ok) return fail(`bad verifier key "${k}": ${parsed.reason}`)
    out.push(parsed.value)
  }
  return ok(out)
}

/**
 * Verifies a signed note against trusted keys, following sumdb/note: signatures by unknown keys
 * are ignored (and reported as unverified); a signature by a known key that fails rejects the
 * whole note; a note with no verified signature is rejected.
 */
export function verifyNote(
  input: string | Uint8Array,
  keys: readonly (string | VerifierKey)[],
): Promise<NoteVerification> {
  return guard(
    'note check',
    async (): Promise<NoteVerification> => {
      const parsed = parseNote(input)
      if (!parsed.ok) return parsed
      const known = await toKeys(keys)
      if (!known.ok) return known
      const note = parsed.value
      const verified: VerifiedSignature[] = []
      const unverified: NoteSignature[] = []
      const seen = new Set<string>()
      const seenUnverified = new Set<string>()
      for (const sig of note.signatures) {
        const id = `${sig.name}+${sig.keyId}`
        const key = known.value.find((k) => k.name === sig.name && k.keyId === sig.keyId)
        if (key === undefined) {
          if (!seenUnverified.has(`${id}+${sig.base64}`)) unverified.push(sig)
          seenUnverified.add(`${id}+${sig.base64}`)
          continue
        }
        const checked = await checkSignature(note.text, key, sig.signature)
        if (!checked.ok) {
          return {
            ok: false,
            reason: `signature by known key ${sig.name} does not verify (${checked.reason})`,
          }
        }
        if (!seen.has(id)) verified.push(checked.value)
        seen.add(id)
      }
      if (verified.length === 0)
        return { ok: false, reason: 'note has no signature from a known key' }
      return { ok: true, note, verified, unverified }
    },
    (reason) => ({ ok: false, reason }),
  )
}

// ---------------------------------------------------------------------------------------------
// Checkpoints and offline proof bundles.

export interface CheckpointPolicy {
  /** The log's keys (type 0x01). At least one must have signed. */
  logKeys: readonly (string | VerifierKey)[]
  /** Expected origin line; C2SP says the log key name SHOULD equal it. */
  origin?: string
  /** Witness cosignature keys (type 0x04). */
  witnessKeys?: readonly (string | VerifierKey)[]
  /** How many distinct witnesses must have cosigned (default 0). */
  witnessQuorum?: number
}

export interface VerifiedCheckpoint {
  ok: true
  checkpoint: Checkpoint
  /** The signed note text (the checkpoint body). */
  text: string
  logSignatures: VerifiedSignature[]
  cosignatures: VerifiedSignature[]
}

export type CheckpointVerification = VerifiedCheckpoint | { ok: false; reason: string }

export type TlogProofVerification =
  | (VerifiedCheckpoint & { index: number; extra?: Uint8Array })
  | { ok: false; reason: string }

export function verifyCheckpoint(
  input: string | Uint8Array,
  policy: CheckpointPolicy,
): Promise<CheckpointVerification> {
  return guard(
    'checkpoint check',
    async (): Promise<CheckpointVerification> => {
      const logKeys = await toKeys(policy.logKeys)
      if (!logKeys.ok) return logKeys
      const witnessKeys = await toKeys(policy.witnessKeys ?? [])
      if (!witnessKeys.ok) return witnessKeys
      if (logKeys.value.some((k) => k.type !== KEY_TYPE_ED25519)) {
        return { ok: false, reason: 'log keys must be Ed25519 note keys (type 0x01)' }
      }
      const note = await verifyNote(input, [...logKeys.value, ...witnessKeys.value])
      if (!note.ok) return note
      const isLogKey = (s: VerifiedSignature) =>
        logKeys.value.some((k) => k.name === s.name && k.keyId === s.keyId)
      const logSignatures = note.verified.filter(isLogKey)
      const cosignatures = note.verified.filter((s) => !isLogKey(s))
      if (logSignatures.length === 0)
        return { ok: false, reason: 'checkpoint is not signed by the log' }
      const parsed = parseCheckpoint(
        note.note.text,
        policy.origin === undefined ? {} : { origin: policy.origin },
      )
      if (!parsed.ok) return parsed
      const quorum = policy.witnessQuorum ?? 0
      if (cosignatures.length < quorum) {
        return {
          ok: false,
          reason: `checkpoint has ${cosignatures.length} witness cosignatures, needs ${quorum}`,
        }
      }
      return {
        ok: true,
        checkpoint: parsed.value,
        text: note.note.text,
        logSignatures,
        cosignatures,
      }
    },
    (reason) => ({ ok: false, reason }),
  )
}

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
