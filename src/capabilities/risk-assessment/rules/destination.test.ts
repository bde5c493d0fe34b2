import { describe, expect, it } from 'vitest'
import type { CountryEvidence } from '../evidence/country-evidence.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { destinationEmbargo } from './destination-embargo.ts'
import { destinationIndicators } from './destination-indicators.ts'
import { destinationPegasusProject } from './destination-pegasus-project.ts'
import { destinationSpywareAbuse } from './destination-spyware-abuse.ts'
import {
  assessmentInput,
  countryEvidence,
  GOOD_INDICATORS,
  INTRUSION_ITEM,
  policyWith,
} from './test-input.ts'

type Spyware = CountryEvidence['spyware'][number]
type Embargo = CountryEvidence['embargoes'][number]

function withEvidence(country: string, evidence: Partial<CountryEvidence>) {
  return assessmentInput({
    destination: country,
    destinationEvidence: countryEvidence({ country, ...evidence }),
  })
}

describe('destination.indicators', () => {
  const poor: CountryEvidence['indicators'] = {
    freedomHouse: { edition: 2024, globalScore: 9, status: 'NF' },
    vdem: { year: 2023, liberalDemocracy: 0.09, civilLiberties: 0.45 },
    rsf: { year: 2024, score: 48.1, rank: 140 },
    attribution: 'Freedom House 2024; V-Dem v14; RSF 2024',
  }

  it('takes the worst reading and shows every figure with its publisher', () => {
    const [finding] = destinationIndicators.evaluate(
      withEvidence('AE', { indicators: poor }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('high')
    expect(finding?.reasonCodes).toEqual(['CP2'])
    expect(finding?.evidence).toContain("Freedom House 2024: 'Not Free', global score 9/100")
    expect(finding?.evidence).toContain('liberal democracy index 0.09')
    expect(finding?.evidence).toContain('civil liberties index 0.45')
    expect(finding?.evidence).toContain(
      'RSF World Press Freedom Index 2024: score 48.1/100, rank 140',
    )
    expect(finding?.evidence).toContain('Sources: Freedom House 2024; V-Dem v14; RSF 2024')
  })

  it('is medium when only a medium threshold is crossed', () => {
    const indicators = { ...GOOD_INDICATORS, rsf: { year: 2024, score: 50, rank: 90 } }
    const [finding] = destinationIndicators.evaluate(
      withEvidence('XX', { indicators }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('medium')
    expect(finding?.title).toContain('RSF')
  })

  it('records good figures at info, without reason codes', () => {
    const [finding] = destinationIndicators.evaluate(
      withEvidence('NO', { indicators: GOOD_INDICATORS }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('info')
    expect(finding?.reasonCodes).toEqual([])
  })

  it('is unknown when all three are missing, and names the missing ones otherwise', () => {
    const [unknown] = destinationIndicators.evaluate(assessmentInput(), DEFAULT_POLICY)
    expect(unknown?.severity).toBe('unknown')
    expect(unknown?.evidence).toContain('No Freedom House, V-Dem or RSF figures')
    const partial = { ...GOOD_INDICATORS, vdem: null, rsf: null }
    const [finding] = destinationIndicators.evaluate(
      withEvidence('NO', { indicators: partial }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('info')
    expect(finding?.evidence).toContain('No figures on record from: V-Dem, RSF')
  })

  it('takes its thresholds from the policy', () => {
    const policy = policyWith((p) => {
      p.destination.freedomHouse = { highBelow: 101, mediumBelow: 101 }
    })
    const [finding] = destinationIndicators.evaluate(
      withEvidence('NO', { indicators: GOOD_INDICATORS }),
      policy,
    )
    expect(finding?.severity).toBe('high')
  })
})

describe('destination.pegasus-project', () => {
  it('fires for a state the briefing names, citing CP2 and the briefing', () => {
    const [finding] = destinationPegasusProject.evaluate(
      withEvidence('MA', { pegasusProject: true }),
      DEFAULT_POLICY,
    )
    expect(finding).toMatchObject({ severity: 'high', reasonCodes: ['CP2'], public: true })
    expect(finding?.legalBasis).toContain('Pegasus Project')
    expect(finding?.evidence).toContain('Morocco (MA)')
  })

  it('uses the briefing list when the country evidence lacks the mark', () => {
    expect(destinationPegasusProject.evaluate(withEvidence('IN', {}), DEFAULT_POLICY)).toHaveLength(
      1,
    )
  })

  it('stays silent for other states', () => {
    expect(destinationPegasusProject.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.destination.pegasusProject = 'prohibitive'
    })
    expect(destinationPegasusProject.evaluate(withEvidence('RW', {}), policy)[0]?.severity).toBe(
      'prohibitive',
    )
  })
})

describe('destination.spyware-abuse', () => {
  const use = (overrides: Partial<Spyware>): Spyware => ({
    spyware: 'Pegasus',
    vendor: 'NSO Group',
    firstReported: 2021,
    evidence: 'confirmed infections',
    civilSocietyTargeted: false,
    source: 'Amnesty Security Lab',
    url: 'https://example.org/report',
    verified: true,
    ...overrides,
  })

  it('weighs strong evidence as strong', () => {
    const [finding] = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware: [use({})] }),
      DEFAULT_POLICY,
    )
    expect(finding).toMatchObject({ severity: 'high', reasonCodes: ['CP2'] })
    expect(finding?.evidence).toContain(
      'Pegasus (NSO Group), first reported 2021: confirmed infections — Amnesty Security Lab',
    )
  })

  it('weighs weaker evidence as weak, even if civil society is said to be targeted', () => {
    const spyware = [
      use({
        evidence: 'suspected operator via network scanning',
        civilSocietyTargeted: true,
        verified: false,
      }),
    ]
    const [finding] = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('medium')
    expect(finding?.title).toContain('suspected')
    expect(finding?.evidence).toContain('(source not verified)')
  })

  it('raises strong evidence of targeting civil society, citing CP2A', () => {
    const spyware = [use({ evidence: 'court/inquiry finding', civilSocietyTargeted: true })]
    const [finding] = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware }),
      DEFAULT_POLICY,
    )
    expect(finding).toMatchObject({ severity: 'prohibitive', reasonCodes: ['CP2', 'CP2A'] })
  })

  it('counts civil-society victim cases where the use is firmly established, and reports them', () => {
    const victimCases = {
      total: 12,
      civilSociety: 7,
      firstYear: 2019,
      lastYear: 2022,
      source: 'Granitt Pegasus Victim Database',
    }
    const [finding] = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware: [use({})], victimCases }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('prohibitive')
    expect(finding?.evidence).toContain(
      '12, of them 7 in civil society (2019–2022) — Granitt Pegasus Victim Database',
    )
  })

  it('stays silent when no use is documented', () => {
    expect(destinationSpywareAbuse.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severities from the policy', () => {
    const policy = policyWith((p) => {
      p.destination.spyware = { strong: 'medium', weak: 'low', civilSocietyTargeted: 'high' }
    })
    const strong = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware: [use({})] }),
      policy,
    )
    const civil = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware: [use({ civilSocietyTargeted: true })] }),
      policy,
    )
    const weak = destinationSpywareAbuse.evaluate(
      withEvidence('XX', { spyware: [use({ evidence: 'procurement/trade records' })] }),
      policy,
    )
    expect([strong[0]?.severity, civil[0]?.severity, weak[0]?.severity]).toEqual([
      'medium',
      'high',
      'low',
    ])
  })
})

describe('destination.embargo', () => {
  const embargo = (overrides: Partial<Embargo>): Embargo => ({
    regime: 'EU',
    instrument: 'Council Decision 2012/642/CFSP',
    scope: 'full arms embargo',
    internalRepressionBan: false,
    monitoringEquipmentBan: false,
    since: '2011',
    source: 'EUR-Lex',
    verified: true,
    ...overrides,
  })

  it('weighs a full arms embargo as full and cites CP1 and SANCTIONS', () => {
    const [finding] = destinationEmbargo.evaluate(
      withEvidence('BY', { embargoes: [embargo({})] }),
      DEFAULT_POLICY,
    )
    expect(finding).toMatchObject({ severity: 'prohibitive', reasonCodes: ['CP1', 'SANCTIONS'] })
    expect(finding?.evidence).toContain(
      'EU Council Decision 2012/642/CFSP since 2011: full arms embargo',
    )
  })

  it('weighs a partial embargo as partial', () => {
    const rows = [
      embargo({ scope: 'non-state actors only', regime: 'UN', instrument: 'UNSCR 2127 (2013)' }),
    ]
    const [finding] = destinationEmbargo.evaluate(
      withEvidence('CF', { embargoes: rows }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('high')
    expect(finding?.evidence).toContain('partial arms embargo (non-state actors only)')
  })

  it('does not call a political declaration a sanction', () => {
    const rows = [embargo({ instrument: 'European Council Declaration, Madrid, 27 June 1989' })]
    const [finding] = destinationEmbargo.evaluate(
      withEvidence('CN', { embargoes: rows }),
      DEFAULT_POLICY,
    )
    expect(finding?.reasonCodes).toEqual(['CP1'])
  })

  it('says the monitoring-equipment ban is about these items, and cites CP2A', () => {
    const rows = [
      embargo({
        scope: 'equipment for internal repression',
        internalRepressionBan: true,
        monitoringEquipmentBan: true,
      }),
    ]
    const input = assessmentInput({
      destination: 'IR',
      items: [INTRUSION_ITEM],
      destinationEvidence: countryEvidence({ embargoes: rows }),
    })
    const [finding] = destinationEmbargo.evaluate(input, DEFAULT_POLICY)
    expect(finding?.reasonCodes).toContain('CP2A')
    expect(finding?.evidence).not.toContain('arms embargo')
    expect(finding?.evidence).toContain('directly about cyber-surveillance items')
  })

  it('stays silent without embargoes', () => {
    expect(destinationEmbargo.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severities from the policy; the worst part of a row wins', () => {
    const policy = policyWith((p) => {
      p.destination.embargo = {
        full: 'low',
        partial: 'low',
        internalRepressionBan: 'medium',
        monitoringEquipmentBan: 'high',
      }
    })
    const rows = [embargo({}), embargo({ monitoringEquipmentBan: true })]
    const findings = destinationEmbargo.evaluate(withEvidence('BY', { embargoes: rows }), policy)
    expect(findings.map((f) => f.severity)).toEqual(['low', 'high'])
  })
})
