import { describe, expect, it } from 'vitest'
import type { Finding } from '../../risk-assessment/finding.ts'
import { publicFindings } from './public-findings.ts'

const finding = (overrides: Partial<Finding>): Finding => ({
  rule: 'destination.pegasus-project',
  severity: 'high',
  title: 'Destination named by the Pegasus Project',
  evidence: 'Amnesty International names the state.',
  legalBasis: 'CP Criterion Two',
  reasonCodes: ['CP2'],
  public: true,
  ...overrides,
})

describe('publicFindings', () => {
  it('keeps public findings and leaves out the ones marked confidential', () => {
    const shown = publicFindings(
      [
        finding({}),
        finding({
          rule: 'party.watchlist-hit',
          title: 'end user matches us-ofac (score 0.97)',
          evidence: 'end user "Ivo Marsh" matches the listed name "MARSH, Ivo"',
          public: false,
        }),
      ],
      [],
    )
    expect(shown.map((f) => f.rule)).toEqual(['destination.pegasus-project'])
    expect(shown[0]).not.toHaveProperty('public')
  })

  it('withholds the evidence, or the whole finding, when it names an unpublished party', () => {
    const shown = publicFindings(
      [
        finding({ rule: 'end-user.security-body', evidence: 'End user "Ivo Marsh" in AE is ...' }),
        finding({ rule: 'x.title', title: 'About ivo marsh' }),
      ],
      ['Ivo Marsh'],
    )
    expect(shown).toEqual([
      expect.objectContaining({ rule: 'end-user.security-body', evidence: null }),
    ])
  })
})
