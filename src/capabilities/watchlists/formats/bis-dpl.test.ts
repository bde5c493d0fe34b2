import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARED_DATA } from '../../../../test/test-database.ts'
import { DPL_COLUMNS, parseBisDpl } from './bis-dpl.ts'
import { looksLikeOrganization } from './organization-words.ts'
import type { ParsedListFiles } from './parsed-list-files.ts'

const DPL = `${SHARED_DATA}sanctions/us-bis/bis_denied_persons_list_2022-09.txt`
const haveData = existsSync(DPL)
// biome-ignore lint/style/noProcessEnv: the same switch test/test-database.ts documents
const requireData = process.env.REQUIRE_SHARED_DATA === '1'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-dpl-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const row = (fields: string[]) => `${fields.map((f) => `"${f}"`).join('\t')}\n`
const HEADER = row([...DPL_COLUMNS])

describe('BIS Denied Persons List from text', () => {
  it('names the line of a row with missing columns', async () => {
    const path = join(dir, 'short.txt')
    await writeFile(path, `${HEADER}${row(['ONLY A NAME', 'STREET'])}`)
    await expect(parseBisDpl(path)).rejects.toThrow(
      'short.txt line 2: expected 12 columns, found 2',
    )
  })

  it('refuses a NUL character, which PostgreSQL cannot store, naming line and column (found by fuzzing)', async () => {
    const path = join(dir, 'nul.txt')
    const fields = ['JANE\u0000ROE', ...DPL_COLUMNS.slice(1).map(() => 'x')]
    await writeFile(path, `${HEADER}${row(fields)}`)
    await expect(parseBisDpl(path)).rejects.toThrow(
      'nul.txt line 2: column 1 contains a NUL character',
    )
  })

  it('refuses a file with another header', async () => {
    const path = join(dir, 'csl.txt')
    await writeFile(path, 'source\tname\n')
    await expect(parseBisDpl(path)).rejects.toThrow(
      'csl.txt line 1: expected the header Name, Street_Address',
    )
  })

  it('types a row by legal-form words only', () => {
    expect(looksLikeOrganization('SIGNAL MICRO SYSTEMS, INC.')).toBe(true)
    expect(looksLikeOrganization('COTRICOM S.A.')).toBe(true)
    expect(looksLikeOrganization('SYNAPTIX.NET')).toBe(true)
    expect(looksLikeOrganization('ROBERT J. SHUBERT, SR.')).toBe(false)
    expect(looksLikeOrganization('ABU AL-JUD')).toBe(false)
  })
})

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'the real BIS Denied Persons List'
    : `the real BIS Denied Persons List — shared data missing at ${DPL}`,
  () => {
    let list: ParsedListFiles
    beforeAll(async () => {
      expect(existsSync(DPL), `REQUIRE_SHARED_DATA=1 but ${DPL} is missing`).toBe(true)
      list = await parseBisDpl(DPL)
    })

    it('has one entity per row, 581, each with its own stable id', () => {
      expect(list.source).toBe('bis-dpl')
      expect(list.stats).toEqual({ rows: 581, skippedWithoutName: 0 })
      expect(list.entities).toHaveLength(581)
      expect(new Set(list.entities.map((e) => e.entityId)).size).toBe(581)
      // Two rows are repeated verbatim in the file; the repeat keeps its own id.
      expect(
        list.entities
          .filter((e) => e.entityId.endsWith('-2'))
          .map((e) => e.names[0]?.value)
          .sort(),
      ).toEqual(['DAQING ZHOU', 'NEI-CHIEN CHU'])
    })

    it('gives the same ids on a second read', async () => {
      const again = await parseBisDpl(DPL)
      expect(again.entities.map((e) => e.entityId)).toEqual(list.entities.map((e) => e.entityId))
    })

    it('reads an order against a company with its address, country and dates (AIR FREIGHT LTD, Dubai)', () => {
      const dubai = list.entities.find(
        (e) => e.names[0]?.value === 'AIR FREIGHT LTD' && e.countries[0] === 'AE',
      )
      expect(dubai).toMatchObject({
        schema: 'Organization',
        names: [{ value: 'AIR FREIGHT LTD', quality: 'primary', kind: null }],
        countries: ['AE'],
        addresses: ['P.O. BOX 28360, DUBAI, AE'],
        listedOn: '2022-05-13',
        programmes: ['DPL', 'DPL standard order'],
      })
      expect(dubai?.remarks).toContain('FR citation: 80 F.R. 30435 5/28/15')
    })

    it('reads an individual and maps PRC to CN', () => {
      const people = list.entities.filter((e) => e.schema === 'Person')
      expect(people.length).toBeGreaterThan(400)
      expect(people.find((e) => e.names[0]?.value === 'AARON ABRAHAM VILLA')).toMatchObject({
        addresses: ['3415 RIVERA AVENUE, EL PASO, TX, 79905'],
        listedOn: '2022-08-24',
        countries: [],
      })
      const prc = list.entities.filter((e) => e.addresses.some((a) => a.endsWith(', PRC')))
      expect(prc.map((e) => e.countries)).toEqual([['CN'], ['CN']])
    })

    it('imports the row with the 3017-08-22 Last_Update typo', () => {
      const typo = list.entities.find((e) => e.remarks?.includes('Last update: 3017-08-22'))
      expect(typo?.names[0]?.value).toBe('MANSOUR ZADEH')
      expect(typo?.listedOn).toBe('2017-08-10')
    })
  },
)
