import { describe, expect, it } from 'vitest'
import { ReasonCodeSchema } from '../../reference-data/reason-codes.ts'
import { END_USE_FLAGS } from '../assessment-input.ts'
import { SEVERITIES } from '../finding.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { evaluateAll, RULES } from './index.ts'
import type { Rule } from './rule.ts'
import { assessmentInput, countryEvidence, INTRUSION_ITEM } from './test-input.ts'

/** An application on which (nearly) every rule has something to say. */
const busy = assessmentInput({
  licenceType: 'eu_general',
  gea: 'EU005',
  destination: 'BY',
  items: [
    INTRUSION_ITEM,
    { ...INTRUSION_ITEM, controlEntry: 'ART5', kind: 'art5', technology: 'other' },
  ],
  endUser: {
    name: 'KGB',
    country: 'BY',
    type: 'government_intelligence',
    description: 'covert monitoring of activists',
  },
  parties: [{ role: 'agent', name: 'Agent Ltd', country: 'RU', type: 'private_company' }],
  endUseFlags: [...END_USE_FLAGS],
  dueDiligence: null,
  watchlistHits: [
    {
      role: 'end_user',
      partyName: 'KGB',
      source: 'EU FSF',
      entityId: 'eu-1',
      caption: 'KGB',
      score: 1,
      programmes: [],
      summary: '',
    },
  ],
  identicalDenials: [
    { authorityId: 'a', issuingState: 'LT', kind: 'export', notifiedOn: '2025-01-01' },
  ],
  exporterDenials: [
    { reference: 'GH-1', kind: 'refusal', decidedOn: '2024-01-01', reasons: ['CP2A'] },
  ],
  vendorAbuse: [{ source: 'list', detail: 'abuse' }],
  destinationEvidence: countryEvidence({
    country: 'BY',
    indicators: {
      freedomHouse: { edition: 2024, globalScore: 8, status: 'NF' },
      vdem: null,
      rsf: null,
      attribution: 'Freedom House 2024',
    },
    pegasusProject: true,
    spyware: [
      {
        spyware: 'X',
        vendor: 'Y',
        firstReported: null,
        evidence: 'leaked records',
        civilSocietyTargeted: null,
        source: 's',
        url: 'u',
        verified: false,
      },
    ],
    embargoes: [
      {
        regime: 'EU',
        instrument: 'Council Decision 2012/642/CFSP',
        scope: 'full arms embargo',
        internalRepressionBan: true,
        monitoringEquipmentBan: true,
        since: '2011',
        source: 'EUR-Lex',
        verified: true,
      },
    ],
  }),
})

describe('RULES', () => {
  it('has unique, stable ids, each with a title and a legal basis', () => {
    const ids = RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids[0]).toBe('item.cyber-surveillance-entry')
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/)
      expect(rule.title.length).toBeGreaterThan(5)
      expect(rule.legalBasis.length).toBeGreaterThan(10)
    }
  })

  it('every rule fires on a busy application, with well-formed findings', () => {
    const findings = evaluateAll(busy, DEFAULT_POLICY)
    const fired = new Set(findings.map((f) => f.rule))
    expect(RULES.filter((rule) => !fired.has(rule.id)).map((r) => r.id)).toEqual([
      'end-user.natural-person',
      'due-diligence.global-without-icp',
    ])
    for (const finding of findings) {
      expect(SEVERITIES).toContain(finding.severity)
      expect(finding.title).not.toBe('')
      expect(finding.evidence).not.toBe('')
      expect(finding.legalBasis).not.toBe('')
      for (const code of finding.reasonCodes) expect(ReasonCodeSchema.options).toContain(code)
    }
  })

  it('never throws on sparse or odd input', () => {
    const sparse = assessmentInput({
      destination: 'zz',
      items: [],
      parties: [],
      intendedUse: '',
      endUser: { name: '', country: '', type: 'other', description: '' },
      endUseFlags: null,
      dueDiligence: null,
      hasInternalComplianceProgramme: null,
      watchlistHits: null,
      licenceType: 'eu_general',
      gea: 'nonsense',
      onDate: '',
    })
    for (const rule of RULES) expect(() => rule.evaluate(sparse, DEFAULT_POLICY)).not.toThrow()
    const findings = evaluateAll(sparse, DEFAULT_POLICY)
    expect(findings.filter((f) => f.severity === 'unknown').map((f) => f.rule)).toEqual([
      'destination.indicators',
      'party.watchlist-hit',
      'end-use.red-flags',
      'end-use.text-cues',
    ])
  })
})

describe('evaluateAll', () => {
  it('turns a rule that throws into an unknown finding naming it, and carries on', () => {
    const broken: Rule = {
      id: 'test.broken',
      title: 'A rule that breaks',
      legalBasis: 'none',
      evaluate() {
        throw new Error('boom')
      },
    }
    const findings = evaluateAll(assessmentInput(), DEFAULT_POLICY, [broken, ...RULES])
    expect(findings[0]).toMatchObject({ rule: 'test.broken', severity: 'unknown', public: false })
    expect(findings[0]?.title).toContain('A rule that breaks')
    expect(findings[0]?.evidence).toContain('boom')
    expect(findings.length).toBeGreaterThan(1)
  })

  it('gives the same findings for the same input and policy', () => {
    expect(evaluateAll(busy, DEFAULT_POLICY)).toEqual(evaluateAll(busy, DEFAULT_POLICY))
  })
})
