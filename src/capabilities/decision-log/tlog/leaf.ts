// Leaf encoding for the decision log. A log entry can never be erased, so personal or
// confidential data must never enter it in clear: such fields are replaced by salted
// commitments. The salt stays in the private database; disclosing (value, salt) later proves
// what was recorded, and destroying the salt leaves the commitment unlinkable ("crypto-shredding").
//
// Exact construction (stable; any change breaks every existing log):
//   canonical(v)        = RFC 8785 JSON Canonicalization Scheme of v (npm `canonicalize`), UTF-8
//   commit(value, salt) = lowercase hex of SHA-256(salt ‖ canonical(value)),
//                         salt = exactly 32 bytes (so salt and value cannot be re-split)
//   leaf bytes          = UTF-8 of canonical({ ...publicFields, commitments: { field: commit } })
//                         (the "commitments" member is omitted when there are no confidential
//                         fields; a public field may not itself be named "commitments")
//   leaf hash           = SHA-256(0x00 ‖ leaf bytes)   (RFC 9162, see hash.ts)
import { createHash, hash, randomBytes } from 'node:crypto'
import canonicalize from 'canonicalize'
import { hashLeaf } from './hash.ts'

export const SALT_BYTES = 32

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/** RFC 8785 canonical JSON. Throws on values JSON cannot represent (undefined, NaN, …). */
export function canonicalJson(value: JsonValue): string {
  const out = canonicalize(value)
  if (out === undefined) throw new TypeError('value has no JSON representation')
  return out
}

export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(SALT_BYTES))
}

/** hex SHA-256(salt ‖ UTF-8(canonical JSON of value)), salt 32 bytes. */
export function commit(value: JsonValue, salt: Uint8Array): string {
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new TypeError(`salt must be ${SALT_BYTES} bytes`)
  }
  return createHash('sha256').update(salt).update(canonicalJson(value), 'utf8').digest('hex')
}

/**
 * Does (value, salt) open this commitment? The salt as bytes or as hex. Never throws.
 * Hashes in one shot into a reused buffer: `log verify` opens three commitments per decision, a
 * million decisions at a time. Commitments are public, so a plain comparison is fine here.
 */
export function openCommitment(
  value: JsonValue,
  salt: Uint8Array | string,
  commitment: string,
): boolean {
  let text: string
  try {
    // RFC 8785 serialises a string exactly as ECMAScript's JSON.stringify does.
    text = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value)
  } catch {
    return false
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so the value always fits.
  const needed = SALT_BYTES + 3 * text.length
  if (needed > commitInput.length) commitInput = Buffer.allocUnsafe(needed)
  if (typeof salt === 'string') {
    if (salt.length !== 2 * SALT_BYTES || commitInput.write(salt, 0, 'hex') !== SALT_BYTES)
      return false
  } else {
    if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) return false
    commitInput.set(salt, 0)
  }
  const written = commitInput.write(text, SALT_BYTES, 'utf8')
  // The digest is lowercase hex, so equality also rejects a malformed commitment.
  return hash('sha256', commitInput.subarray(0, SALT_BYTES + written), 'hex') === commitment
}

let commitInput = Buffer.allocUnsafe(4096)

export interface Leaf {
  /** The exact bytes logged. */
  bytes: Uint8Array
  /** The same, as a string (canonical JSON). */
  json: string
  /** RFC 9162 leaf hash of `bytes`. */
  leafHash: Uint8Array
  /** field name → hex commitment, as embedded in the leaf. */
  commitments: Record<string, string>
}

/**
 * Builds a leaf from its public fields and its confidential fields; `salts` must hold exactly
 * one 32-byte salt per confidential field (generate with newSalt(), store privately).
 */
export function makeLeaf(
  publicFields: JsonObject,
  confidentialFields: JsonObject = {},
  salts: Readonly<Record<string, Uint8Array>> = {},
): Leaf {
  if (Object.hasOwn(publicFields, 'commitments')) {
    throw new TypeError('"commitments" is reserved and cannot be a public field')
  }
  const names = Object.keys(confidentialFields).sort()
  const extra = Object.keys(salts).filter((k) => !Object.hasOwn(confidentialFields, k))
  if (extra.length > 0) throw new TypeError(`salts given for unknown fields: ${extra.join(', ')}`)
  // Object.fromEntries defines own properties, so even a field named "__proto__" is safe.
  const commitments: Record<string, string> = Object.fromEntries(
    names.map((name) => {
      const salt = salts[name]
      if (salt === undefined) throw new TypeError(`no salt for confidential field "${name}"`)
      return [name, commit(confidentialFields[name] as JsonValue, salt)]
    }),
  )
  const doc: JsonObject = names.length > 0 ? { ...publicFields, commitments } : { ...publicFields }
  const json = canonicalJson(doc)
  const bytes = new TextEncoder().encode(json)
  return { bytes, json, leafHash: hashLeaf(bytes), commitments }
}
