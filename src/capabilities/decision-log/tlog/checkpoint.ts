// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) body, format only (browser-safe):
//   <origin>\n  <decimal tree size, no leading zeros>\n  <base64 root hash>\n  [<extension line>\n]...
// The parser is strict C2SP for a SHA-256 log: 32-byte root, canonical size, non-empty
// extension lines. (transparency-dev/formats is more lenient; see vectors.json.)
import { fromBase64, toBase64 } from './encoding.ts'
import { noteTextProblem } from './note.ts'
import { fail, ok, type Result } from './result.ts'

export interface Checkpoint {
  origin: string
  /** Tree size. A safe integer: sizes above 2^53 − 1 are refused rather than rounded. */
  size: number
  rootHash: Uint8Array
  /** Extension lines, without their newlines (NOT RECOMMENDED by the spec; kept for parsing). */
  extensions: string[]
}

export interface CheckpointParseOptions {
  /** Refuse a checkpoint for any other log. */
  origin?: string
  /** Root hash length; 32 for SHA-256. */
  hashSize?: number
}

const UINT64_MAX = 2n ** 64n - 1n

export function parseCheckpoint(
  body: string,
  options: CheckpointParseOptions = {},
): Result<Checkpoint> {
  const problem = noteTextProblem(body)
  if (problem !== undefined) return fail(`malformed checkpoint: ${problem}`)
  const lines = body.slice(0, -1).split('\n')
  const [origin, sizeText, rootText, ...extensions] = lines
  if (origin === undefined || sizeText === undefined || rootText === undefined) {
    return fail('malformed checkpoint: fewer than three lines')
  }
  if (origin === '') return fail('malformed checkpoint: empty origin')
  if (options.origin !== undefined && origin !== options.origin) {
    return fail(`checkpoint is for origin "${origin}", expected "${options.origin}"`)
  }
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    return fail('malformed checkpoint: tree size is not a decimal number without leading zeros')
  }
  const big = BigInt(sizeText)
  if (big > UINT64_MAX) return fail('malformed checkpoint: tree size overflows uint64')
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail('checkpoint tree size exceeds 2^53 − 1, which this implementation does not handle')
  }
  const rootHash = fromBase64(rootText)
  if (rootHash === undefined) return fail('malformed checkpoint: root hash is not base64')
  const hashSize = options.hashSize ?? 32
  if (rootHash.length !== hashSize) {
    return fail(`malformed checkpoint: root hash is ${rootHash.length} bytes, not ${hashSize}`)
  }
  if (extensions.some((l) => l === '')) return fail('malformed checkpoint: empty extension line')
  return ok({ origin, size: Number(big), rootHash, extensions })
}

/** The checkpoint body (note text) for a checkpoint. Throws on values it cannot represent. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint
  if (origin === '' || origin.includes('\n'))
    throw new TypeError('origin must be one non-empty line')
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`)
  for (const e of extensions) {
    if (e === '' || e.includes('\n'))
      throw new TypeError('extension lines must be non-empty single lines')
  }
  const body = [origin, String(size), toBase64(rootHash), ...extensions]
    .map((l) => `${l}\n`)
    .join('')
  const problem = noteTextProblem(body)
  if (problem !== undefined) throw new TypeError(`checkpoint cannot be a note: ${problem}`)
  return body
}
