// c2sp.org/tlog-proof@v1: the offline bundle handed out with each published decision — an
// index, the inclusion path (leaf sibling → root child) and the signed checkpoint verbatim.
// Format only (browser-safe); verify-bundle.ts checks it.
//   c2sp.org/tlog-proof@v1\n [extra <base64>\n] index <n>\n <base64 hash>\n ... \n <checkpoint note>
import { fromBase64, toBase64 } from './encoding.ts'
import { fail, ok, type Result } from './result.ts'

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1'

export interface TlogProof {
  index: number
  /** Opaque, unauthenticated extra data (never trust it implicitly). */
  extra?: Uint8Array
  proof: Uint8Array[]
  /** The signed checkpoint note, verbatim. */
  checkpoint: string
}

export function parseTlogProof(text: string): Result<TlogProof> {
  const split = text.indexOf('\n\n')
  if (split < 0) return fail('malformed proof: no blank line before the checkpoint')
  const lines = text.slice(0, split).split('\n')
  const checkpoint = text.slice(split + 2)
  if (lines.shift() !== TLOG_PROOF_HEADER)
    return fail(`malformed proof: first line is not ${TLOG_PROOF_HEADER}`)
  let extra: Uint8Array | undefined
  if (lines[0]?.startsWith('extra ')) {
    extra = fromBase64(lines[0].slice('extra '.length))
    if (extra === undefined) return fail('malformed proof: extra data is not base64')
    lines.shift()
  }
  const indexLine = lines.shift() ?? ''
  const m = /^index (0|[1-9][0-9]*)$/.exec(indexLine)
  const index = m?.[1] === undefined ? Number.NaN : Number(m[1])
  if (!Number.isSafeInteger(index)) return fail('malformed proof: bad or missing index line')
  const proof: Uint8Array[] = []
  for (const [i, line] of lines.entries()) {
    const h = fromBase64(line)
    if (h === undefined || h.length !== 32)
      return fail(`malformed proof: hash line ${i + 1} is not a base64 SHA-256 hash`)
    proof.push(h)
  }
  return ok(
    extra === undefined ? { index, proof, checkpoint } : { index, extra, proof, checkpoint },
  )
}

export function formatTlogProof(p: TlogProof): string {
  const extra = p.extra === undefined ? '' : `extra ${toBase64(p.extra)}\n`
  const hashes = p.proof.map((h) => `${toBase64(h)}\n`).join('')
  return `${TLOG_PROOF_HEADER}\n${extra}index ${p.index}\n${hashes}\n${p.checkpoint}`
}
