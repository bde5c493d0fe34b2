// The per-licence proof bundle and its standalone, offline check: what a member of the public (or
// the portal, in a browser) runs on the JSON that `GET /api/public/v1/licences/{reference}/proof`
// or `glasshouse log prove REF` hands out. Browser-safe like tlog/verify.ts: it imports only the
// verifier closure of tlog/ (see verify-proof-bundle.test.ts) and uses Web Crypto, no Node APIs.
// Never throws: a bad bundle resolves to { ok: false, reason }.
import { fromBase64, utf8 } from './tlog/encoding.ts'
import { parseTlogProof } from './tlog/proof-bundle.ts'
import {
  hashLeafAsync,
  parseVerifierKey,
  verifyCheckpoint,
  verifyInclusion,
} from './tlog/verify.ts'

export const PROOF_BUNDLE_FORMAT = 'glasshouse.decision-log.proof-bundle/v1'

export interface ProofBundleLeaf {
  index: number
  /** Unauthenticated labels from the server (not hashed into the leaf). */
  kind: string
  subject: string
  appendedAt: string
  /** The exact logged text (RFC 8785 canonical JSON); its UTF-8 bytes are the Merkle leaf. */
  leaf: string
  /** RFC 9162 leaf hash, base64. */
  leafHash: string
  /** Inclusion path in the checkpoint's tree, base64 hashes. */
  proof: string[]
  /** The same proof as a c2sp.org/tlog-proof@v1 text bundle. */
  tlogProof: string
}

export interface ProofBundle {
  format: typeof PROOF_BUNDLE_FORMAT
  reference: string
  origin: string
  /** The log's verifier key (c2sp.org/signed-note vkey). */
  vkey: string
  checkpoint: { size: number; rootHash: string; note: string; signedAt: string }
  leaves: ProofBundleLeaf[]
}

export type ProofBundleVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; reason: string }

export interface VerifyProofBundleOptions {
  /** The vkey the caller trusts (e.g. published out of band); default: the bundle's own vkey. */
  vkey?: string
  /** The origin the caller expects; default: the bundle's own origin. */
  origin?: string
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

/**
 * Checks a proof bundle offline: the checkpoint note is signed by the log key (the caller's, or
 * else the bundle's) for the expected origin and matches the bundle's size and root; every
 * leaf's bytes hash to its leaf hash, its inclusion proof leads to the checkpoint root, and its
 * tlog-proof text says the same; every leaf is about the bundle's reference. `checked` counts
 * the leaves proven before the first failure.
 */
export async function verifyProofBundle(
  bundle: unknown,
  options: VerifyProofBundleOptions = {},
): Promise<ProofBundleVerification> {
  let checked = 0
  const fail = (reason: string): ProofBundleVerification => ({ ok: false, checked, reason })
  try {
    if (!isObject(bundle)) return fail('bundle is not a JSON object')
    if (bundle.format !== PROOF_BUNDLE_FORMAT)
      return fail(`bundle format is not ${PROOF_BUNDLE_FORMAT}`)
    const { reference, origin, vkey, checkpoint, leaves } = bundle
    if (typeof reference !== 'string' || reference === '') return fail('bundle has no reference')
    if (typeof origin !== 'string') return fail('bundle has no origin')
    if (typeof vkey !== 'string') return fail('bundle has no vkey')
    if (options.vkey !== undefined && options.vkey !== vkey)
      return fail('bundle vkey is not the trusted key')
    const expectedOrigin = options.origin ?? origin
    if (expectedOrigin !== origin) return fail(`bundle origin is not ${expectedOrigin}`)
    const key = await parseVerifierKey(vkey)
    if (!key.ok) return fail(`bundle vkey: ${key.reason}`)
    if (!isObject(checkpoint) || typeof checkpoint.note !== 'string')
      return fail('bundle has no checkpoint note')
    const cp = await verifyCheckpoint(checkpoint.note, {
      logKeys: [key.value],
      origin: expectedOrigin,
    })
    if (!cp.ok) return fail(`checkpoint: ${cp.reason}`)
    const { size, rootHash } = cp.checkpoint
    if (checkpoint.size !== size) return fail('checkpoint size does not match its signed note')
    const claimedRoot =
      typeof checkpoint.rootHash === 'string' ? fromBase64(checkpoint.rootHash) : undefined
    if (claimedRoot === undefined || !equalBytes(claimedRoot, rootHash))
      return fail('checkpoint root hash does not match its signed note')
    if (!Array.isArray(leaves) || leaves.length === 0) return fail('bundle holds no leaves')

    for (const [position, entry] of leaves.entries()) {
      const at =
        isObject(entry) && isCount(entry.index) ? `leaf ${entry.index}` : `leaf #${position}`
      if (!isObject(entry) || !isCount(entry.index)) return fail(`${at}: no index`)
      const { index, leaf, leafHash, proof, tlogProof, subject } = entry
      if (subject !== reference) return fail(`${at}: subject is not ${reference}`)
      if (typeof leaf !== 'string') return fail(`${at}: no leaf text`)
      const hash = await hashLeafAsync(utf8(leaf))
      const claimed = typeof leafHash === 'string' ? fromBase64(leafHash) : undefined
      if (claimed === undefined || !equalBytes(claimed, hash))
        return fail(`${at}: leaf hash does not match the leaf text`)
      // The subject label is not hashed; the leaf's own reference field is.
      let parsed: unknown
      try {
        parsed = JSON.parse(leaf)
      } catch {
        return fail(`${at}: leaf text is not JSON`)
      }
      if (isObject(parsed) && 'reference' in parsed && parsed.reference !== reference)
        return fail(`${at}: leaf is about ${String(parsed.reference)}, not ${reference}`)
      if (!Array.isArray(proof)) return fail(`${at}: no inclusion proof`)
      const path: Uint8Array[] = []
      for (const [i, element] of proof.entries()) {
        const h = typeof element === 'string' ? fromBase64(element) : undefined
        if (h === undefined || h.length !== 32)
          return fail(`${at}: proof element ${i} is not a base64 SHA-256 hash`)
        path.push(h)
      }
      const included = await verifyInclusion(hash, index, size, path, rootHash)
      if (!included.ok) return fail(`${at}: ${included.reason}`)
      if (tlogProof !== undefined) {
        if (typeof tlogProof !== 'string') return fail(`${at}: tlogProof is not text`)
        const t = parseTlogProof(tlogProof)
        if (!t.ok) return fail(`${at}: tlogProof: ${t.reason}`)
        if (t.value.index !== index) return fail(`${at}: tlogProof is for index ${t.value.index}`)
        if (t.value.checkpoint !== checkpoint.note)
          return fail(`${at}: tlogProof carries a different checkpoint`)
        if (
          t.value.proof.length !== path.length ||
          t.value.proof.some((h, i) => !equalBytes(h, path[i] as Uint8Array))
        )
          return fail(`${at}: tlogProof path differs from the proof`)
      }
      checked++
    }
    return { ok: true, checked }
  } catch (e) {
    return fail(`bundle check failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`)
  }
}
