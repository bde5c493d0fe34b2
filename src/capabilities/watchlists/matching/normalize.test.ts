import { describe, expect, it } from 'vitest'
import { analyseName, PartKind } from './normalize.ts'

const tokens = (raw: string, cls: Parameters<typeof analyseName>[1] = 'any') =>
  analyseName(raw, cls).tokens

describe('analyseName', () => {
  it('applies NFKC, folds case and removes diacritics', () => {
    expect(tokens('Ｓｅｃｈｉｎ')).toEqual(['sechin'])
    expect(tokens('Recep Tayyip ERDOĞAN')).toEqual(['recep', 'tayyip', 'erdogan'])
    expect(tokens('Müller-Lüdenscheidt')).toEqual(['muller', 'ludenscheidt'])
  })

  it('transliterates Cyrillic and Greek, keeps Arabic and Han in their own script', () => {
    expect(tokens('Владимир Владимирович Путин', 'person')).toEqual([
      'vladimir',
      'vladimirovich',
      'putin',
    ])
    expect(tokens('Αλέξης Τσίπρας', 'person')).toEqual(['alexis', 'tsipras'])
    expect(tokens('أسامة بن لادن', 'person')[0]).toMatch(/^[\u0600-\u06ff]+$/)
    expect(tokens('金正恩', 'person')).toEqual(['金正恩'])
  })

  it('reorders "LAST, First" for persons and drops honorifics', () => {
    expect(tokens('VISHNYAKOV, Aleksandr', 'person')).toEqual(['aleksandr', 'vishnyakov'])
    expect(tokens('Sheikh Dr. Abdullah Azzam', 'person')).toEqual(['abdullah', 'azzam'])
  })

  it('handles apostrophes, hyphens and particles', () => {
    expect(tokens("O'Brien", 'person')).toEqual(['obrien'])
    const q = analyseName('Abu al-Rahman', 'person')
    expect(q.tokens).toEqual(['abu', 'al', 'rahman'])
    expect(q.kinds[1]).toBe(PartKind.stop)
    // "Abd al-" and its one-word spellings are one name.
    expect(tokens('Abd al-Rahman', 'person')).toEqual(['abdul', 'rahman'])
    expect(tokens('Abdel Rahman', 'person')).toEqual(['abdul', 'rahman'])
  })

  it('keeps initials of persons as initials', () => {
    const n = analyseName('J. R. Smith', 'person')
    expect(n.tokens).toEqual(['j', 'r', 'smith'])
    expect(n.kinds.slice(0, 2)).toEqual([PartKind.initial, PartKind.initial])
  })

  it('canonicalises legal forms at the edges of organisation names', () => {
    const cases: [string, string[]][] = [
      ['Siemens Aktiengesellschaft', ['siemens', 'ag']],
      ['Siemens AG', ['siemens', 'ag']],
      ['Acme L.L.C.', ['acme', 'llc']],
      ['OOO Romashka', ['llc', 'romashka']],
      ['Общество с ограниченной ответственностью Ромашка', ['llc', 'romashka']],
      ['Bank Rossiya PAO', ['bank', 'rossiya', 'pjsc']],
      ['Foo S.à r.l.', ['foo', 'sarl']],
      ['Hon Hai Precision Industry Co., Ltd.', ['hon', 'hai', 'precision', 'industry', 'ltd']],
      ['Banco Santander, S.A.', ['banco', 'santander', 'sa']],
    ]
    for (const [raw, expected] of cases) {
      const n = analyseName(raw, 'org')
      expect(n.tokens, raw).toEqual(expected)
      expect(
        n.kinds[
          n.tokens.indexOf(
            expected.find((t) => n.kinds[n.tokens.indexOf(t)] === PartKind.legal) ?? '',
          )
        ],
      ).toBe(PartKind.legal)
    }
  })

  it('does not read legal forms into person names', () => {
    expect(analyseName('Ao Lin', 'person').kinds).toEqual([PartKind.name, PartKind.name])
  })

  it('keeps numbers as numbers and reads digits typed for letters', () => {
    const n = analyseName('Trust 2004-1', 'org')
    expect(n.tokens).toEqual(['trust', '2004', '1'])
    expect(n.kinds.slice(1)).toEqual([PartKind.number, PartKind.number])
    expect(tokens('Ig0r Sech1n', 'person')).toEqual(['igor', 'sechin'])
    expect(tokens('Brigade Forty-Four', 'org')).toEqual(['brigade', '44'])
  })

  it('survives odd input', () => {
    expect(tokens('😀🎉🔥')).toEqual([])
    expect(tokens('\u0000\u0007\u200b')).toEqual([])
    expect(tokens('')).toEqual([])
    expect(tokens('a'.repeat(10_000)).length).toBeLessThanOrEqual(1)
    expect(tokens('x '.repeat(5_000)).length).toBeLessThanOrEqual(24)
  })
})
