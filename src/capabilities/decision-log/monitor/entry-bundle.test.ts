import { describe, expect, it } from 'vitest'
import { parseEntryBundle } from './entry-bundle.ts'

const bundle = (...entries: string[]) => {
  const bytes = entries.map((e) => new TextEncoder().encode(e))
  const out = new Uint8Array(bytes.reduce((n, b) => n + 2 + b.length, 0))
  let at = 0
  for (const b of bytes) {
    new DataView(out.buffer).setUint16(at, b.length)
    out.set(b, at + 2)
    at += 2 + b.length
  }
  return out
}
const text = (entries: Uint8Array[]) => entries.map((e) => new TextDecoder().decode(e))

describe('entry bundles', () => {
  it('splits length-prefixed entries, empty ones included', () => {
    const parsed = parseEntryBundle(bundle('{"a":1}', '', 'ü'), 3)
    expect(parsed.ok && text(parsed.value)).toEqual(['{"a":1}', '', 'ü'])
    expect(parseEntryBundle(new Uint8Array(), 0)).toEqual({ ok: true, value: [] })
  })

  it('refuses a bundle with the wrong number of entries or cut short', () => {
    expect(parseEntryBundle(bundle('a', 'b'), 3)).toEqual({
      ok: false,
      reason: 'holds 2 entries, not 3',
    })
    const whole = bundle('abc', 'de')
    expect(parseEntryBundle(whole.subarray(0, whole.length - 1), 2)).toEqual({
      ok: false,
      reason: 'entry 1 is truncated',
    })
    expect(parseEntryBundle(whole.subarray(0, 6), 2)).toEqual({
      ok: false,
      reason: 'entry 1 has a truncated length',
    })
  })
})
