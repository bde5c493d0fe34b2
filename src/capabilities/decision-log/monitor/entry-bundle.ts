// C2SP tlog-tiles entry bundles: each entry is a big-endian uint16 length and that many bytes
// (what tiles.routes.ts serves at /tile/entries/<N>[.p/<W>]).
import { fail, ok, type Result } from '../tlog/result.ts'

/** Splits a bundle into exactly `count` entries; anything more, less or left over is refused. */
export function parseEntryBundle(bundle: Uint8Array, count: number): Result<Uint8Array[]> {
  const view = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength)
  const entries: Uint8Array[] = []
  let at = 0
  while (at < bundle.length) {
    if (at + 2 > bundle.length) return fail(`entry ${entries.length} has a truncated length`)
    const length = view.getUint16(at)
    if (at + 2 + length > bundle.length) return fail(`entry ${entries.length} is truncated`)
    entries.push(bundle.subarray(at + 2, at + 2 + length))
    at += 2 + length
  }
  if (entries.length !== count) return fail(`holds ${entries.length} entries, not ${count}`)
  return ok(entries)
}
