import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARED_DATA } from '../../../../test/test-database.ts'
import type { WatchlistEntity } from '../watchlist-entity.ts'
import type { ParsedListFiles } from './parsed-list-files.ts'
import { parseUsCsl } from './us-csl.ts'

const CSL = `${SHARED_DATA}sanctions/us-bis/us_consolidated_screening_list_sample_2019.csv`
const haveData = existsSync(CSL)
// biome-ignore lint/style/noProcessEnv: the same switch test/test-database.ts documents
const requireData = process.env.REQUIRE_SHARED_DATA === '1'

describe('US CSL from text', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glasshouse-csl-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a NUL character, which PostgreSQL cannot store, naming line and column (found by fuzzing)', async () => {
    const path = join(dir, 'nul.csv')
    const header =
      'source,entity_number,type,programs,name,title,addresses,federal_register_notice,' +
      'start_date,end_date,standard_order,license_requirement,license_policy,call_sign,' +
      'vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,' +
      'source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,' +
      'source_information_url,ids'
    await writeFile(path, `${header}\nSDN,1,Individual,,"JANE\u0000ROE"\n`)
    await expect(parseUsCsl(path)).rejects.toThrow(
      'nul.csv line 2: column 5 contains a NUL character',
    )
  })

  it('refuses a file without the CSL columns', async () => {
    const path = join(dir, 'other.csv')
    await writeFile(path, 'name,country\nX,Y\n')
    await expect(parseUsCsl(path)).rejects.toThrow(
      'other.csv line 1: missing column(s) source, entity_number',
    )
  })
})

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'the real US Consolidated Screening List extract'
    : `the real CSL extract — shared data missing at ${CSL}`,
  () => {
    let list: ParsedListFiles
    const byName = (name: string): WatchlistEntity => {
      const entity = list.entities.find((e) => e.names[0]?.value === name)
      if (!entity) throw new Error(`no entity ${name}`)
      return entity
    }
    beforeAll(async () => {
      expect(existsSync(CSL), `REQUIRE_SHARED_DATA=1 but ${CSL} is missing`).toBe(true)
      list = await parseUsCsl(CSL)
    })

    it('has all 115 rows with unique ids', () => {
      expect(list.source).toBe('us-csl')
      expect(list.stats).toEqual({ rows: 115, skippedWithoutName: 0 })
      expect(new Set(list.entities.map((e) => e.entityId)).size).toBe(115)
      const fromLists = (prefix: string) =>
        list.entities.filter((e) => e.programmes.some((p) => p.startsWith(prefix)))
      expect(fromLists('Entity List').length).toBe(22)
      expect(fromLists('Denied Persons').length).toBe(8)
    })

    it('reads an Entity List row with alternative names and an address country (7th of Tir)', () => {
      const tir = list.entities.find((e) => e.names.some((n) => n.value === 'SEVENTH OF TIR'))
      expect(tir?.names.length).toBeGreaterThan(5)
      expect(tir?.names.filter((n) => n.quality === 'good').every((n) => n.kind === 'aka')).toBe(
        true,
      )
      expect(tir?.countries).toContain('IR')
    })

    it('reads an SDN row: entity number as id, programme, tax id with its country (200G PSA HOLDINGS LLC)', () => {
      const psa = byName('200G PSA HOLDINGS LLC')
      expect(psa).toMatchObject({
        entityId: '20264',
        schema: 'Organization',
        countries: ['US'],
        programmes: ['SDNTK', 'Specially Designated Nationals (SDN)'],
        identifiers: [{ type: 'tax-id', value: '80-0890696', country: 'US' }],
        addresses: ['80 SW 8th Street Suite 2000, Miami, FL, 33130, US'],
      })
    })

    it('reads a vessel IMO number out of ids (7-28)', () => {
      expect(byName('7-28')).toMatchObject({
        schema: 'Vessel',
        identifiers: [{ type: 'imo', value: '8898831', country: null }],
        countries: ['KP'],
      })
    })

    it('gives untyped Denied Persons rows a hash id and the Person schema', () => {
      const adrian = byName('ADRIAN MANUEL HERNANDEZ')
      expect(adrian.entityId).toMatch(/^csl-[0-9a-f]{16}$/)
      expect(adrian.schema).toBe('Person')
      expect(adrian.listedOn).toBe('2017-10-16')
    })

    it('keeps birth years and nationalities of individuals', () => {
      const withDates = list.entities.filter((e) => e.birthDates.length > 0)
      expect(withDates.length).toBe(20)
      expect(list.entities.some((e) => e.birthDates.join() === '1974,1975')).toBe(true)
      expect(list.entities.filter((e) => e.countries.includes('SY')).length).toBeGreaterThan(0)
    })
  },
)
