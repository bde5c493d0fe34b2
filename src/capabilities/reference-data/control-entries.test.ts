import { describe, expect, it } from 'vitest'
import {
  CONTROL_ENTRIES,
  isAncestorOrSame,
  normaliseControlEntry,
  resolveControlEntry,
  TechnologyCategorySchema,
} from './control-entries.ts'

const REQUIRED = [
  '4A005',
  '4D004',
  '4E001',
  '4E001.a',
  '4E001.c',
  '5A001',
  '5A001.f',
  '5A001.f.1',
  '5A001.f.2',
  '5A001.f.3',
  '5A001.f.4',
  '5A001.j',
  '5B001',
  '5D001',
  '5D001.a',
  '5D001.c',
  '5D001.e',
  '5E001',
  '5E001.a',
  '5A002',
  '5A004',
  '5A004.a',
  '5A004.b',
  '5D002',
  '5D002.a.3.b',
  '5D002.c.3.b',
  '5E002',
]
const LISTED_BY_2024_2659 = [
  '5A001.f',
  '5A001.j',
  '4A005',
  '4D004',
  '5A004.b',
  '5D002.a.3.b',
  '5D002.c.3.b',
]

function entry(code: string) {
  const found = CONTROL_ENTRIES.find((e) => e.code === code)
  if (found === undefined) throw new Error(`missing ${code}`)
  return found
}

describe('CONTROL_ENTRIES', () => {
  it('holds the required Annex I entries, the ten category roots and ART5, each once', () => {
    const codes = CONTROL_ENTRIES.map((e) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of [...REQUIRED, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'ART5']) {
      expect(codes).toContain(code)
    }
  })

  it('flags the listed cyber-surveillance items of Rec. 2024/2659 and their sub-items', () => {
    for (const code of [
      ...LISTED_BY_2024_2659,
      '5A001.f.1',
      '5A001.f.2',
      '5A001.f.3',
      '5A001.f.4',
    ]) {
      expect(entry(code).cyberSurveillance, code).toBe(true)
    }
    expect(entry('4E001.c').cyberSurveillance).toBe(true)
    expect(entry('5D001.e').cyberSurveillance).toBe(true)
    expect(entry('ART5').cyberSurveillance).toBe(true)
  })

  it('does not flag crypto, parents or broad software/technology entries', () => {
    for (const code of [
      '5A002',
      '5A004.a',
      '5D002',
      '5E002',
      '5A001',
      '5D001.a',
      '5E001.a',
      '4E001.a',
      '5',
    ]) {
      expect(entry(code).cyberSurveillance, code).toBe(false)
    }
  })

  it('assigns the technology categories', () => {
    expect(entry('4A005').technology).toBe('intrusion')
    expect(entry('4E001.c').technology).toBe('intrusion')
    expect(entry('5A001.f.2').technology).toBe('mobile_interception')
    expect(entry('5A001.j').technology).toBe('ip_network_surveillance')
    expect(entry('5D001.e').technology).toBe('li_analysis')
    expect(entry('5D002.c.3.b').technology).toBe('forensic_extraction')
    expect(entry('5A004.a').technology).toBe('cryptography')
    expect(entry('3').technology).toBe('other')
    for (const e of CONTROL_ENTRIES)
      expect(TechnologyCategorySchema.options).toContain(e.technology)
  })

  it('carries a source on every row and marks the unread 5A001.f wording unverified', () => {
    for (const e of CONTROL_ENTRIES) expect(e.source.length, e.code).toBeGreaterThan(10)
    expect(entry('5A001.f.1').verification).toBe('unverified')
    expect(entry('5A001.j').verification).toBe('verified')
    expect(entry('5').title).toBe('Category 5 — Telecommunications and "information security"')
  })
})

describe('normaliseControlEntry', () => {
  it.each([
    ['5a001.J', '5A001.j'],
    ['  5d002.C.3.B ', '5D002.c.3.b'],
    ['5A001.f.4.', '5A001.f.4'],
    ['art5', 'ART5'],
    ['Art. 5', 'ART5'],
    ['national:abc', 'NATIONAL:ABC'],
    ['National: 0a521/x ', 'NATIONAL:0A521/X'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseControlEntry(input)).toBe(expected)
  })
})

describe('resolveControlEntry', () => {
  it('returns a listed entry itself', () => {
    const resolved = resolveControlEntry('5a001.j')
    expect(resolved).toMatchObject({ code: '5A001.j', kind: 'annex_i', cyberSurveillance: true })
    expect(resolved?.entry.code).toBe('5A001.j')
    expect(resolved?.technology).toBe('ip_network_surveillance')
  })

  it('walks up to the nearest ancestor in the table', () => {
    expect(resolveControlEntry('5A001.f.1.a')?.entry.code).toBe('5A001.f.1')
    expect(resolveControlEntry('5A001.j.2')?.entry.code).toBe('5A001.j')
    expect(resolveControlEntry('5A001.j.2')?.cyberSurveillance).toBe(true)
    expect(resolveControlEntry('5A001.b.2')?.entry.code).toBe('5A001')
    expect(resolveControlEntry('5A001.b.2')?.cyberSurveillance).toBe(false)
  })

  it('resolves any well-formed entry to a non-cyber category root at worst', () => {
    const resolved = resolveControlEntry('1C351.d')
    expect(resolved).toMatchObject({ code: '1C351.d', kind: 'annex_i', cyberSurveillance: false })
    expect(resolved?.entry.code).toBe('1')
    expect(resolveControlEntry('5A003')?.entry.code).toBe('5')
  })

  it('resolves ART5 and national codes', () => {
    expect(resolveControlEntry('art5')).toMatchObject({
      code: 'ART5',
      kind: 'art5',
      cyberSurveillance: true,
      technology: 'other',
    })
    const national = resolveControlEntry('national:abc-1')
    expect(national).toMatchObject({
      code: 'NATIONAL:ABC-1',
      kind: 'national',
      cyberSurveillance: false,
      technology: 'other',
    })
    expect(national?.entry.code).toBe('NATIONAL:ABC-1')
    expect(resolveControlEntry(`NATIONAL:${'A'.repeat(40)}`)).toBeDefined()
  })

  it.each([
    '5Z999',
    'XYZ',
    '',
    '   ',
    'NATIONAL:',
    `NATIONAL:${'A'.repeat(41)}`,
    'NATIONAL:A B',
    '5',
    '5A01',
    '5A001..j',
    '5A001.j!',
    'ART6',
  ])('rejects %j', (input) => {
    expect(resolveControlEntry(input)).toBeUndefined()
  })
})

describe('isAncestorOrSame', () => {
  it('matches the same entry and ancestors in either order', () => {
    expect(isAncestorOrSame('5A001.j', '5A001.j')).toBe(true)
    expect(isAncestorOrSame('5A001.j', '5A001.j.1')).toBe(true)
    expect(isAncestorOrSame('5A001.j.1', '5a001.J')).toBe(true)
    expect(isAncestorOrSame('5A001', '5A001.f.2')).toBe(true)
  })

  it('does not match siblings, look-alike prefixes or category roots', () => {
    expect(isAncestorOrSame('5A001.j', '5A001.f')).toBe(false)
    expect(isAncestorOrSame('5A001.f.1', '5A001.f.10')).toBe(false)
    expect(isAncestorOrSame('5A00', '5A001')).toBe(false)
    expect(isAncestorOrSame('5', '5A002')).toBe(false)
    expect(isAncestorOrSame('5A002', '5')).toBe(false)
  })

  it('matches ART5 and national codes only with themselves', () => {
    expect(isAncestorOrSame('ART5', 'art5')).toBe(true)
    expect(isAncestorOrSame('national:x1', 'NATIONAL:X1')).toBe(true)
    expect(isAncestorOrSame('NATIONAL:X1', 'NATIONAL:X1.A')).toBe(false)
    expect(isAncestorOrSame('ART5', '5A001.j')).toBe(false)
    expect(isAncestorOrSame('', '')).toBe(false)
  })
})
