// C2SP signed-note (https://c2sp.org/signed-note), format only — no cryptography, no Node APIs,
// so both the browser verifier and the Node signer share one parser. Layout:
//   <text, UTF-8, no control characters but \n, ending in \n>
//   <blank line>
//   — <key name> <base64(4-byte big-endian key ID ‖ signature)>\n   (one or more; — is U+2014)
// The signed bytes are the text including its final \n. The text may itself hold blank lines:
// the LAST "\n\n" is the separator. Rules follow golang.org/x/mod/sumdb/note (Open), which the
// upstream vectors encode.
import { fromBase64, readUint32, toBase64 } from './encoding.ts'
import { fail, ok, type Result } from './result.ts'

/** Go's sumdb/note rejects more than 100 signature lines; C2SP asks verifiers to accept ≥ 16. */
export const MAX_SIGNATURES = 100

export const SIGNATURE_PREFIX = '\u2014 '

/** Signature types (first byte of the key material), per C2SP signed-note. */
export const KEY_TYPE_ED25519 = 0x01
export const KEY_TYPE_COSIGNATURE_V1 = 0x04

export interface NoteSignature {
  name: string
  /** The 4-byte key ID as an unsigned integer. */
  keyId: number
  /** The signature bytes after the key ID (type-specific). */
  signature: Uint8Array
  /** The base64 exactly as it appeared on the line. */
  base64: string
}

export interface Note {
  text: string
  signatures: NoteSignature[]
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000B-\u001F]/
const SPACE = /[\s\u0085]/u

/** Key names: non-empty, no Unicode white space, no '+'. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !SPACE.test(name) && !name.includes('+') && !LONE_SURROGATE.test(name)
}

/** Why `text` cannot be a note text, or undefined when it can. */
export function noteTextProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'text is not valid UTF-8'
  if (CONTROL_BUT_NEWLINE.test(text)) return 'text contains a control character other than \\n'
  if (!text.endsWith('\n')) return 'text does not end with a newline'
  return undefined
}

function decode(input: string | Uint8Array): Result<string> {
  if (typeof input === 'string') return ok(input)
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input))
  } catch {
    return fail('malformed note: not valid UTF-8')
  }
}

/** Splits a signed note into text and signature lines. Does not check any signature. */
export function parseNote(input: string | Uint8Array): Result<Note> {
  const decoded = decode(input)
  if (!decoded.ok) return decoded
  const msg = decoded.value
  if (LONE_SURROGATE.test(msg)) return fail('malformed note: not valid UTF-8')
  if (CONTROL_BUT_NEWLINE.test(msg)) {
    return fail('malformed note: control character other than \\n (CRLF line endings?)')
  }
  const split = msg.lastIndexOf('\n\n')
  if (split < 0) return fail('malformed note: no blank line before the signatures')
  const text = msg.slice(0, split + 1)
  const block = msg.slice(split + 2)
  if (block === '') return fail('malformed note: no signature lines')
  if (!block.endsWith('\n')) return fail('malformed note: last signature line has no newline')
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) {
    return fail(`malformed note: more than ${MAX_SIGNATURES} signatures`)
  }
  const signatures: NoteSignature[] = []
  for (const [i, line] of lines.entries()) {
    const where = `malformed note: signature line ${i + 1}`
    if (!line.startsWith(SIGNATURE_PREFIX)) return fail(`${where} does not start with "— "`)
    const rest = line.slice(SIGNATURE_PREFIX.length)
    const space = rest.indexOf(' ')
    const name = space < 0 ? rest : rest.slice(0, space)
    const base64 = space < 0 ? '' : rest.slice(space + 1)
    if (!isValidKeyName(name)) return fail(`${where} has an invalid key name`)
    const bytes = fromBase64(base64)
    if (base64 === '' || bytes === undefined) return fail(`${where} has bad base64`)
    if (bytes.length < 5) return fail(`${where} is too short`)
    signatures.push({ name, keyId: readUint32(bytes), signature: bytes.slice(4), base64 })
  }
  return ok({ text, signatures })
}

export function keyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([
    (keyId >>> 24) & 0xff,
    (keyId >>> 16) & 0xff,
    (keyId >>> 8) & 0xff,
    keyId & 0xff,
  ])
}

/** `— <name> <base64(keyID ‖ signature)>\n` */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const all = new Uint8Array(4 + signature.length)
  all.set(keyIdBytes(keyId))
  all.set(signature, 4)
  return `${SIGNATURE_PREFIX}${name} ${toBase64(all)}\n`
}

export function formatNote(note: Note): string {
  return `${note.text}\n${note.signatures.map((s) => formatSignatureLine(s.name, s.keyId, s.signature)).join('')}`
}

/**
 * The message a cosignature/v1 (type 0x04, c2sp.org/tlog-cosignature) signs:
 * "cosignature/v1\ntime <unix seconds>\n" ‖ checkpoint text.
 */
export function cosignatureMessage(text: string, timestamp: number): string {
  return `cosignature/v1\ntime ${timestamp}\n${text}`
}
