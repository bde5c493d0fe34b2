import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../risk-assessment/policy/default-policy.ts'
import { PolicySchema } from '../risk-assessment/policy/policy.schema.ts'
import { blockedByProposal } from './four-eyes.ts'
import { LifecycleActionSchema } from './lifecycle.ts'
import { proposalSummary } from './proposals.ts'

describe('four-eyes rules', () => {
  it('lets only a withdrawal or an expiry go ahead while a proposal waits', () => {
    const goAhead = LifecycleActionSchema.options.filter((a) => !blockedByProposal(a))
    expect(goAhead).toEqual(['withdraw', 'expire'])
  })

  it('reads a policy stored before the setting existed with annulment and suspension under four-eyes', () => {
    const { fourEyes: _, ...stored } = DEFAULT_POLICY
    expect(PolicySchema.parse(stored).fourEyes).toEqual({
      annul: true,
      suspend: true,
      reinstate: false,
    })
    expect(
      PolicySchema.parse({ ...stored, fourEyes: { annul: false, suspend: false, reinstate: true } })
        .fourEyes,
    ).toEqual({ annul: false, suspend: false, reinstate: true })
    expect(
      PolicySchema.safeParse({ ...stored, fourEyes: { annul: true, suspend: true } }).success,
    ).toBe(false)
  })

  it('says what became of a proposal', () => {
    expect(proposalSummary({ action: 'revoke', status: 'pending', voided_reason: null })).toBe(
      'Proposal to revoke waits for a second officer',
    )
    expect(
      proposalSummary({
        action: 'revoke',
        status: 'voided',
        voided_reason: 'the application was annulled on 2026-12-07',
      }),
    ).toBe('Proposal to revoke voided: the application was annulled on 2026-12-07')
    expect(proposalSummary({ action: 'grant', status: 'rejected', voided_reason: null })).toBe(
      'Proposal to grant rejected',
    )
  })
})
