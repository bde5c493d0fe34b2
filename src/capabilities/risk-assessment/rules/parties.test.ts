import { describe, expect, it } from 'vitest'
import type { WatchlistHitSummary } from '../assessment-input.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { endUserNaturalPerson } from './end-user-natural-person.ts'
import { endUserSecurityBody } from './end-user-security-body.ts'
import { partyThirdCountryIntermediary } from './party-third-country-intermediary.ts'
import { partyWatchlistHit } from './party-watchlist-hit.ts'
import { assessmentInput, policyWith } from './test-input.ts'

const intelligenceService = assessmentInput({
  destination: 'AE',
  endUser: {
    name: 'State Security Department',
    country: 'AE',
    type: 'government_intelligence',
    description: 'Intelligence service',
  },
  governmentAgency: 'State Security Department',
})

describe('end-user.security-body', () => {
  it('fires for an intelligence service and names the agency', () => {
    const [finding] = endUserSecurityBody.evaluate(intelligenceService, DEFAULT_POLICY)
    expect(finding).toMatchObject({
      severity: 'high',
      title: 'End user is an intelligence service',
      reasonCodes: ['CP2'],
    })
    expect(finding?.evidence).toContain('Government agency named: State Security Department')
  })

  it('says when a government end user has no agency named', () => {
    const input = assessmentInput({
      endUser: {
        name: 'Ministry of Interior',
        country: 'XX',
        type: 'government_police',
        description: '',
      },
    })
    const [finding] = endUserSecurityBody.evaluate(input, DEFAULT_POLICY)
    expect(finding?.severity).toBe('medium')
    expect(finding?.evidence).toContain('No government agency is named')
  })

  it('stays silent for types the policy does not weigh (a university)', () => {
    expect(endUserSecurityBody.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.endUser.type.government_intelligence = 'prohibitive'
      p.endUser.type.research = 'low'
    })
    expect(endUserSecurityBody.evaluate(intelligenceService, policy)[0]?.severity).toBe(
      'prohibitive',
    )
    expect(endUserSecurityBody.evaluate(assessmentInput(), policy)[0]?.severity).toBe('low')
  })
})

describe('end-user.natural-person', () => {
  const person = assessmentInput({
    endUser: {
      name: 'Jan Kowalski',
      country: 'NO',
      type: 'individual',
      description: 'Private buyer',
    },
  })

  it('fires for a natural person without naming them, citing DIVERSION', () => {
    const [finding] = endUserNaturalPerson.evaluate(person, DEFAULT_POLICY)
    expect(finding).toMatchObject({ severity: 'high', reasonCodes: ['DIVERSION'], public: true })
    expect(finding?.evidence).not.toContain('Kowalski')
  })

  it('stays silent for organisations', () => {
    expect(endUserNaturalPerson.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.endUser.naturalPerson = 'medium'
    })
    expect(endUserNaturalPerson.evaluate(person, policy)[0]?.severity).toBe('medium')
  })
})

describe('party.watchlist-hit', () => {
  const hit = (overrides: Partial<WatchlistHitSummary>): WatchlistHitSummary => ({
    role: 'consignee',
    partyName: 'Falcon Trading FZE',
    source: 'UN Security Council Consolidated List',
    entityId: 'un-QDe.123',
    caption: 'FALCON TRADING FZE',
    score: 0.97,
    programmes: ['UNSC 1718'],
    summary: 'name matches exactly',
    ...overrides,
  })

  it('is prohibitive at or above the policy score, with the hit details, not public', () => {
    const [finding] = partyWatchlistHit.evaluate(
      assessmentInput({ watchlistHits: [hit({})] }),
      DEFAULT_POLICY,
    )
    expect(finding).toMatchObject({
      severity: 'prohibitive',
      reasonCodes: ['SANCTIONS'],
      public: false,
    })
    expect(finding?.evidence).toContain('consignee "Falcon Trading FZE"')
    expect(finding?.evidence).toContain(
      '"FALCON TRADING FZE" on UN Security Council Consolidated List',
    )
    expect(finding?.evidence).toContain('score 0.97')
    const atThreshold = partyWatchlistHit.evaluate(
      assessmentInput({ watchlistHits: [hit({ score: 0.85 })] }),
      DEFAULT_POLICY,
    )
    expect(atThreshold[0]?.severity).toBe('prohibitive')
  })

  it('is high below the policy score, strongest hit first', () => {
    const hits = [hit({ score: 0.6, role: 'end_user' }), hit({ score: 0.9 })]
    const findings = partyWatchlistHit.evaluate(
      assessmentInput({ watchlistHits: hits }),
      DEFAULT_POLICY,
    )
    expect(findings.map((f) => f.severity)).toEqual(['prohibitive', 'high'])
    expect(findings[1]?.title).toContain('end user')
  })

  it('stays silent without hits and is unknown when screening did not run', () => {
    expect(partyWatchlistHit.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
    const [finding] = partyWatchlistHit.evaluate(
      assessmentInput({ watchlistHits: null }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('unknown')
    expect(finding?.evidence).toContain('Screening did not run')
  })

  it('takes the threshold from the policy', () => {
    const policy = policyWith((p) => {
      p.screening.prohibitiveFrom = 0.99
    })
    const input = assessmentInput({ watchlistHits: [hit({})] })
    expect(partyWatchlistHit.evaluate(input, policy)[0]?.severity).toBe('high')
  })
})

describe('party.third-country-intermediary', () => {
  const withIntermediary = (
    country: string,
    type: 'private_company' | 'individual' = 'private_company',
  ) =>
    assessmentInput({
      destination: 'IN',
      parties: [
        ...assessmentInput().parties,
        { role: 'intermediary', name: 'Gulf Bridge Logistics', country, type },
      ],
    })

  it('fires for an intermediary outside the EU and the destination, citing DIVERSION', () => {
    const [finding] = partyThirdCountryIntermediary.evaluate(withIntermediary('AE'), DEFAULT_POLICY)
    expect(finding).toMatchObject({ severity: 'medium', reasonCodes: ['DIVERSION'] })
    expect(finding?.evidence).toContain('"Gulf Bridge Logistics"')
    expect(finding?.evidence).toContain('United Arab Emirates (AE)')
  })

  it('does not name a natural person', () => {
    const [finding] = partyThirdCountryIntermediary.evaluate(
      withIntermediary('AE', 'individual'),
      DEFAULT_POLICY,
    )
    expect(finding?.evidence).not.toContain('Gulf Bridge')
  })

  it('stays silent for intermediaries in an EU member state or the destination', () => {
    expect(partyThirdCountryIntermediary.evaluate(withIntermediary('CY'), DEFAULT_POLICY)).toEqual(
      [],
    )
    expect(partyThirdCountryIntermediary.evaluate(withIntermediary('IN'), DEFAULT_POLICY)).toEqual(
      [],
    )
    expect(partyThirdCountryIntermediary.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.endUser.intermediaryInThirdCountry = 'high'
    })
    expect(
      partyThirdCountryIntermediary.evaluate(withIntermediary('AE'), policy)[0]?.severity,
    ).toBe('high')
  })
})
