import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { dueDiligenceGlobalWithoutIcp } from './due-diligence-global-without-icp.ts'
import { dueDiligenceMissing } from './due-diligence-missing.ts'
import { assessmentInput, INTRUSION_ITEM, policyWith } from './test-input.ts'

describe('due-diligence.missing', () => {
  const noRecord = assessmentInput({ items: [INTRUSION_ITEM], dueDiligence: null })

  it('fires for a cyber-surveillance item without a record, citing DUE_DILIGENCE', () => {
    const [finding] = dueDiligenceMissing.evaluate(noRecord, DEFAULT_POLICY)
    expect(finding).toMatchObject({
      severity: 'medium',
      reasonCodes: ['DUE_DILIGENCE'],
      public: true,
    })
    expect(finding?.evidence).toContain('4D004')
    expect(finding?.legalBasis).toContain('Art 5(2)')
  })

  it('stays silent with a completed record, or without cyber-surveillance items', () => {
    expect(
      dueDiligenceMissing.evaluate(assessmentInput({ items: [INTRUSION_ITEM] }), DEFAULT_POLICY),
    ).toEqual([])
    expect(
      dueDiligenceMissing.evaluate(assessmentInput({ dueDiligence: null }), DEFAULT_POLICY),
    ).toEqual([])
  })

  it('is unknown when the record has no completion date, without quoting its content', () => {
    const input = assessmentInput({
      items: [INTRUSION_ITEM],
      dueDiligence: { summary: 'Confidential draft', completedOn: null },
    })
    const [finding] = dueDiligenceMissing.evaluate(input, DEFAULT_POLICY)
    expect(finding?.severity).toBe('unknown')
    expect(finding?.evidence).not.toContain('Confidential draft')
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.dueDiligence.missingForCyberSurveillance = 'high'
    })
    expect(dueDiligenceMissing.evaluate(noRecord, policy)[0]?.severity).toBe('high')
  })
})

describe('due-diligence.global-without-icp', () => {
  it('fires for a global licence when the exporter has no ICP or did not say', () => {
    for (const hasIcp of [false, null]) {
      const input = assessmentInput({
        licenceType: 'global',
        hasInternalComplianceProgramme: hasIcp,
      })
      const [finding] = dueDiligenceGlobalWithoutIcp.evaluate(input, DEFAULT_POLICY)
      expect(finding).toMatchObject({ severity: 'high', reasonCodes: ['DUE_DILIGENCE'] })
      expect(finding?.legalBasis).toContain('Art 15(2)')
    }
  })

  it('stays silent with an ICP or for other licence types', () => {
    expect(
      dueDiligenceGlobalWithoutIcp.evaluate(
        assessmentInput({ licenceType: 'global' }),
        DEFAULT_POLICY,
      ),
    ).toEqual([])
    const individual = assessmentInput({ hasInternalComplianceProgramme: false })
    expect(dueDiligenceGlobalWithoutIcp.evaluate(individual, DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.dueDiligence.globalWithoutIcp = 'prohibitive'
    })
    const input = assessmentInput({ licenceType: 'global', hasInternalComplianceProgramme: false })
    expect(dueDiligenceGlobalWithoutIcp.evaluate(input, policy)[0]?.severity).toBe('prohibitive')
  })
})
