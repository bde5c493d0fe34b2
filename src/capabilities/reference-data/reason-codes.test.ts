import { describe, expect, it } from 'vitest'
import { isReasonCode, REASON_CODES, ReasonCodeSchema, reasonCodesFor } from './reason-codes.ts'

function reason(code: string) {
  const found = REASON_CODES.find((r) => r.code === code)
  if (found === undefined) throw new Error(`missing ${code}`)
  return found
}

describe('REASON_CODES', () => {
  it('describes every code of the enumeration exactly once', () => {
    expect(REASON_CODES.map((r) => r.code)).toEqual(ReasonCodeSchema.options)
    for (const r of REASON_CODES) {
      expect(r.appliesTo.length, r.code).toBeGreaterThan(0)
      expect(r.legalBasis.length, r.code).toBeGreaterThan(0)
      expect(r.source.length, r.code).toBeGreaterThan(0)
    }
  })

  it('grounds the criteria in Common Position 2008/944 via Art 15(1)(c)', () => {
    expect(reason('CP2A').title).toContain('internal repression')
    expect(reason('CP2A').legalBasis).toContain('2008/944/CFSP')
    expect(reason('CP2A').legalBasis).toContain('Art 15(1)(c)')
    expect(reason('CP7').title).toContain('diversion')
    expect(reason('SANCTIONS').legalBasis).toContain('Art 15(1)(b)')
  })

  it('marks the criteria the research could not confirm as unverified', () => {
    expect(reason('CP2C').verification).toBe('unverified')
    expect(reason('CP8').verification).toBe('unverified')
    expect(reason('CP2A').verification).toBe('verified')
    expect(reason('CP3').verification).toBe('secondary')
  })
})

describe('reasonCodesFor', () => {
  it('gives grants only grant reasons and OTHER', () => {
    expect(reasonCodesFor('grant')).toEqual(['OTHER', 'NO_SIGNIFICANT_RISK', 'CONDITIONS'])
  })

  it('gives refusals the criteria, catch-alls and refusal-only grounds, never grant reasons', () => {
    const refusal = reasonCodesFor('refusal')
    for (const code of [
      'CP1',
      'CP2A',
      'CP8',
      'ART5',
      'SANCTIONS',
      'PRIOR_DENIAL',
      'DUE_DILIGENCE',
      'OTHER',
    ]) {
      expect(refusal).toContain(code)
    }
    expect(refusal).not.toContain('NO_SIGNIFICANT_RISK')
    expect(refusal).not.toContain('NEW_EVIDENCE')
  })

  it('lets revocations use the substantive refusal grounds but not PRIOR_DENIAL or DUE_DILIGENCE', () => {
    const revocation = reasonCodesFor('revocation')
    for (const code of [
      'NEW_EVIDENCE',
      'POLICY_CHANGE',
      'NON_COMPLIANCE',
      'CP2A',
      'ART5',
      'OTHER',
    ]) {
      expect(revocation).toContain(code)
    }
    expect(revocation).not.toContain('PRIOR_DENIAL')
    expect(revocation).not.toContain('DUE_DILIGENCE')
    expect(revocation).not.toContain('CONDITIONS')
  })
})

describe('isReasonCode', () => {
  it('accepts exact codes only', () => {
    expect(isReasonCode('CP2A')).toBe(true)
    expect(isReasonCode('NON_COMPLIANCE')).toBe(true)
    expect(isReasonCode('cp2a')).toBe(false)
    expect(isReasonCode('CP9')).toBe(false)
    expect(isReasonCode('')).toBe(false)
  })
})
