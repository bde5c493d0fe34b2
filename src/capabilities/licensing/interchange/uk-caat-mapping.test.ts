import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_SOURCE_SHA256, testDecisionLog } from '../../../../test/factories.ts'
import {
  REQUIRE_SHARED_DATA,
  SHARED_DATA,
  useTestDatabase,
} from '../../../../test/test-database.ts'
import { resolveControlEntry } from '../../reference-data/control-entries.ts'
import { COUNTRIES, isCountryCode } from '../../reference-data/countries.ts'
import { findAuthority } from '../authority.repository.ts'
import { ImportFailedError, importLicenceRows } from './import-licences.ts'
import type { RawRow } from './licence-csv.ts'
import {
  ensureUkAuthority,
  readUkCaatLicences,
  UK_AUTHORITY,
  UK_CAAT_COUNTRY_ALIASES,
  ukCaatCountryCode,
  ukControlEntry,
} from './uk-caat-mapping.ts'

const VALUES = `${SHARED_DATA}export-licences/caat-uk-2008-2014/values.csv`
const haveData = existsSync(VALUES)
const requireData = REQUIRE_SHARED_DATA

async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = []
  for await (const row of rows) out.push(row)
  return out
}

describe('UK CAAT country names', () => {
  it.each([
    ['United States of America', 'US'],
    ['Korea, South', 'KR'],
    ['Korea, North', 'KP'],
    ['Czech Republic', 'CZ'],
    ['Hong Kong Special Administrative Region', 'HK'],
    ['Congo, Democratic Republic of', 'CD'],
    ['Republic of Congo', 'CG'],
    ['Kosovo', 'XK'],
    ['Netherlands Antilles', 'CW'],
    ['Channel Islands', 'JE'],
    ['Continental Shelf: United Kingdom sector', 'GB'],
    ['French Overseas Territory', 'FR'],
    [' Turkey ', 'TR'],
  ])('maps %s to %s', (name, code) => {
    expect(ukCaatCountryCode(name)).toBe(code)
  })

  it('maps nothing it does not know', () => {
    expect(ukCaatCountryCode('Atlantis')).toBeUndefined()
    expect(ukCaatCountryCode('constructor')).toBeUndefined()
    expect(ukCaatCountryCode('')).toBeUndefined()
  })

  it('aliases only to known codes, and only names that the English names miss', () => {
    const english = new Set(COUNTRIES.map((c) => c.name))
    for (const [name, code] of UK_CAAT_COUNTRY_ALIASES) {
      expect(isCountryCode(code), `${name} → ${code}`).toBe(true)
      expect(english.has(name), name).toBe(false)
    }
  })
})

describe('UK ratings as control entries', () => {
  it.each([
    ['5A002', '5A002', 'annex_i'],
    ['5A001', '5A001', 'annex_i'],
    ['0A001', '0A001', 'annex_i'],
    ['1C350', '1C350', 'annex_i'],
    ['ML10', 'NATIONAL:UK-ML10', 'national'],
    ['PL5017', 'NATIONAL:UK-PL5017', 'national'],
    ['End Use', 'NATIONAL:UK-END-USE', 'national'],
    ['HR AIII', 'NATIONAL:UK-HR-AIII', 'national'],
    ['Art 4B', 'NATIONAL:UK-ART-4B', 'national'],
    ['ml16', 'NATIONAL:UK-ML16', 'national'],
    ['IRN', 'NATIONAL:UK-IRN', 'national'],
  ])('maps %s to %s', (rating, entry, kind) => {
    expect(ukControlEntry(rating)).toBe(entry)
    expect(resolveControlEntry(ukControlEntry(rating))?.kind).toBe(kind)
  })
})

describe(readUkCaatLicences.name, () => {
  let folder: string
  const header = 'licence_group,date,rating,count,value,country,refused'
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'uk-caat-'))
    await writeFile(
      join(folder, 'values.csv'),
      [
        header,
        '7,2012-03-01,ML10,2,1500,Italy,0',
        '7,2012-03-01,5A002,1,250.5,Italy,0',
        '7,2012-03-01,ML1,1,,Italy,1',
        '8,2012-03-02,PL5017,1,,"Korea, South",1',
        '8,2012-03-02,XYZ9,1,,"Korea, South",1',
        '9,2012-03-03,ML4,1,10,Atlantis,0',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(folder, 'refusal-criteria.csv'),
      'licence_group,criteria,description\n7,1,x\n8,7,y\n8,2,z\n8,7,y\n',
    )
    await writeFile(
      join(folder, 'ratings.csv'),
      'rating,military,short_description,full_description\nML10,1,Old aircraft,a\nML1,1,Small arms,b\nPL5017,1,,c\n',
    )
    await writeFile(
      join(folder, 'ratings_2026-05.csv'),
      'rating,military,short_description,full_description\nML10,1,"Aircraft, drones",a\n5A002,0,Crypto,b\n',
    )
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('yields one row per line, grouped by licence, destination and decision', async () => {
    const rows = await collect(readUkCaatLicences(join(folder, 'values.csv')))
    expect(rows.map((r) => r.values.reference)).toEqual([
      'UK-7-IT',
      'UK-7-IT',
      'UK-7-IT-R',
      'UK-8-KR',
      'UK-8-KR',
      'UK-9-XX',
    ])
    expect(rows.map((r) => r.location)).toEqual([
      'values.csv line 2',
      'values.csv line 3',
      'values.csv line 4',
      'values.csv line 5',
      'values.csv line 6',
      'values.csv line 7',
    ])
    const [granted, crypto, refused, kr, unknownRating, atlantis] = rows
    expect(granted?.values).toMatchObject({
      issuing_state: 'GB',
      authority: 'gb-ecju',
      licence_type: 'individual',
      destination: 'IT',
      consignee_country: 'IT',
      end_user_country: 'IT',
      control_entry: 'NATIONAL:UK-ML10',
      item_description: 'Aircraft, drones',
      quantity: '2',
      value: '1500',
      currency: 'GBP',
      submitted_on: '2012-03-01',
      decided_on: '2012-03-01',
      decision: 'granted',
      decision_reasons: '',
      decision_explanation: '',
    })
    expect(crypto?.values).toMatchObject({ control_entry: '5A002', value: '250.5' })
    expect(crypto?.values.item_description).toBe('Crypto')
    expect(refused?.values).toMatchObject({
      decision: 'refused',
      value: '0',
      item_description: 'Small arms',
      decision_reasons: 'CP1',
    })
    expect(kr?.values.decision_reasons).toBe('CP2;CP7')
    expect(kr?.values.decision_explanation).toMatch(/criteria 2, 7/)
    expect(kr?.values.item_description).toBe('UK control entry PL5017')
    expect(unknownRating?.values.control_entry).toBe('NATIONAL:UK-XYZ9')
    expect(atlantis?.issue).toMatchObject({ field: 'destination', line: 7 })
    expect(atlantis?.issue?.message).toMatch(/Atlantis/)
  })

  it('fails with the file named when values.csv is not CAAT’s', async () => {
    await writeFile(join(folder, 'other.csv'), 'reference,destination\nA,DE\n')
    await expect(collect(readUkCaatLicences(join(folder, 'other.csv')))).rejects.toThrow(
      /other\.csv line 1, header: missing column\(s\): licence_group/,
    )
    await expect(collect(readUkCaatLicences(join(folder, 'missing.csv')))).rejects.toThrow(
      ImportFailedError,
    )
  })
})

describe('importing synthetic UK CAAT rows', () => {
  const database = useTestDatabase()

  it('adds the UK authority once and imports the split licence', async () => {
    const first = await ensureUkAuthority(database.db)
    const again = await ensureUkAuthority(database.db)
    expect(first).toMatchObject({ id: UK_AUTHORITY.id, memberState: 'GB', builtIn: false })
    expect(again).toEqual(first)
    expect(await findAuthority(database.db, 'gb-ecju')).toEqual(first)

    const folder = await mkdtemp(join(tmpdir(), 'uk-caat-'))
    try {
      const values = join(folder, 'values.csv')
      await writeFile(
        values,
        'licence_group,date,rating,count,value,country,refused\n' +
          '7,2012-03-01,ML10,2,1500,Italy,0\n7,2012-03-01,ML1,1,,Italy,1\n',
      )
      await writeFile(join(folder, 'refusal-criteria.csv'), 'licence_group,criteria\n7,2\n')
      const result = await importLicenceRows(database.db, readUkCaatLicences(values), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      })
      expect(result).toMatchObject({ applications: 2, items: 2, issueCount: 0 })
      const apps = await database.db
        .selectFrom('applications')
        .select(['reference', 'state', 'decision_reasons'])
        .where('authority_id', '=', 'gb-ecju')
        .orderBy('reference')
        .execute()
      expect(apps).toEqual([
        { reference: 'UK-7-IT', state: 'granted', decision_reasons: [] },
        { reference: 'UK-7-IT-R', state: 'refused', decision_reasons: ['CP2'] },
      ])
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})

type Expected = {
  rows: number
  groups: number
  refusedRows: number
  valueMinor: bigint
  perYear: Record<string, number>
}

/** The numbers the import must reproduce, read from values.csv without the mapping. */
async function expectedFromFile(): Promise<Expected> {
  const records = parse(await readFile(VALUES), { columns: true, bom: true }) as Record<
    string,
    string
  >[]
  const perYear: Record<string, number> = {}
  let valueMinor = 0n
  for (const r of records) {
    const year = (r.date ?? '').slice(0, 4)
    perYear[year] = (perYear[year] ?? 0) + 1
    const [whole = '0', fraction = ''] = (r.value || '0').split('.')
    valueMinor += BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
  }
  return {
    rows: records.length,
    groups: new Set(records.map((r) => r.licence_group)).size,
    refusedRows: records.filter((r) => r.refused === '1').length,
    valueMinor,
    perYear,
  }
}

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'importing the real UK CAAT values.csv'
    : `importing the real UK CAAT values.csv — shared data missing at ${VALUES}`,
  () => {
    const database = useTestDatabase()

    it('imports every line, licence, refusal, pound and year of the file', async () => {
      expect(existsSync(VALUES), `REQUIRE_SHARED_DATA=1 but ${VALUES} is missing`).toBe(true)
      const expected = await expectedFromFile()
      const db = database.db
      await ensureUkAuthority(db)
      const result = await importLicenceRows(db, readUkCaatLicences(VALUES), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      })
      expect(result.issueCount).toBe(0)
      expect(result.rows).toBe(expected.rows)
      expect(result.items).toBe(expected.rows)

      const items = db
        .selectFrom('application_items as i')
        .innerJoin('applications as a', 'a.id', 'i.application_id')
        .where('a.authority_id', '=', 'gb-ecju')
      const totals = await items
        .select([
          sql<string>`count(*)::text`.as('lines'),
          sql<string>`count(*) filter (where a.state = 'refused')::text`.as('refused'),
          sql<string>`coalesce(sum(i.value_minor) filter (where i.currency = 'GBP'), 0)::text`.as(
            'gbp',
          ),
        ])
        .executeTakeFirstOrThrow()
      expect(Number(totals.lines)).toBe(expected.rows)
      expect(Number(totals.refused)).toBe(expected.refusedRows)
      expect(BigInt(totals.gbp)).toBe(expected.valueMinor)

      const groups = await db
        .selectFrom('applications')
        .where('authority_id', '=', 'gb-ecju')
        .select(sql<string>`count(distinct split_part(reference, '-', 2))::text`.as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(groups.n)).toBe(expected.groups)

      const years = await items
        .select([
          sql<string>`to_char(a.decided_on, 'YYYY')`.as('year'),
          sql<string>`count(*)::text`.as('n'),
        ])
        .groupBy(sql`to_char(a.decided_on, 'YYYY')`)
        .execute()
      expect(Object.fromEntries(years.map((y) => [y.year, Number(y.n)]))).toEqual(expected.perYear)

      const syria = await db
        .selectFrom('applications')
        .select(['destination', 'state', 'decision_reasons'])
        .where('reference', '=', 'UK-52-SY')
        .executeTakeFirstOrThrow()
      expect(syria).toEqual({ destination: 'SY', state: 'refused', decision_reasons: ['CP1'] })
    }, 600_000)
  },
)
