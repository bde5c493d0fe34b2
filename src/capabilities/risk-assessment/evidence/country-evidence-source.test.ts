import { describe, expect, it } from 'vitest'
import { createCountryEvidenceSource } from './country-evidence-source.ts'
import type { SpywareOperatorRow } from './evidence-tables.ts'

const defaults = createCountryEvidenceSource()

function operator(row: Partial<SpywareOperatorRow>): SpywareOperatorRow {
  return {
    country: 'ZZ',
    spyware: 'Example',
    vendor: 'Vendor',
    firstReported: 2020,
    evidence: 'suspected operator via network scanning',
    civilSocietyTargeted: null,
    pegasusProject: false,
    source: 'Report',
    url: 'https://example.org',
    verified: false,
    ...row,
  }
}

describe('createCountryEvidenceSource', () => {
  it('gives a Pegasus Project state its indicators, spyware and victim cases', () => {
    const evidence = defaults.forCountry('AE')
    expect(evidence.pegasusProject).toBe(true)
    expect(evidence.indicators.freedomHouse?.status).toBe('NF')
    expect(evidence.indicators.attribution).toContain('Freedom House, Freedom in the World 2024')
    expect(evidence.indicators.attribution).toContain('RSF World Press Freedom Index 2025')
    expect(evidence.victimCases).toMatchObject({
      total: 13,
      source: expect.stringContaining('Granitt'),
    })
    expect(evidence.spyware.map((row) => row.spyware)).toContain('Pegasus')
    expect(evidence.embargoes).toEqual([])
  })

  it('sorts spyware evidence strongest first', () => {
    const ranks = [
      'official admission',
      'court/inquiry finding',
      'confirmed infections',
      'leaked records',
      'platform threat intelligence',
      'procurement/trade records',
      'suspected operator via network scanning',
    ]
    for (const code of ['AE', 'HU', 'ID', 'SA', 'KZ']) {
      const order = defaults.forCountry(code).spyware.map((row) => ranks.indexOf(row.evidence))
      expect(order, code).toEqual([...order].sort((a, b) => a - b))
    }
    expect(defaults.forCountry('HU').spyware[0]?.evidence).toBe('official admission')
  })

  it('gives Belarus its EU arms embargo with the repression and monitoring bans', () => {
    expect(defaults.forCountry('BY').embargoes).toEqual([
      expect.objectContaining({
        regime: 'EU',
        scope: 'full arms embargo',
        internalRepressionBan: true,
        monitoringEquipmentBan: true,
        since: '2011',
        verified: true,
      }),
    ])
  })

  it('gives Norway high free scores and nothing else', () => {
    const evidence = defaults.forCountry('NO')
    expect(evidence.indicators.freedomHouse).toMatchObject({ status: 'F', globalScore: 98 })
    expect(evidence.indicators.rsf?.rank).toBe(1)
    expect(evidence).toMatchObject({
      pegasusProject: false,
      spyware: [],
      victimCases: null,
      embargoes: [],
    })
  })

  it('gives a country without data nulls and empty lists', () => {
    expect(defaults.forCountry('AQ')).toEqual({
      country: 'AQ',
      indicators: { freedomHouse: null, vdem: null, rsf: null, attribution: '' },
      pegasusProject: false,
      spyware: [],
      victimCases: null,
      embargoes: [],
    })
  })

  it('uses the tables it is given instead of the authored ones', () => {
    const source = createCountryEvidenceSource({
      spyware: [
        operator({ evidence: 'suspected operator via network scanning', spyware: 'Scan' }),
        operator({ evidence: 'court/inquiry finding', spyware: 'Court' }),
        operator({ evidence: 'court/inquiry finding', spyware: 'Verified court', verified: true }),
      ],
      embargoes: [],
    })
    expect(source.forCountry('ZZ').spyware.map((row) => row.spyware)).toEqual([
      'Verified court',
      'Court',
      'Scan',
    ])
    expect(source.forCountry('BY').embargoes).toEqual([])
    expect(source.forCountry('NO').indicators.freedomHouse?.status).toBe('F')
  })

  it('returns the same frozen evidence on every call', () => {
    const first = defaults.forCountry('MX')
    expect(defaults.forCountry('MX')).toBe(first)
    expect(Object.isFrozen(first.spyware)).toBe(true)
    expect(defaults.forCountry('AQ')).toBe(defaults.forCountry('AQ'))
  })
})
