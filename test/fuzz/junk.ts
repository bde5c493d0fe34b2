import fc from 'fast-check'

/**
 * Hostile values a client can send: what the issue 18 probe tried by hand (NUL, ids ≥ 2^63, huge
 * strings) and what fast-check finds on its own (any code point, lone surrogates, deep nesting).
 */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t',
  'tab\tinside',
  '\r\n',
  'line\nbreak',
  '\u001b[31m',
  '\u007f',
  '\uFEFF',
  '\uFFFF',
  '\uD800',
  '\u202Eevil',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂',
  'Ωμέγα',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%ZZ',
  '%',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '"; drop table applications; --',
  '=HYPERLINK("http://x")',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '99999999999999999999999999',
  '-1',
  '-9223372036854775809',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  'true',
  'null',
  '{}',
  '[]',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31T99:99:99Z',
  'de-bafa',
  'DE',
  'granted',
]

/** Any string, sometimes very long: the body limits and the field lengths are in the way. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'é', '\u0000', '𝔘', '<'), fc.integer({ min: 256, max: 70_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
)

/** Numbers out of every range a column or a zod schema has. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    2 ** 63,
    2 ** 64,
    -(2 ** 63) - 1,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Any JSON, nested up to `depth`, with hostile leaves. */
export function hostileJson(depth = 6): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      hostileString,
      hostileNumber,
      fc.constantFrom(null, true, false),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(hostileString, fc.string({ maxLength: 8 })), tie('value'), {
        maxKeys: 4,
      }),
    ),
  }))
  return value
}

/** Raw body text that is not JSON, or is JSON nested deeper than any parser wants. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.integer({ min: 100, max: 50_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 100, max: 50_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n)),
  fc.constantFrom('{', '{"a":', '{"a":1,}', "{'a':1}", '\u0000{}', '{"__proto__":{"x":1}}', 'null'),
  fc.constant(`{"intendedUse":"${'x'.repeat(3 * 1024 * 1024)}"}`),
)

/** Header values a client could send (Headers refuses CR, LF, NUL and anything past U+00FF). */
export const hostileHeaderValue: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 60 }),
    fc.constantFrom('', ' ', 'x'.repeat(10_000), 'é', '\u00ff\u00fe', '\t\t', 'null', 'undefined'),
    fc.constantFrom(...NASTY_STRINGS),
  )
  .map((value) =>
    Array.from(value, (ch) => {
      const code = ch.codePointAt(0) ?? 0
      return code === 0 || code === 10 || code === 13 ? '' : code > 0xff ? '?' : ch
    }).join(''),
  )

/** Path segments: real ones from the database, and junk that must end in a 4xx. */
export function pathSegment(known: readonly string[]): fc.Arbitrary<string> {
  const encoded = hostileString.map((s) => percentEncoded(s.slice(0, 2000)))
  const raw = fc.constantFrom('..', '.', '%2e%2e', '%2F', '%00', '%ZZ', '%', 'a%20b', '~', '%C0%AE')
  return known.length === 0
    ? fc.oneof(encoded, raw)
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...known) },
        { weight: 3, arbitrary: encoded },
        { weight: 1, arbitrary: raw },
      )
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as a client would send). */
export function percentEncoded(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  return out
}
