import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import { combineIndicators } from './combine-indicators.ts'
import { parseFreedomHouse } from './parse-freedom-house.ts'
import { parseRsf } from './parse-rsf.ts'
import { parseVdem } from './parse-vdem.ts'
import { SHARED_EVIDENCE_FILES as FILES } from './shared-evidence-files.ts'

const haveData = existsSync(SHARED_DATA + FILES.freedomHouse)

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('the publishers’ indicator files', () => {
  it('has the shared data when REQUIRE_SHARED_DATA=1', () => {
    expect(existsSync(SHARED_DATA + FILES.freedomHouse), `${SHARED_DATA} is missing`).toBe(true)
  })

  it('keeps the latest Freedom House edition per country, leaving out territories without a code', async () => {
    const fh = await parseFreedomHouse(SHARED_DATA + FILES.freedomHouse)
    expect(fh).toMatchObject({ latest: 2024, rows: 2515 })
    expect(Object.keys(fh.countries)).toHaveLength(198)
    expect(fh.countries.NO).toEqual({ edition: 2024, globalScore: 98, status: 'F' })
    expect(fh.countries.CN).toEqual({ edition: 2024, globalScore: 9, status: 'NF' })
    expect(fh.countries.XK?.status).toBe('PF')
    // Puerto Rico was last rated in the 2016 edition: its latest figure is that one.
    expect(fh.countries.PR?.edition).toBe(2016)
    expect(fh.unmatched).toHaveLength(13)
    expect(fh.unmatched).toContain('Crimea')
    expect(fh.attribution).toContain('Freedom House, Freedom in the World 2024')
  })

  it('keeps the latest V-Dem year with both indices, mapping alpha-3 to alpha-2', async () => {
    const vdem = await parseVdem(SHARED_DATA + FILES.vdem)
    expect(vdem).toMatchObject({ latest: 2023, rows: 4278 })
    expect(Object.keys(vdem.countries)).toHaveLength(176)
    expect(vdem.countries.NO).toEqual({
      year: 2023,
      liberalDemocracy: 0.836,
      civilLiberties: 0.933,
    })
    expect(vdem.countries.XK?.year).toBe(2023)
    expect(vdem.unmatched).toEqual(['PSG', 'SML', 'ZZB'])
    expect(vdem.attribution).toMatch(/V-Dem Country–Year Dataset v14.*CC BY-SA 4\.0/)
  })

  it('keeps the latest RSF year, joining Kosovo’s two codes', async () => {
    const rsf = await parseRsf(SHARED_DATA + FILES.rsf)
    expect(rsf).toMatchObject({ latest: 2025, rows: 720 })
    expect(Object.keys(rsf.countries)).toHaveLength(178)
    expect(rsf.countries.NO).toEqual({ year: 2025, score: 92.31, rank: 1 })
    expect(rsf.countries.XK?.year).toBe(2025)
    expect(rsf.unmatched).toEqual(['CSS', 'CTU', 'XCD'])
    expect(rsf.attribution).toContain('RSF World Press Freedom Index 2025')
  })

  it('combines the three into one table with an attribution line per publisher', async () => {
    const table = combineIndicators(
      await parseFreedomHouse(SHARED_DATA + FILES.freedomHouse),
      await parseVdem(SHARED_DATA + FILES.vdem),
      await parseRsf(SHARED_DATA + FILES.rsf),
    )
    expect(Object.keys(table.countries)).toHaveLength(199)
    expect(table.countries.NO?.freedomHouse?.status).toBe('F')
    expect(table.countries.NO?.rsf?.rank).toBe(1)
    // Palestine: no Freedom House row with a code, but V-Dem and RSF figures.
    expect(table.countries.PS).toMatchObject({ freedomHouse: null, vdem: { year: 2023 } })
    expect(Object.keys(table.attribution)).toEqual(['freedomHouse', 'vdem', 'rsf'])
  })
})
