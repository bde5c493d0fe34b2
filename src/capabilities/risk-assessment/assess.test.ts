import { describe, expect, it } from 'vitest'
import { assess } from './assess.ts'
import type { AssessmentInput } from './assessment-input.ts'
import { createCountryEvidenceSource } from './evidence/country-evidence-source.ts'
import { DEFAULT_POLICY } from './policy/default-policy.ts'
import type { Policy } from './policy/policy.schema.ts'
import { assessmentInput, INTRUSION_ITEM, policyWith } from './rules/test-input.ts'

// The authored destination tables, as a fresh installation has them.
const evidence = createCountryEvidenceSource()
const v1 = (policy: Policy = DEFAULT_POLICY) => ({ version: 1, policy })

function at(destination: string, overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return assessmentInput({
    destination,
    destinationEvidence: evidence.forCountry(destination),
    ...overrides,
  })
}

const IP_SURVEILLANCE: AssessmentInput['items'][number] = {
  controlEntry: '5A001.j',
  technology: 'ip_network_surveillance',
  cyberSurveillance: true,
  kind: 'annex_i',
  description: 'IP network communications surveillance system',
}

const intelligenceService = (country: string) => ({
  endUser: {
    name: 'State Security Service',
    country,
    type: 'government_intelligence' as const,
    description: 'National intelligence service',
  },
  governmentAgency: 'State Security Service',
})

describe('the risk assessment, in the briefing’s cases', () => {
  it('refuses intrusion software for the intelligence service of a Pegasus Project state', () => {
    const result = assess(at('AZ', { items: [INTRUSION_ITEM], ...intelligenceService('AZ') }), v1())
    expect(result.level).toBe('prohibitive')
    expect(result.recommendation).toBe('refuse')
    // Criterion 2(a): serious violations of human rights; the spyware use targeted civil society.
    expect(result.reasonCodes).toContain('CP2A')
    const rules = result.findings.map((f) => f.rule)
    expect(rules).toEqual(
      expect.arrayContaining([
        'destination.pegasus-project',
        'destination.spyware-abuse',
        'end-user.security-body',
        'item.cyber-surveillance-entry',
      ]),
    )
    expect(result.summary).toMatch(/^Risk prohibitive\. Recommendation: refuse \(/)
  })

  it('cites Art. 5 when the same kind of software is an unlisted catch-all item', () => {
    const art5 = { ...INTRUSION_ITEM, controlEntry: 'ART5', kind: 'art5' as const }
    const result = assess(at('AZ', { items: [art5], ...intelligenceService('AZ') }), v1())
    expect(result.recommendation).toBe('refuse')
    expect(result.findings.find((f) => f.rule === 'item.art5-catch-all')?.reasonCodes).toContain(
      'ART5',
    )
  })

  it('approves a cryptography library for a Norwegian university', () => {
    const result = assess(at('NO'), v1())
    expect(result.level).toBe('low')
    expect(result.recommendation).toBe('approve')
    expect(result.reasonCodes).toEqual(['NO_SIGNIFICANT_RISK'])
    expect(result.findings.every((f) => ['info', 'low'].includes(f.severity))).toBe(true)
  })

  it('flags an EU005 registration used for 5A001.j', () => {
    const result = assess(
      at('IN', {
        licenceType: 'eu_general',
        gea: 'EU005',
        items: [IP_SURVEILLANCE],
        endUser: {
          name: 'Bharat Telecom Ltd',
          country: 'IN',
          type: 'telecom_operator',
          description: 'Mobile operator',
        },
      }),
      v1(),
    )
    const scope = result.findings.find((f) => f.rule === 'authorisation.general-scope')
    expect(scope?.severity).toBe('prohibitive')
    expect(scope?.evidence).toMatch(/5A001\.j/)
    expect(result.recommendation).toBe('refuse')
  })

  it('refuses a transaction whose consignee is on the UN list, citing SANCTIONS', () => {
    const result = assess(
      at('NO', {
        watchlistHits: [
          {
            role: 'consignee',
            partyName: 'Korea Mining Development Trading Corp',
            source: 'un-sc',
            entityId: '690735',
            caption: 'KOREA MINING DEVELOPMENT TRADING CORPORATION',
            score: 0.97,
            programmes: ['DPRK'],
            summary: "4 of 4 name parts match 'KOREA MINING DEVELOPMENT TRADING CORPORATION'",
          },
        ],
      }),
      v1(),
    )
    expect(result.level).toBe('prohibitive')
    expect(result.recommendation).toBe('refuse')
    expect(result.reasonCodes).toContain('SANCTIONS')
    expect(result.findings.find((f) => f.rule === 'party.watchlist-hit')?.public).toBe(false)
  })
})

describe('the moratorium', () => {
  const cyberToNorway = () =>
    at('NO', {
      items: [IP_SURVEILLANCE],
      endUser: {
        name: 'Telenor ASA',
        country: 'NO',
        type: 'telecom_operator',
        description: 'Mobile operator, lawful interception under court order',
      },
    })
  const withMoratorium = (effect: 'refuse' | 'hold') =>
    policyWith((p) => {
      p.moratorium = { ...p.moratorium, active: true, effect, since: '2026-01-01' }
    })

  it('refuses every cyber-surveillance application while on with effect refuse', () => {
    const result = assess(cyberToNorway(), v1(withMoratorium('refuse')))
    expect(result.recommendation).toBe('refuse')
    expect(result.reasonCodes).toContain('MORATORIUM')
    expect(result.findings[0]?.rule).toBe('policy.moratorium')
  })

  it('holds them for review with effect hold', () => {
    const result = assess(cyberToNorway(), v1(withMoratorium('hold')))
    expect(result.recommendation).toBe('refer')
    expect(result.reasonCodes).toContain('MORATORIUM')
  })

  it('leaves items outside its scope, and assessments made before it started, alone', () => {
    const crypto = assess(at('NO'), v1(withMoratorium('refuse')))
    expect(crypto.recommendation).toBe('approve')
    const onlyIntrusion = policyWith((p) => {
      p.moratorium = {
        ...p.moratorium,
        active: true,
        items: { categories: ['intrusion'] },
        since: '2026-01-01',
      }
    })
    expect(assess(cyberToNorway(), v1(onlyIntrusion)).reasonCodes).not.toContain('MORATORIUM')
    const earlier = assess(
      { ...cyberToNorway(), assessedOn: '2025-12-31' },
      v1(withMoratorium('refuse')),
    )
    expect(earlier.reasonCodes).not.toContain('MORATORIUM')
  })

  it('assesses normally when off', () => {
    const result = assess(cyberToNorway(), v1())
    expect(result.findings.map((f) => f.rule)).not.toContain('policy.moratorium')
    expect(result.recommendation).not.toBe('refuse')
  })
})

describe('levels and reproducibility', () => {
  it('gives the same result for the same input under the same policy', () => {
    const input = at('AE', { items: [IP_SURVEILLANCE], ...intelligenceService('AE') })
    const a = assess(input, v1())
    const b = assess(structuredClone(input), v1())
    expect(b).toEqual(a)
    expect(a.inputSha256).toMatch(/^[0-9a-f]{64}$/)
    const other = assess({ ...input, intendedUse: `${input.intendedUse} ` }, v1())
    expect(other.inputSha256).not.toBe(a.inputSha256)
  })

  it('makes enough medium findings together high', () => {
    const input = at('NO', {
      endUser: {
        name: 'Politiet',
        country: 'NO',
        type: 'government_police',
        description: 'Police',
      },
      dueDiligence: null,
      items: [{ ...IP_SURVEILLANCE, technology: 'li_analysis' }],
    })
    const mediums = assess(input, v1()).findings.filter((f) => f.severity === 'medium').length
    expect(mediums).toBeGreaterThanOrEqual(2)
    const needing = (n: number) =>
      policyWith((p) => {
        p.levels.mediumFindingsForHigh = n
      })
    expect(assess(input, v1(needing(mediums + 1))).level).toBe('medium')
    expect(assess(input, v1(needing(mediums))).level).toBe('high')
  })

  it('refers a cyber-surveillance case it could not fully assess instead of approving it', () => {
    const result = assess(
      at('NO', {
        items: [{ ...IP_SURVEILLANCE, technology: 'other' }],
        watchlistHits: null,
      }),
      v1(),
    )
    expect(result.findings.some((f) => f.severity === 'unknown')).toBe(true)
    expect(result.recommendation).toBe('refer')
    expect(result.summary).toContain('Not assessed for lack of data')
  })
})
