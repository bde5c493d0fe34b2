import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import { isPegasusProjectState } from '../../reference-data/briefing-lists.ts'
import { parseEmbargoes } from './parse-embargoes.ts'
import { parseOperatorStates } from './parse-operator-states.ts'
import { parseVictimCases } from './parse-victim-cases.ts'
import { SHARED_EVIDENCE_FILES as FILES } from './shared-evidence-files.ts'

const haveData = existsSync(SHARED_DATA + FILES.operatorStates)

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('the spyware and embargo tables', () => {
  it('has the shared data when REQUIRE_SHARED_DATA=1', () => {
    expect(existsSync(SHARED_DATA + FILES.operatorStates), `${SHARED_DATA} is missing`).toBe(true)
  })

  it('reads every operator row with its evidence, source and verification', async () => {
    const rows = await parseOperatorStates(SHARED_DATA + FILES.operatorStates)
    expect(rows).toHaveLength(95)
    expect(new Set(rows.map((row) => row.country)).size).toBe(56)
    expect(rows.filter((row) => row.verified)).toHaveLength(10)
    expect(rows.find((row) => row.country === 'AZ' && row.spyware === 'Pegasus')).toMatchObject({
      vendor: 'NSO Group',
      evidence: 'confirmed infections',
      civilSocietyTargeted: true,
      pegasusProject: true,
      verified: false,
    })
    // No row asserts that civil society was not targeted: unknown stays unknown.
    expect(rows.some((row) => row.civilSocietyTargeted === false)).toBe(false)
    // The curator's Pegasus Project flag is the briefing's list of states.
    for (const row of rows)
      expect(row.pegasusProject, row.country).toBe(isPegasusProjectState(row.country))
  })

  it('aggregates the anonymised victim cases per operating state', async () => {
    const table = await parseVictimCases(FILES.victimCases.map((file) => SHARED_DATA + file))
    expect(table.unattributed).toBe(51)
    expect(table.states.IN).toEqual({
      total: 23,
      civilSociety: 22,
      firstYear: 2019,
      lastYear: 2019,
    })
    // One case is shared by Mexico and El Salvador (2016; 2021): each state gets its own year.
    expect(table.states.MX).toMatchObject({ total: 30, firstYear: 2014, lastYear: 2017 })
    expect(table.states.SV).toEqual({ total: 1, civilSociety: 1, firstYear: 2021, lastYear: 2021 })
    // Candiru: one activist and three staff members of unknown affiliation.
    expect(table.states.ES).toEqual({ total: 4, civilSociety: 1, firstYear: 2019, lastYear: 2020 })
    expect(Object.keys(table.states).sort()).toEqual([
      'AE',
      'BH',
      'ES',
      'IN',
      'KE',
      'MA',
      'MX',
      'SA',
      'SV',
    ])
    expect(table.source).toContain('Granitt Pegasus/Candiru Victim Database')
  })

  it('reads the embargoes with their bans, start years and sources', async () => {
    const rows = await parseEmbargoes(SHARED_DATA + FILES.embargoes)
    expect(rows).toHaveLength(35)
    expect(rows.filter((row) => row.regime === 'EU')).toHaveLength(22)
    expect(rows.filter((row) => !row.verified)).toHaveLength(23)
    expect(rows.find((row) => row.country === 'BY')).toMatchObject({
      regime: 'EU',
      scope: 'full arms embargo',
      internalRepressionBan: true,
      monitoringEquipmentBan: true,
      since: 2011,
      verified: true,
    })
    const monitoring = new Set(rows.filter((r) => r.monitoringEquipmentBan).map((r) => r.country))
    expect([...monitoring].sort()).toEqual(['BY', 'IR', 'MM', 'RU', 'SY', 'VE'])
    expect(rows.some((row) => row.regime === 'UN' && row.internalRepressionBan)).toBe(false)
  })
})
