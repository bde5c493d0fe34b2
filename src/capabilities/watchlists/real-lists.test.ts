import { existsSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../test/test-database.ts'
import { builtInSurveillanceList } from './built-in/surveillance-vendors.ts'
import { parseSharedLists } from './demo/shared-lists.ts'
import {
  createMatcher,
  DEFAULT_THRESHOLD,
  type Matcher,
  type MatchQuery,
} from './matching/index.ts'

const S = `${SHARED_DATA}sanctions/`
const haveData = existsSync(S)

/**
 * The matcher against the real published lists: listed names found through the variants an
 * officer meets (transliteration, order, missing parts, typos, legal forms, acronyms, original
 * script), each with an explanation; ordinary unlisted names stay quiet at the default threshold.
 */
describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('screening against the real lists', () => {
  let matcher: Matcher

  beforeAll(async () => {
    expect(haveData, `REQUIRE_SHARED_DATA=1 but ${S} is missing`).toBe(true)
    const lists = [...(await parseSharedLists(S)), builtInSurveillanceList()]
    matcher = createMatcher(
      lists.flatMap((l) =>
        l.entities.map((entity) => ({ key: `${l.source}/${entity.entityId}`, entity })),
      ),
    )
  })

  const top = (query: MatchQuery) => matcher.screen(query)[0]

  it.each([
    ['exact', 'Usama bin Laden', 'Person', 'ofac-sdn/6365'],
    ['reordered, "LAST First"', 'Bin Laden Osama', 'Person', 'ofac-sdn/6365'],
    ['reordered, Korean order', 'Jong Un Kim', 'Person', 'ofac-sdn/20157'],
    ['transliteration variant', 'Aiman Zawahri', 'Person', 'un-sc/111923'],
    ['hyphen and apostrophes', 'Ri Pyong-chol', 'Person', 'un-sc/6908654'],
    ['missing middle name', 'Joaquin Guzman Loera', 'Person', 'ofac-sdn/6861'],
    ['extra middle name and accents', 'Joaquín Archivaldo Guzmán Loera', 'Person', 'ofac-sdn/6861'],
    ['typo', 'Joaquin Guzmn Loera', 'Person', 'ofac-sdn/6861'],
    ['original script (Arabic)', 'صدام حسين التكريتي', 'Person', 'un-sc/6908048'],
    ['Cyrillic, transliterated', 'Рособоронэкспорт', 'Any', 'ofac-sdn/18782'],
    ['legal form changed', 'Rosoboronexport OAO', 'Any', 'ofac-sdn/18782'],
    ['legal form spelled out', 'Huawei Technologies Company Limited', 'Company', 'ofac-cons/30947'],
    ['acronym given as alias', 'KOMID', 'Any', 'un-sc/690735'],
    ['acronym given as alias', 'IRGC', 'Any', 'ofac-sdn/10391'],
    ['missing leading word', 'Hikvision Digital Technology Co Ltd', 'Company', 'ofac-cons/30946'],
    ['typo in an organisation', 'Bank Meli', 'Any', 'ofac-sdn/25578'],
    [
      'built-in surveillance list',
      'Intellexa SA',
      'Company',
      'glasshouse-surveillance-vendors/intellexa-sa',
    ],
  ] as const)('finds a listed name %s: %s', (_how, name, schema, key) => {
    const hit = top({ name, schema })
    expect(hit?.key, `${name} → ${hit?.key} ${hit?.explanation.summary}`).toBe(key)
    expect(hit?.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD)
    expect(hit?.explanation.summary).toMatch(/name parts match/)
    expect(hit?.explanation.parts.length).toBeGreaterThan(0)
  })

  it.each([
    ['John Smith', 'Person'],
    ['John Smith', 'Any'],
    ['Deutsche Telekom AG', 'Any'],
    ['Intel Corporation', 'Any'],
    ['Siemens AG', 'Company'],
    ['Microsoft Corporation', 'Company'],
    ['General Electric', 'Any'],
    ['Anna Müller', 'Person'],
    ['Société Générale', 'Company'],
  ] as const)('stays quiet on an ordinary unlisted name: %s (%s)', (name, schema) => {
    const hits = matcher.screen({ name, schema })
    expect(hits.map((h) => `${h.key} ${h.score.toFixed(2)} ${h.explanation.summary}`)).toEqual([])
  })

  it('lets country and birth date qualify a person hit', () => {
    const plain = top({ name: 'Saddam Hussein al-Tikriti', schema: 'Person' })
    const wrongBirth = top({
      name: 'Saddam Hussein al-Tikriti',
      schema: 'Person',
      birthDate: '1990-01-01',
    })
    expect(plain?.key).toBe('un-sc/6908048')
    expect(wrongBirth?.score ?? 0).toBeLessThan(plain?.score ?? 0)
    expect(wrongBirth?.explanation.qualifiers.map((q) => q.code)).toContain('dob_year_disjoint')
  })

  it('answers absurd queries without a hit and without crashing', () => {
    expect(matcher.screen({ name: '🙂'.repeat(50) })).toEqual([])
    expect(matcher.screen({ name: 'a'.repeat(10_000) })).toEqual([])
    expect(matcher.screen({ name: '\u0000\u0007 ,.;' })).toEqual([])
  })
})
