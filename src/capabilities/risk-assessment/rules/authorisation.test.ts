import { describe, expect, it } from 'vitest'
import type { AssessmentInput } from '../assessment-input.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { authorisationGeneralScope } from './authorisation-general-scope.ts'
import { assessmentInput, policyWith } from './test-input.ts'

const item = (
  controlEntry: string,
  technology: AssessmentInput['items'][number]['technology'] = 'other',
) => ({
  controlEntry,
  technology,
  cyberSurveillance: technology !== 'other',
  kind: 'annex_i' as const,
  description: `Item ${controlEntry}`,
})

const eu005 = (overrides: Partial<AssessmentInput>) =>
  assessmentInput({ licenceType: 'eu_general', gea: 'EU005', destination: 'IN', ...overrides })

describe('authorisation.general-scope', () => {
  it('flags an item the GEA excludes (EU005 with 5A001.j)', () => {
    const findings = authorisationGeneralScope.evaluate(
      eu005({ items: [item('5A001.c'), item('5A001.j', 'ip_network_surveillance')] }),
      DEFAULT_POLICY,
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      severity: 'prohibitive',
      title: 'EU005 does not cover the item 5A001.j',
    })
    expect(findings[0]?.evidence).toContain('EU005 excludes 5A001.j')
  })

  it('flags a destination outside the GEA once, however many items', () => {
    const findings = authorisationGeneralScope.evaluate(
      eu005({ destination: 'BR', items: [item('5A001.c'), item('5A001.d')] }),
      DEFAULT_POLICY,
    )
    expect(findings.map((f) => f.title)).toEqual([
      'EU005 does not cover the destination Brazil (BR)',
    ])
  })

  it('flags a GEA code that is not in force', () => {
    const [finding] = authorisationGeneralScope.evaluate(
      eu005({ gea: 'EU009', items: [item('5A001.c')] }),
      DEFAULT_POLICY,
    )
    expect(finding?.title).toBe('EU009 is not a Union general export authorisation in force')
  })

  it('stays silent for covered use and for other licence types', () => {
    expect(
      authorisationGeneralScope.evaluate(eu005({ items: [item('5A001.c')] }), DEFAULT_POLICY),
    ).toEqual([])
    expect(authorisationGeneralScope.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('is unknown when the GEA is not named or its scope is unverified', () => {
    const [missing] = authorisationGeneralScope.evaluate(eu005({ gea: null }), DEFAULT_POLICY)
    expect(missing?.severity).toBe('unknown')
    const eu001 = assessmentInput({ licenceType: 'eu_general', gea: 'EU001', destination: 'NO' })
    const [unverified] = authorisationGeneralScope.evaluate(eu001, DEFAULT_POLICY)
    expect(unverified?.severity).toBe('unknown')
    expect(unverified?.evidence).toContain('unverified')
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.authorisation.generalOutsideScope = 'high'
    })
    const input = eu005({ items: [item('5A001.j', 'ip_network_surveillance')] })
    expect(authorisationGeneralScope.evaluate(input, policy)[0]?.severity).toBe('high')
  })
})
