import { describe, expect, it } from 'vitest'
import { compareNames } from './compare.ts'
import { DEFAULT_THRESHOLD } from './matcher.ts'

const score = (a: string, b: string, schema: Parameters<typeof compareNames>[2] = 'Any') =>
  compareNames(a, b, schema).score

describe('compareNames: variants of the same name match', () => {
  it.each([
    ['Vladimir Putin', 'Владимир Путин', 'Person'],
    ['Aleksandr Vishnyakov', 'VISHNYAKOV, Aleksandr', 'Person'],
    ['Vladimir Putin', 'Vladimir Vladimirovich Putin', 'Person'],
    ['Olaf Scholze', 'Olaf Scholz', 'Person'],
    ['Ig0r Sech1n', 'Igor Sechin', 'Person'],
    ['Muammar Qaddafi', 'Muammar Gaddafi', 'Person'],
    ['Bashar al-Asasd', 'Bashar al-Assad', 'Person'],
    ['Abdulrahman Yasin', 'Abdul Rahman Yasin', 'Person'],
    ['Margarita-Simonyan', 'Margarita Simonyan', 'Person'],
    ['J. R. Smith', 'John Robert Smith', 'Person'],
    ['Siemens Aktiengesellschaft', 'Siemens AG', 'Company'],
    ['SiemensAG', 'Siemens AG', 'Company'],
    ['Romashka LLC', 'OOO Romashka', 'Company'],
    ['Sberbank OAO', 'Sberbank PAO', 'Company'],
    ['Acme Trading', 'ACME TRADING LIMITED', 'Company'],
    ['AT&T Inc.', 'AT and T Inc.', 'Company'],
    ['1st International Bank', 'First International Bank', 'Company'],
    ['Brigade Forty-Four', 'Brigade 44', 'Organization'],
    ['金正恩', '金正恩', 'Person'],
    // Wade-Giles ↔ Pinyin, McCune-Reischauer ↔ Revised Romanisation, syllables split or joined.
    ["Teng Hsiao-p'ing", 'Deng Xiaoping', 'Person'],
    ['Chou En-lai', 'Zhou Enlai', 'Person'],
    ['Kim Chong-il', 'Kim Jong Il', 'Person'],
    ['Gim Jeong-eun', 'Kim Jong Un', 'Person'],
    ['Kim Jong-unn', 'Kim Jong-un', 'Person'],
    // Common short forms of given names; "Abd al-" spellings.
    ['Bill Clinton', 'William Clinton', 'Person'],
    ['Abd al-Aziz Hakim', 'Abdel Aziz Hakim', 'Person'],
    // Middle names swapped; a long name cut in a legal-form word by a fixed-width field.
    ['Maria Jose Garcia Lopez', 'Maria Garcia Jose Lopez', 'Person'],
    [
      'ROSOBORONEXPORT JOINT STOCK COMPANY OF RUSSIA LIMITE',
      'Rosoboronexport Joint Stock Company of Russia Limited',
      'Company',
    ],
    // A listed name of two parts found whole in a longer query.
    ['Ahmad Karim Yusuf Hamdan', 'Ahmad Hamdan', 'Person'],
  ] as const)('%s ≈ %s', (a, b, schema) => {
    expect(score(a, b, schema)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD)
  })
})

describe('compareNames: ordinary names stay quiet', () => {
  it.each([
    ['George Bush', 'George Habbash', 'Person'],
    ['George Bush', 'George Haswani', 'Person'],
    ['Emma Daniels', 'EMMA LLC', 'Any'],
    ['BELLETECH CORP', '11420 CORP.', 'Company'],
    ['Trust 2004-1', 'Trust 2005-1', 'Company'],
    ['Deutsche Bank AG', 'Deutsche Bank GmbH', 'Company'],
    ['Bowne of Atlanta, Inc.', 'Bowne of Boston, Inc.', 'Company'],
    ['Bank of Armenia Corporation', 'Bank of America Corporation', 'Company'],
    ['Angelo Cruz', 'Angela Merkel', 'Person'],
    ['Abdullah bin Omar al-Muhammad', 'Omar bin Abdullah al-Muhammad', 'Person'],
    ['Vladimir Putin', 'Vladimir P. Kononov', 'Person'],
    ['Barack Obama', '贝拉克·奥巴马', 'Person'],
    // Romanisation folding only between names that look Chinese or Korean.
    ['Kai Larsen', 'Gai Larsen', 'Person'],
    // One Korean syllable changed is another given name.
    ['Kim Myong-sik', 'Kim Myong-guk', 'Person'],
    // Generic words alone do not make the listed organisation.
    ['Société Générale', 'Société Générale de Pain', 'Company'],
    ['International Trading', 'Kanzhu International Trading', 'Company'],
    // One given name is not a listed name of two parts.
    ['John Smith', 'John', 'Person'],
  ] as const)('%s ≠ %s', (a, b, schema) => {
    expect(score(a, b, schema)).toBeLessThan(DEFAULT_THRESHOLD)
  })
})

describe('compareNames explanations', () => {
  it('says which parts matched and how', () => {
    const { score: s, explanation } = compareNames(
      'Aleksandr Vishnyakof',
      'VISHNYAKOV, Aleksandr',
      'Person',
    )
    expect(s).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD)
    expect(explanation.summary).toBe("2 of 2 name parts match 'VISHNYAKOV, Aleksandr' (1 typo)")
    expect(explanation.parts.map((p) => [p.query, p.candidate, p.how])).toEqual([
      ['Aleksandr', 'Aleksandr', 'exact'],
      ['Vishnyakof', 'VISHNYAKOV', 'typo'],
    ])
  })

  it('names transliterations, legal forms, extra and conflicting parts', () => {
    const cyr = compareNames('Vladimir Putin', 'Владимир Путин', 'Person').explanation
    expect(cyr.parts.every((p) => p.how === 'transliterated')).toBe(true)
    const org = compareNames('Siemens Aktiengesellschaft', 'Siemens AG', 'Company').explanation
    expect(org.parts.map((p) => p.how)).toEqual(['exact', 'legal-form'])
    const extra = compareNames(
      'Vladimir Putin',
      'Vladimir Vladimirovich Putin',
      'Person',
    ).explanation
    expect(extra.parts.at(-1)).toMatchObject({
      query: '',
      candidate: 'Vladimirovich',
      how: 'extra',
    })
    expect(extra.summary).toContain("listed name also has 'Vladimirovich'")
    const numbers = compareNames('Trust 2004-1', 'Trust 2005-1', 'Company').explanation
    expect(
      numbers.parts.filter((p) => p.how === 'conflict').map((p) => p.query || p.candidate),
    ).toEqual(['2004', '2005'])
  })

  it('names romanisation variants and short forms truthfully', () => {
    const wg = compareNames("Teng Hsiao-p'ing", 'Deng Xiaoping', 'Person').explanation
    expect(wg.parts.map((p) => [p.query, p.candidate, p.how])).toEqual([
      ['Teng', 'Deng', 'transliterated'],
      ["Hsiao-p'ing", 'Xiaoping', 'transliterated'],
    ])
    expect(wg.summary).toContain('2 transliterations')
    const short = compareNames('Bill Clinton', 'William Clinton', 'Person').explanation
    expect(short.parts[0]).toMatchObject({ query: 'Bill', candidate: 'William', how: 'short-form' })
    expect(short.summary).toContain('1 short form of a given name')
  })

  it('never throws and scores nothing for input without a name', () => {
    for (const odd of ['', '😀🎉', '\u0000\u0001', '...', 'x'.repeat(10_000)]) {
      const r = compareNames(odd, 'Vladimir Putin', 'Person')
      expect(r.score).toBeLessThan(DEFAULT_THRESHOLD)
      expect(typeof r.explanation.summary).toBe('string')
    }
  })
})
