import fc from 'fast-check'

/**
 * Byte-level damage to a real file: what a bad download, a wrong export or a hostile upload
 * does to it. Positions are fractions of the length, so one mutation fits any file.
 */
export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicateLine'; at: number; times: number }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'nest'; at: number; depth: number }

const INSERTS = [
  '\u0000',
  '\t',
  '\r',
  '\n',
  '"',
  '""',
  ',',
  '\uFEFF',
  '\uFFFD',
  '\u001b',
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&xxe;',
  ']]>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '\\u0000',
  '{"op":"ADD"}',
  'null',
]

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(
      fc.constantFrom(...INSERTS),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.integer({ min: 1000, max: 300_000 }).map((n) => 'A'.repeat(n)),
    ),
  }),
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('duplicateLine' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    times: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({
    kind: fc.constant('deleteLine' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    depth: fc.integer({ min: 10, max: 20_000 }),
  }),
)

export const mutationsArbitrary = fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })

/** Applies the mutations in turn. `nest` wraps an element (XML) or value (JSON) ever deeper. */
export function mutate(
  file: Buffer,
  mutations: Mutation[],
  flavour: 'xml' | 'json' | 'csv',
): Buffer {
  let out = file
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length)
    switch (m.kind) {
      case 'flip': {
        out = Buffer.from(out)
        if (out.length > 0) out[Math.min(at, out.length - 1)] = m.byte
        break
      }
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(m.text), out.subarray(at)])
        break
      case 'truncate':
        out = out.subarray(0, at)
        break
      case 'duplicateLine':
      case 'deleteLine': {
        const start = out.lastIndexOf(10, at) + 1
        const endAt = out.indexOf(10, at)
        const end = endAt === -1 ? out.length : endAt + 1
        const line = out.subarray(start, end)
        const middle =
          m.kind === 'deleteLine' ? [] : Array.from({ length: m.times + 1 }, () => line)
        out = Buffer.concat([out.subarray(0, start), ...middle, out.subarray(end)])
        break
      }
      case 'nest': {
        const [open, close] =
          flavour === 'xml' ? ['<VALUE>', '</VALUE>'] : flavour === 'json' ? ['[', ']'] : ['"', '"']
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(open.repeat(m.depth)),
          Buffer.from(close.repeat(m.depth)),
          out.subarray(at),
        ])
        break
      }
    }
  }
  return out
}
