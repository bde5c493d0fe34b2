import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import type { WatchlistEntity } from '../watchlist-entity.ts'
import { ListFormatError } from './list-format-error.ts'
import { classifyOfacFiles, parseOfacLegacyCsv } from './ofac-legacy-csv.ts'
import { ofacDates } from './ofac-remarks.ts'
import type { ParsedListFiles } from './parsed-list-files.ts'

const SDN_DIR = `${SHARED_DATA}sanctions/ofac-sdn-2021-07/`
const CONS_DIR = `${SHARED_DATA}sanctions/ofac-consolidated-2025-12/`
const SDN_FILES = ['sdn.csv', 'add.csv', 'alt.csv', 'sdn_comments.partial.csv'].map(
  (f) => SDN_DIR + f,
)
const CONS_FILES = ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map(
  (f) => CONS_DIR + f,
)
const haveData = SDN_FILES.every((f) => existsSync(f)) && CONS_FILES.every((f) => existsSync(f))
const requireData = REQUIRE_SHARED_DATA

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-ofac-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function files(contents: Record<string, string>): Promise<string[]> {
  const sub = await mkdtemp(join(dir, 'set-'))
  return Promise.all(
    Object.entries(contents).map(async ([name, text]) => {
      await writeFile(join(sub, name), Buffer.from(`${text}\x1A`, 'latin1'))
      return join(sub, name)
    }),
  )
}

async function failure(run: () => Promise<unknown>): Promise<ListFormatError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ListFormatError)
  return error as ListFormatError
}

const SDN_ROW =
  '10,"DOE, John","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB circa 1960; alt. DOB 01 Jan 1961 to 31 Dec 1962; nationality Iran; Passport A123 (Iran) issued 2001; a.k.a. \'JD\'."\r\n'

describe('OFAC legacy CSV from text', () => {
  it('reads a small set: programmes, remarks facts, aliases, Windows-1252 addresses', async () => {
    const paths = await files({
      'sdn.csv': SDN_ROW,
      'alt.csv': '10,1,"aka","DOE, Johnny",-0- \r\n',
      'add.csv': '10,2,"Calle Pe\xf1a 1","Madrid","Spain",-0- \r\n',
    })
    const list = await parseOfacLegacyCsv('ofac-sdn', paths)
    expect(list.entities).toEqual([
      {
        entityId: '10',
        schema: 'Person',
        names: [
          { value: 'DOE, John', quality: 'primary', kind: null },
          { value: 'DOE, Johnny', quality: 'good', kind: 'aka' },
          { value: 'JD', quality: 'low', kind: 'aka' },
        ],
        countries: ['ES', 'IR'],
        birthDates: ['1960', '1961', '1962'],
        identifiers: [{ type: 'passport', value: 'A123', country: 'IR' }],
        programmes: ['SDGT', 'IRGC'],
        listedOn: null,
        addresses: ['Calle Peña 1, Madrid, Spain'],
        remarks:
          "DOB circa 1960; alt. DOB 01 Jan 1961 to 31 Dec 1962; nationality Iran; Passport A123 (Iran) issued 2001; a.k.a. 'JD'.",
      },
    ])
  })

  it('reads the date forms OFAC writes', () => {
    expect(ofacDates('12 Jan 1960')).toEqual(['1960-01-12'])
    expect(ofacDates('Sep 1938')).toEqual(['1938-09'])
    expect(ofacDates('1946')).toEqual(['1946'])
    expect(ofacDates('circa 07 Jul 1966')).toEqual(['1966-07-07'])
    expect(ofacDates('1951 to 1953')).toEqual(['1951', '1952', '1953'])
    expect(ofacDates('circa 1979-1982')).toEqual(['1979', '1980', '1981', '1982'])
    expect(ofacDates('31 Feb 1960')).toEqual([])
  })

  it('names the file and line of a row with the wrong number of columns', async () => {
    const paths = await files({ 'sdn.csv': `${SDN_ROW}11,"SHORT ROW","individual"\r\n` })
    const error = await failure(() => parseOfacLegacyCsv('ofac-sdn', paths))
    expect(error.message).toBe('sdn.csv line 2: expected 12 columns, found 3')
  })

  it('refuses an alias for an entry the primary file does not have', async () => {
    const paths = await files({
      'sdn.csv': SDN_ROW,
      'alt.csv': '10,1,"aka","X",-0- \r\n99,2,"aka","Y",-0- \r\n',
    })
    const error = await failure(() => parseOfacLegacyCsv('ofac-sdn', paths))
    expect(error.message).toBe('alt.csv line 2: ent_num 99 is not in sdn.csv')
  })

  it('refuses a set without its primary file, and files of the other list', async () => {
    const noPrimary = await failure(() =>
      parseOfacLegacyCsv('ofac-sdn', ['/lists/add.csv', '/lists/alt.csv']),
    )
    expect(noPrimary.message).toBe(
      'add.csv: the ofac-sdn set needs sdn.csv, which was not among the files given (add.csv, alt.csv)',
    )
    expect(() => classifyOfacFiles('ofac-sdn', ['/lists/sdn.csv', '/lists/cons_alt.csv'])).toThrow(
      'cons_alt.csv: is not a file of the ofac-sdn set (expected sdn.csv, add.csv, alt.csv, sdn_comments.*.csv)',
    )
    expect(classifyOfacFiles('ofac-cons', ['/l/cons_comments.csv', '/l/CONS_PRIM.CSV'])).toEqual({
      primary: ['/l/CONS_PRIM.CSV'],
      addresses: [],
      aliases: [],
      comments: ['/l/cons_comments.csv'],
    })
  })

  it('reports an unclosed quote with the line it starts on', async () => {
    const paths = await files({ 'sdn.csv': `${SDN_ROW}12,"UNCLOSED,"individual",-0- \r\n` })
    const error = await failure(() => parseOfacLegacyCsv('ofac-sdn', paths))
    expect(error.position).toBe('line 2')
  })
})

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'the real OFAC legacy CSV files'
    : `the real OFAC legacy CSV files — shared data missing at ${SDN_DIR}`,
  () => {
    let sdn: ParsedListFiles
    let cons: ParsedListFiles
    const byId = (list: ParsedListFiles, id: string): WatchlistEntity => {
      const entity = list.entities.find((e) => e.entityId === id)
      if (!entity) throw new Error(`no entity ${id}`)
      return entity
    }
    beforeAll(async () => {
      expect(haveData, `REQUIRE_SHARED_DATA=1 but ${SDN_DIR} or ${CONS_DIR} is missing`).toBe(true)
      sdn = await parseOfacLegacyCsv('ofac-sdn', SDN_FILES)
      cons = await parseOfacLegacyCsv('ofac-cons', [...CONS_FILES].reverse())
    })

    it('has every SDN entry, alias and address of PROVENANCE.md', () => {
      expect(sdn.source).toBe('ofac-sdn')
      expect(sdn.listDate).toBeNull()
      expect(sdn.stats).toEqual({
        rows: 8976,
        aliases: 11910,
        addresses: 13837,
        comments: 5,
        skippedWithoutName: 0,
      })
      const count = (schema: string) => sdn.entities.filter((e) => e.schema === schema).length
      expect([count('Person'), count('Vessel'), count('Aircraft'), count('Organization')]).toEqual([
        4620, 406, 277, 3673,
      ])
      // 11,910 alt.csv rows minus 4 that repeat the primary name and 2 repeated within an entry.
      const strong = sdn.entities.flatMap((e) => e.names.filter((n) => n.quality === 'good'))
      expect(strong).toHaveLength(11904)
    })

    it('reads a vessel with IMO, MMSI, call sign, flag and a weak f.k.a. (ARTAVIL)', () => {
      const artavil = byId(sdn, '15036')
      expect(artavil.schema).toBe('Vessel')
      expect(artavil.names).toEqual([
        { value: 'ARTAVIL', quality: 'primary', kind: null },
        { value: 'ABADAN', quality: 'good', kind: 'fka' },
        { value: 'SHONA', quality: 'good', kind: 'fka' },
        { value: 'ALPHA', quality: 'low', kind: 'fka' },
      ])
      expect(artavil.identifiers).toEqual([
        { type: 'call-sign', value: 'T2EU4', country: null },
        { type: 'imo', value: '9187629', country: null },
        { type: 'mmsi', value: '572469210', country: null },
      ])
      expect(artavil.countries).toEqual(['IR'])
      expect(artavil.programmes).toEqual(['IRAN'])
    })

    it('keeps alt.csv aliases strong and quoted remarks aliases weak (BANCO NACIONAL DE CUBA)', () => {
      const bnc = byId(sdn, '306')
      expect(bnc.names).toEqual([
        { value: 'BANCO NACIONAL DE CUBA', quality: 'primary', kind: null },
        { value: 'NATIONAL BANK OF CUBA', quality: 'good', kind: 'aka' },
        { value: 'BNC', quality: 'low', kind: 'aka' },
      ])
      expect(bnc.addresses).toContain('Zweierstrasse 35, Zurich CH-8022, Switzerland')
      expect(bnc.countries).toEqual(['CH', 'ES', 'JP', 'PA'])
    })

    it('joins remarks continued in sdn_comments before reading them (LAZARUS-linked 28263)', () => {
      const entry = byId(sdn, '28263')
      expect(entry.remarks).toContain("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.")
      expect(entry.names).toContainEqual({ value: 'snowsjohn', quality: 'low', kind: 'aka' })
    })

    it('reads birth dates, nationality and passports of individuals', () => {
      const people = sdn.entities.filter((e) => e.schema === 'Person')
      expect(people.filter((e) => e.birthDates.length > 0).length).toBeGreaterThan(4300)
      expect(people.filter((e) => e.countries.length > 0).length).toBeGreaterThan(3500)
      expect(
        sdn.entities.flatMap((e) => e.identifiers).filter((i) => i.type === 'passport').length,
      ).toBeGreaterThan(1500)
    })

    it('has the 442 consolidated entries and their 1,073 aliases, files given in any order', () => {
      expect(cons.source).toBe('ofac-cons')
      expect(cons.stats).toEqual({
        rows: 442,
        aliases: 1073,
        addresses: 574,
        comments: 10,
        skippedWithoutName: 0,
      })
      const rusag = byId(cons, '17014')
      expect(rusag.names[0]).toEqual({
        value: 'JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK',
        quality: 'primary',
        kind: null,
      })
      expect(rusag.names).toContainEqual({ value: 'ROSSELKHOZBANK', quality: 'good', kind: 'aka' })
      // "Registration Numbe" + "r 1027700342890 (Russia)" across the comments file.
      expect(rusag.identifiers).toContainEqual({
        type: 'registration',
        value: '1027700342890',
        country: 'RU',
      })
      expect(rusag.programmes).toEqual(['UKRAINE-EO13662', 'RUSSIA-EO14024'])
    })
  },
)
