import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import { COUNTRY_INDICATORS } from './data/country-indicators.data.ts'
import { EMBARGOES } from './data/embargoes.data.ts'
import { SPYWARE_OPERATORS } from './data/spyware-operators.data.ts'
import { VICTIM_CASES } from './data/victim-cases.data.ts'
import { parseSharedEvidence, SHARED_EVIDENCE_FILES } from './shared-evidence-files.ts'

describe('the authored evidence tables', () => {
  it('carry sources and attribution for every row', () => {
    expect(Object.values(COUNTRY_INDICATORS.attribution).every((line) => line.length > 20)).toBe(
      true,
    )
    expect(
      SPYWARE_OPERATORS.every((row) => row.source !== '' && /^https?:\/\//.test(row.url)),
    ).toBe(true)
    expect(EMBARGOES.every((row) => /^https?:\/\//.test(row.sourceUrl))).toBe(true)
    expect(VICTIM_CASES.source).toContain('CC BY-NC-SA 4.0')
  })

  it('keep only facts about states: no free-text notes on operators, counts only for cases', () => {
    const operatorKeys = new Set(SPYWARE_OPERATORS.flatMap((row) => Object.keys(row)))
    expect(operatorKeys.has('notes')).toBe(false)
    for (const state of Object.values(VICTIM_CASES.states)) {
      expect(Object.keys(state).sort()).toEqual(['civilSociety', 'firstYear', 'lastYear', 'total'])
    }
  })
})

const haveData = existsSync(SHARED_DATA + SHARED_EVIDENCE_FILES.operatorStates)

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)(
  'the authored tables are derived from the shared files',
  () => {
    it('equal a fresh parse (re-run scripts/write-destination-evidence.ts if this fails)', async () => {
      const fresh = await parseSharedEvidence(SHARED_DATA)
      expect(COUNTRY_INDICATORS).toEqual(fresh.indicators)
      expect(SPYWARE_OPERATORS).toEqual(fresh.spyware)
      expect(VICTIM_CASES).toEqual(fresh.victimCases)
      expect(EMBARGOES).toEqual(fresh.embargoes)
    })
  },
)
