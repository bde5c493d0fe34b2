// Signed-note verification (c2sp.org/signed-note): verifier keys, Ed25519 signatures and
// cosignature/v1 witness cosignatures, and checkpoints with their log signature and witness quorum.
// Browser-safe: imports only sibling format modules and uses Web Crypto for Ed25519 — no Node APIs.
// Every exported check resolves to a result saying what failed; none rejects.
import { type Checkpoint, parseCheckpoint } from './checkpoint.ts'
import { concatBytes, fromBase64, fromHex, readUint32, utf8 } from './encoding.ts'
import {
  cosignatureMessage,
  isValidKeyName,
  KEY_TYPE_COSIGNATURE_V1,
  KEY_TYPE_ED25519,
  type Note,
  type NoteSignature,
  parseNote,
} from './note.ts'
import { fail, guard, ok, type Result } from './result.ts'
import { sha256 } from './verify-proofs.ts'

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
// Checkpoints.

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
