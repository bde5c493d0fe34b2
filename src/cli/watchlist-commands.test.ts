import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PLANTED_FORMULAS } from '../../test/csv-formula-fixtures.ts'
import { useTestDatabase } from '../../test/test-database.ts'
import type { ScreeningHit } from '../capabilities/watchlists/screening.service.ts'
import { screeningCsv, screenNames } from './watchlist-commands.ts'

const database = useTestDatabase()

const PLANTED = PLANTED_FORMULAS

const read = (text: string): Record<string, string>[] => parse(text, { columns: true })

function hit(value: string): ScreeningHit {
  return {
    source: 'test-list',
    entityId: 'E1',
    caption: value,
    schema: 'Company',
    score: 0.91,
    matchedName: value,
    programmes: [],
    countries: [],
    listedOn: null,
    explanation: { summary: value, matchedName: value, parts: [], qualifiers: [] },
  }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe(screeningCsv.name, () => {
  it('neutralises names, captions and explanations that start like a formula; scores stay numbers', () => {
    const text = screeningCsv({
      threshold: 0.8,
      lists: [],
      results: PLANTED.map((value) => ({ query: { name: value }, hits: [hit(value)] })),
    })
    const records = read(text)
    expect(records).toHaveLength(PLANTED.length)
    for (const [i, record] of records.entries()) {
      const value = `'${PLANTED[i]}`
      expect(record).toEqual({
        name: value,
        rank: '1',
        score: '0.91',
        source: 'test-list',
        entity_id: 'E1',
        caption: value,
        schema: 'Company',
        matched_name: value,
        explanation: value,
      })
    }
    expect(text.split('\n')[1]).toMatch(/,1,0\.91,test-list,E1,/)
  })

  it('is what `glasshouse screen --csv FILE` prints', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'screen-csv-')), 'parties.csv')
    const names = PLANTED.map((value) => value.trim())
    writeFileSync(
      file,
      `name\n${names.map((n) => `"${n.replaceAll('"', '""')}"`).join('\n')}\nNordlicht Systems GmbH\n`,
    )
    const written: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    await screenNames(database.db, () => {}, {
      names: [],
      csv: file,
      schema: undefined,
      country: undefined,
      threshold: undefined,
      defaultThreshold: undefined,
      json: false,
    })
    vi.restoreAllMocks()
    const records = read(written.join(''))
    expect(records.map((r) => r.name)).toEqual([
      ...names.map((n) => `'${n}`),
      'Nordlicht Systems GmbH',
    ])
    expect(records.every((r) => r.explanation === 'no hit' && r.rank === '0')).toBe(true)
  })
})
