// Signing side of C2SP signed notes, checkpoints and cosignatures, using node:crypto Ed25519.
// Kept apart from verify.ts because it is Node-only and holds private keys; the browser never
// needs it. Private keys use the Go sumdb/note "skey" form the upstream vectors use:
//   PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte Ed25519 seed)>
// (the key ID is that of the matching 0x01 vkey). Ed25519 is deterministic, so signing the
// same text with the same key reproduces a note byte for byte.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto'
import { type Checkpoint, formatCheckpoint } from './checkpoint.ts'
import { concatBytes, fromBase64, fromHex, readUint32, toBase64, utf8 } from './encoding.ts'
import {
  cosignatureMessage,
  formatSignatureLine,
  isValidKeyName,
  KEY_TYPE_COSIGNATURE_V1,
  KEY_TYPE_ED25519,
  noteTextProblem,
  parseNote,
} from './note.ts'

const PKCS8_ED25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])
const SKEY_PREFIX = 'PRIVATE+KEY+'

export interface Signer {
  name: string
  /** Key ID of the 0x01 (note signature) verifier key. */
  keyId: number
  publicKey: Uint8Array
  privateKey: KeyObject
}

/** First 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), as an unsigned integer. */
export function keyIdSync(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(utf8(`${name}\n`))
    .update(new Uint8Array([type]))
    .update(publicKey)
    .digest()
  return readUint32(new Uint8Array(digest))
}

function publicKeyOf(privateKey: KeyObject): Uint8Array {
  const spki = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }))
  return spki.slice(spki.length - 32)
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, '0')
}

/** `<name>+<hex key ID>+<base64(type ‖ public key)>` */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  return `${name}+${hex8(keyIdSync(name, type, publicKey))}+${toBase64(concatBytes(new Uint8Array([type]), publicKey))}`
}

/** Parses an skey, checking that its key ID matches the name and derived public key. */
export function parseSignerKey(skey: string): Signer {
  const bad = (why: string) => new TypeError(`bad signer key: ${why}`)
  if (!skey.startsWith(SKEY_PREFIX)) throw bad(`does not start with ${SKEY_PREFIX}`)
  const rest = skey.slice(SKEY_PREFIX.length)
  const p1 = rest.indexOf('+')
  const p2 = p1 < 0 ? -1 : rest.indexOf('+', p1 + 1)
  if (p2 < 0) throw bad('is not PRIVATE+KEY+name+id+key')
  const name = rest.slice(0, p1)
  const idBytes = fromHex(rest.slice(p1 + 1, p2))
  const material = fromBase64(rest.slice(p2 + 1))
  if (!isValidKeyName(name)) throw bad('invalid name')
  if (idBytes?.length !== 4) throw bad('key ID is not 8 hex digits')
  if (material?.length !== 33 || material[0] !== KEY_TYPE_ED25519) throw bad('not an Ed25519 seed')
  const privateKey = createPrivateKey({
    key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, material.slice(1))),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = publicKeyOf(privateKey)
  const keyId = readUint32(idBytes)
  if (keyIdSync(name, KEY_TYPE_ED25519, publicKey) !== keyId)
    throw bad('key ID does not match the key')
  return { name, keyId, publicKey, privateKey }
}

/** A fresh Ed25519 key pair: the skey (keep secret) and the vkey (publish). */
export function generateKeyPair(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new TypeError('key name must be non-empty, without spaces or +')
  const seed = new Uint8Array(randomBytes(32))
  const privateKey = createPrivateKey({
    key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed)),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = publicKeyOf(privateKey)
  const keyId = keyIdSync(name, KEY_TYPE_ED25519, publicKey)
  const skey = `${SKEY_PREFIX}${name}+${hex8(keyId)}+${toBase64(concatBytes(new Uint8Array([KEY_TYPE_ED25519]), seed))}`
  return { skey, vkey: formatVerifierKey(name, KEY_TYPE_ED25519, publicKey) }
}

/** The vkey (type 0x01) for a signer. */
export function verifierKeyOf(signer: Signer | string): string {
  const s = typeof signer === 'string' ? parseSignerKey(signer) : signer
  return formatVerifierKey(s.name, KEY_TYPE_ED25519, s.publicKey)
}

/** The cosignature/v1 vkey (type 0x04) a witness publishes for the same Ed25519 key. */
export function cosignatureVerifierKeyOf(signer: Signer | string): string {
  const s = typeof signer === 'string' ? parseSignerKey(signer) : signer
  return formatVerifierKey(s.name, KEY_TYPE_COSIGNATURE_V1, s.publicKey)
}

const toSigner = (s: Signer | string): Signer => (typeof s === 'string' ? parseSignerKey(s) : s)

/** Signs `text` (which must end in \n) with each signer and returns the signed note. */
export function signNote(text: string, signers: readonly (Signer | string)[]): string {
  const problem = noteTextProblem(text)
  if (problem !== undefined) throw new TypeError(`cannot sign: ${problem}`)
  if (signers.length === 0) throw new TypeError('cannot sign: no signers')
  const lines = signers.map((s) => {
    const signer = toSigner(s)
    const sig = new Uint8Array(sign(null, utf8(text), signer.privateKey))
    return formatSignatureLine(signer.name, signer.keyId, sig)
  })
  return `${text}\n${lines.join('')}`
}

/**
 * Appends a witness cosignature/v1 line (type 0x04) to a signed checkpoint:
 * base64(keyID₀₄ ‖ uint64be timestamp ‖ Ed25519("cosignature/v1\ntime <t>\n" ‖ body)).
 */
export function cosignNote(note: string, witness: Signer | string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('bad timestamp')
  const parsed = parseNote(note)
  if (!parsed.ok) throw new TypeError(`cannot cosign: ${parsed.reason}`)
  const signer = toSigner(witness)
  const ts = new Uint8Array(8)
  new DataView(ts.buffer).setBigUint64(0, BigInt(timestamp))
  const sig = new Uint8Array(
    sign(null, utf8(cosignatureMessage(parsed.value.text, timestamp)), signer.privateKey),
  )
  const keyId = keyIdSync(signer.name, KEY_TYPE_COSIGNATURE_V1, signer.publicKey)
  return `${note}${formatSignatureLine(signer.name, keyId, concatBytes(ts, sig))}`
}

/** Formats and signs a checkpoint. The log's key name SHOULD equal the origin (C2SP). */
export function signCheckpoint(
  checkpoint: Checkpoint,
  signers: readonly (Signer | string)[],
): string {
  return signNote(formatCheckpoint(checkpoint), signers)
}
