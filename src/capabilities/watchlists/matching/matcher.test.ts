import { describe, expect, it } from 'vitest'
import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'
import { createMatcher, DEFAULT_THRESHOLD } from './index.ts'

function entity(
  id: string,
  schema: EntitySchema,
  names: string[],
  extra: Partial<WatchlistEntity> = {},
): { key: string; entity: WatchlistEntity } {
  return {
    key: `test:${id}`,
    entity: {
      entityId: id,
      schema,
      names: names.map((value, i) => ({
        value,
        quality: i === 0 ? 'primary' : 'good',
        kind: null,
      })),
      countries: [],
      birthDates: [],
      identifiers: [],
      programmes: [],
      listedOn: null,
      addresses: [],
      remarks: null,
      ...extra,
    },
  }
}

/** Plausible listed names, in the shapes the real lists use. */
const CORPUS = [
  entity('1', 'Person', ['VISHNYAKOV, Aleksandr', 'Александр Вишняков'], {
    countries: ['RU'],
    birthDates: ['1965-03-14'],
  }),
  entity('2', 'Person', ['HABBASH, George'], { countries: ['PS'] }),
  entity('3', 'Person', ['HASWANI, George'], { countries: ['SY'] }),
  entity('4', 'Person', ['SMITH MARTINEZ, Johnathan Ezequiel']),
  entity('5', 'Company', ['EMMA LLC']),
  entity('6', 'Company', ['11420 CORP.']),
  entity('7', 'Company', ['DEUTSCHE BANK FOR TRADE AND DEVELOPMENT OAO']),
  entity('8', 'Company', ['INTELLIGENCE SYSTEMS CORPORATION']),
  entity('9', 'Company', ['TELECOM MANAGEMENT GROUP LIMITED']),
  entity('10', 'Organization', ['AL-QAIDA', 'AL QAEDA', 'THE BASE']),
  entity('11', 'Company', ['Open Joint Stock Company Sberbank of Russia', 'SBERBANK PAO'], {
    identifiers: [{ type: 'registration', value: '1027700132195', country: 'RU' }],
  }),
  entity('12', 'Vessel', ['ADRIAN DARYA 1']),
  entity('13', 'Person', ['KIM, Jong Un', '김정은']),
  entity('14', 'Person', ['JOHNSON, Smithers']),
  entity('15', 'Company', ['TELEKOM DEUTSCHLAND HOLDINGS FZE']),
  entity('16', 'Person', ['DENG, Xiaoping']),
  entity('17', 'Person', ['CLINTON, William Jefferson']),
]

const matcher = createMatcher(CORPUS)

describe('createMatcher', () => {
  it('indexes every entry', () => {
    expect(matcher.size).toBe(CORPUS.length)
  })

  it('finds listed parties under variants, best first, with an explanation', () => {
    const queries: [string, string][] = [
      ['Aleksandr Vishnyakov', 'test:1'],
      ['Alexandr VISHNYAKOF', 'test:1'],
      ['Вишняков Александр', 'test:1'],
      ['al Qaeda', 'test:10'],
      ['Sberbank of Russia PJSC', 'test:11'],
      ['Kim Jong-un', 'test:13'],
      ['김정은', 'test:13'],
      // Found through romanisation keys and short forms, not only scored by them.
      ['Kim Chong-un', 'test:13'],
      ["Teng Hsiao-p'ing", 'test:16'],
      ['Bill Jefferson Clinton', 'test:17'],
    ]
    for (const [name, key] of queries) {
      const hits = matcher.screen({ name })
      expect(hits[0]?.key, name).toBe(key)
      for (const hit of hits) {
        expect(hit.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD)
        expect(hit.explanation.summary).toMatch(/name parts match/)
        expect(hit.explanation.parts.length).toBeGreaterThan(0)
        expect(hit.explanation.matchedName).not.toBe('')
      }
    }
  })

  it('keeps ordinary names quiet', () => {
    for (const name of [
      'John Smith',
      'George Bush',
      'Emma Daniels',
      'BELLETECH CORP',
      'Deutsche Telekom AG',
      'Intel Corporation',
      'Daniel Johnson',
      'Telecom Italia S.p.A.',
    ]) {
      expect(matcher.screen({ name }), name).toEqual([])
    }
  })

  it('applies qualifiers and explains them', () => {
    const [same] = matcher.screen({
      name: 'Aleksandr Vishnyakov',
      countries: ['RU'],
      birthDate: '1965',
    })
    expect(same?.explanation.summary).toContain('country matches (RU)')
    expect(same?.explanation.qualifiers.map((q) => q.code)).toEqual(['country_match', 'dob_match'])
    const other = matcher.screen(
      { name: 'Aleksandr Vishnyakov', countries: ['FR'], birthDate: '1990-01-01' },
      { threshold: 0 },
    )[0]
    expect(other?.explanation.qualifiers.map((q) => q.code)).toEqual([
      'country_mismatch',
      'dob_year_disjoint',
    ])
    expect(other?.score).toBeLessThan(same?.score ?? 0)
    const vessel = matcher.screen({ name: 'Adrian Darya 1', schema: 'Person' }, { threshold: 0 })[0]
    expect(vessel?.explanation.qualifiers[0]?.code).toBe('schema_mismatch')
  })

  it('lifts an identical identifier even when the name differs', () => {
    const [hit] = matcher.screen({
      name: 'Savings Bank',
      identifiers: [{ type: 'ogrn', value: '1027700 132195' }],
    })
    expect(hit?.key).toBe('test:11')
    expect(hit?.score).toBeGreaterThanOrEqual(0.95)
    expect(hit?.explanation.qualifiers.map((q) => q.code)).toContain('identifier_match')
  })

  it('honours threshold and limit', () => {
    expect(matcher.screen({ name: 'George' }, { threshold: 0, limit: 1 })).toHaveLength(1)
    expect(matcher.screen({ name: 'Aleksandr Vishnyakov' }, { limit: 0 })).toEqual([])
  })

  it('answers odd input without throwing', () => {
    for (const name of [
      'x'.repeat(10_000),
      'Aleksandr Vishnyakov '.repeat(500),
      '😀🎉🔥',
      '\u0000\u0001\u0002',
      '',
      '   ',
      '...',
      '\ud800',
    ]) {
      const hits = matcher.screen({ name })
      expect(Array.isArray(hits)).toBe(true)
    }
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input from an untyped caller
    expect(matcher.screen({ name: null as any })).toEqual([])
  })

  it('works on an empty corpus', () => {
    expect(createMatcher([]).screen({ name: 'Vladimir Putin' })).toEqual([])
  })
})
