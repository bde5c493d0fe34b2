import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { historyExporterDenials } from './history-exporter-denials.ts'
import { historyIdenticalDenial } from './history-identical-denial.ts'
import { historyVendorAbuse } from './history-vendor-abuse.ts'
import { assessmentInput, policyWith } from './test-input.ts'

const denied = assessmentInput({
  identicalDenials: [
    { authorityId: 'auth-fr-sbdu', issuingState: 'FR', kind: 'export', notifiedOn: '2025-06-30' },
  ],
  exporterDenials: [
    {
      reference: 'GH-2024-000042',
      kind: 'refusal',
      decidedOn: '2024-11-05',
      reasons: ['CP2A', 'ART5'],
    },
    {
      reference: 'GH-2023-000007',
      kind: 'revocation',
      decidedOn: '2023-04-01',
      reasons: ['NON_COMPLIANCE'],
    },
  ],
  vendorAbuse: [
    {
      source: 'Surveillance-vendor list (Atlantic Council, 2024)',
      detail: 'sold spyware used against journalists',
    },
  ],
})

describe('history.identical-denial', () => {
  it('fires per standing denial, citing PRIOR_DENIAL and Art 16, not public', () => {
    const [finding] = historyIdenticalDenial.evaluate(denied, DEFAULT_POLICY)
    expect(finding).toMatchObject({
      severity: 'high',
      reasonCodes: ['PRIOR_DENIAL'],
      public: false,
    })
    expect(finding?.legalBasis).toContain('Art 16')
    expect(finding?.evidence).toContain('of France (FR) notified a denial (export) on 2025-06-30')
  })

  it('stays silent without denials', () => {
    expect(historyIdenticalDenial.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.history.identicalDenial = 'prohibitive'
    })
    expect(historyIdenticalDenial.evaluate(denied, policy)[0]?.severity).toBe('prohibitive')
  })
})

describe('history.exporter-denials', () => {
  it("lists the exporter's refusals and revocations with their refusal grounds", () => {
    const findings = historyExporterDenials.evaluate(denied, DEFAULT_POLICY)
    expect(findings.map((f) => f.reasonCodes)).toEqual([['CP2A', 'ART5'], ['OTHER']])
    expect(findings[0]?.severity).toBe('medium')
    expect(findings[0]?.evidence).toContain(
      'GH-2024-000042 decided as a refusal on 2024-11-05 (reasons CP2A, ART5)',
    )
  })

  it('stays silent without earlier decisions', () => {
    expect(historyExporterDenials.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.history.exporterDenial = 'low'
    })
    expect(historyExporterDenials.evaluate(denied, policy)[0]?.severity).toBe('low')
  })
})

describe('history.vendor-abuse', () => {
  it('fires per documented abuse, citing Criterion 2(a)', () => {
    const [finding] = historyVendorAbuse.evaluate(denied, DEFAULT_POLICY)
    expect(finding).toMatchObject({ severity: 'prohibitive', reasonCodes: ['CP2', 'CP2A'] })
    expect(finding?.evidence).toContain(
      'Nordlicht Systems GmbH: sold spyware used against journalists',
    )
  })

  it('stays silent without documented abuse', () => {
    expect(historyVendorAbuse.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.history.vendorAbuse = 'high'
    })
    expect(historyVendorAbuse.evaluate(denied, policy)[0]?.severity).toBe('high')
  })
})
