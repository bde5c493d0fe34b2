import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { severityRank } from './helpers.ts'
import { evaluateAll } from './index.ts'
import { assessmentInput, countryEvidence, GOOD_INDICATORS, INTRUSION_ITEM } from './test-input.ts'

/** The findings of the briefing's cases, read as an officer would. */
describe('scenarios from the briefing', () => {
  const intrusionToIntelligence = assessmentInput({
    destination: 'AE',
    items: [INTRUSION_ITEM],
    endUser: {
      name: 'Signals Intelligence Agency',
      country: 'AE',
      type: 'government_intelligence',
      description: 'National intelligence service',
    },
    governmentAgency: 'Signals Intelligence Agency',
    intendedUse: 'Lawful interception in criminal and terrorism investigations.',
    parties: [
      {
        role: 'consignee',
        name: 'Signals Intelligence Agency',
        country: 'AE',
        type: 'government_intelligence',
      },
    ],
    destinationEvidence: countryEvidence({
      country: 'AE',
      indicators: {
        freedomHouse: { edition: 2024, globalScore: 18, status: 'NF' },
        vdem: { year: 2023, liberalDemocracy: 0.08, civilLiberties: 0.35 },
        rsf: { year: 2024, score: 44.6, rank: 160 },
        attribution: 'Freedom House 2024; V-Dem v14; RSF 2024',
      },
      pegasusProject: true,
      spyware: [
        {
          spyware: 'Pegasus',
          vendor: 'NSO Group',
          firstReported: 2016,
          evidence: 'confirmed infections',
          civilSocietyTargeted: true,
          source: 'Citizen Lab, "The Million Dollar Dissident" (2016)',
          url: 'https://citizenlab.ca/2016/08/million-dollar-dissident-iphone-zero-day-nso-group-uae/',
          verified: true,
        },
      ],
    }),
  })

  it('intrusion software (4D004) to the intelligence service of a Pegasus Project state: prohibitive, citing Criterion 2(a)', () => {
    const findings = evaluateAll(intrusionToIntelligence, DEFAULT_POLICY)
    const byRule = new Map(findings.map((f) => [f.rule, f]))
    expect(byRule.get('destination.spyware-abuse')).toMatchObject({ severity: 'prohibitive' })
    expect(byRule.get('destination.spyware-abuse')?.reasonCodes).toContain('CP2A')
    expect(byRule.get('destination.pegasus-project')?.severity).toBe('high')
    expect(byRule.get('item.cyber-surveillance-entry')?.severity).toBe('high')
    expect(byRule.get('end-user.security-body')?.severity).toBe('high')
    expect(byRule.get('destination.indicators')?.severity).toBe('high')
    expect(
      findings.some((f) => f.severity === 'prohibitive' && f.reasonCodes.includes('CP2A')),
    ).toBe(true)
    // 4D004 is listed: the Art 5 catch-all (non-listed items) is not cited for it.
    expect(findings.flatMap((f) => f.reasonCodes)).not.toContain('ART5')
  })

  it('the same case with a non-listed (Art 5) item cites ART5 and the text of Art 5', () => {
    const art5 = {
      ...INTRUSION_ITEM,
      controlEntry: 'ART5',
      kind: 'art5' as const,
      technology: 'other' as const,
    }
    const findings = evaluateAll({ ...intrusionToIntelligence, items: [art5] }, DEFAULT_POLICY)
    const catchAll = findings.find((f) => f.rule === 'item.art5-catch-all')
    expect(catchAll?.reasonCodes).toEqual(['ART5'])
    expect(catchAll?.legalBasis).toContain('Art 5(1)')
    expect(catchAll?.severity).toBe('high')
  })

  it('a cryptography library (5D002) to a Norwegian university: nothing above low', () => {
    const findings = evaluateAll(
      assessmentInput({
        destinationEvidence: countryEvidence({ country: 'NO', indicators: GOOD_INDICATORS }),
      }),
      DEFAULT_POLICY,
    )
    expect(findings.length).toBeGreaterThan(0)
    for (const finding of findings)
      expect(severityRank(finding.severity)).toBeLessThanOrEqual(severityRank('low'))
    expect(findings.filter((f) => f.severity === 'unknown')).toEqual([])
  })

  it('an EU005 registration covering 5A001.j is flagged', () => {
    const findings = evaluateAll(
      assessmentInput({
        licenceType: 'eu_general',
        gea: 'EU005',
        destination: 'IN',
        items: [
          {
            controlEntry: '5A001.j',
            technology: 'ip_network_surveillance',
            cyberSurveillance: true,
            kind: 'annex_i',
            description: 'IP network communications surveillance system',
          },
        ],
      }),
      DEFAULT_POLICY,
    )
    const flagged = findings.filter((f) => f.rule === 'authorisation.general-scope')
    expect(flagged).toHaveLength(1)
    expect(flagged[0]?.severity).toBe('prohibitive')
    expect(flagged[0]?.evidence).toContain('5A001.j')
  })

  it('a consignee on the UN list at 0.97: prohibitive, citing SANCTIONS, not public', () => {
    const findings = evaluateAll(
      assessmentInput({
        watchlistHits: [
          {
            role: 'consignee',
            partyName: 'Korea Mining Development Trading Corporation',
            source: 'UN Security Council Consolidated List',
            entityId: 'KPe.001',
            caption: 'KOREA MINING DEVELOPMENT TRADING CORPORATION',
            score: 0.97,
            programmes: ['DPRK (UNSCR 1718)'],
            summary: 'all name tokens match',
          },
        ],
      }),
      DEFAULT_POLICY,
    )
    const hit = findings.find((f) => f.rule === 'party.watchlist-hit')
    expect(hit).toMatchObject({
      severity: 'prohibitive',
      reasonCodes: ['SANCTIONS'],
      public: false,
    })
  })
})
