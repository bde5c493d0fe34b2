import { describe, expect, it } from 'vitest'
import type { AssessmentResult } from '../risk-assessment/assess.ts'
import type { Finding } from '../risk-assessment/finding.ts'
import type { Level } from '../risk-assessment/level.ts'
import { compareWithGrant } from './compare-with-grant.ts'

const finding = (rule: string, severity: Finding['severity'], isPublic = true): Finding => ({
  rule,
  severity,
  title: rule,
  evidence: `${rule} evidence`,
  legalBasis: 'Criterion 2',
  reasonCodes: ['CP2'],
  public: isPublic,
})

const now = (level: Level, findings: Finding[]): AssessmentResult => ({
  level,
  recommendation: 'approve',
  reasonCodes: [],
  findings,
  summary: '',
  policyVersion: 2,
  inputSha256: 'x',
})

const kinds = (found: ReturnType<typeof compareWithGrant>) => found.map((f) => f.kind).sort()

describe('comparing today’s assessment with the one at grant time', () => {
  it('finds nothing when the risk is as low as it was', () => {
    expect(
      compareWithGrant(now('low', []), { level: 'low', findings: [], policyVersion: 1 }),
    ).toEqual([])
  })

  it('flags a risk that rose to high, with the findings that make it so', () => {
    const found = compareWithGrant(now('high', [finding('destination.spyware-abuse', 'high')]), {
      level: 'medium',
      findings: [],
      policyVersion: 1,
    })
    expect(kinds(found)).toEqual(['newly_significant_risk'])
    expect(found[0]).toMatchObject({
      significant: true,
      infringement: false,
      levelThen: 'medium',
      levelNow: 'high',
    })
    expect(found[0]?.evidence.map((f) => f.rule)).toEqual(['destination.spyware-abuse'])
  })

  it('counts a licence without a grant-time assessment as newly significant', () => {
    expect(
      kinds(compareWithGrant(now('prohibitive', [finding('x', 'prohibitive')]), null)),
    ).toEqual(['newly_significant_risk'])
  })

  it('flags a grant despite a prohibitive finding as an infringement, despite a high one not', () => {
    const prohibitive = compareWithGrant(now('medium', []), {
      level: 'prohibitive',
      findings: [finding('destination.embargo', 'prohibitive')],
      policyVersion: 1,
    })
    expect(prohibitive).toMatchObject([{ kind: 'granted_despite_risk', infringement: true }])
    const high = compareWithGrant(now('medium', []), {
      level: 'high',
      findings: [finding('end-user.security-body', 'high')],
      policyVersion: 1,
    })
    expect(high).toMatchObject([{ kind: 'granted_despite_risk', infringement: false }])
  })

  it('flags a grant under an active moratorium, a GEA outside its scope, vendor abuse, Pegasus states and the moratorium now', () => {
    const found = compareWithGrant(
      now('prohibitive', [
        finding('authorisation.general-scope', 'prohibitive'),
        finding('history.vendor-abuse', 'prohibitive'),
        finding('destination.pegasus-project', 'high'),
        finding('policy.moratorium', 'prohibitive'),
      ]),
      { level: 'prohibitive', findings: [finding('policy.moratorium', 'high')], policyVersion: 1 },
    )
    expect(kinds(found)).toEqual([
      'gea_outside_scope',
      'granted_despite_moratorium',
      'granted_despite_risk',
      'moratorium_applies',
      'pegasus_destination',
      'vendor_abuse',
    ])
    expect(
      found
        .filter((f) => f.infringement)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['gea_outside_scope', 'granted_despite_moratorium', 'granted_despite_risk'])
  })

  it('ignores rules that lacked data, keeps a weak Pegasus finding insignificant, and marks confidential evidence', () => {
    const found = compareWithGrant(
      now('high', [
        finding('authorisation.general-scope', 'unknown'),
        finding('destination.pegasus-project', 'medium'),
        finding('party.watchlist-hit', 'high', false),
      ]),
      { level: 'low', findings: [], policyVersion: 1 },
    )
    expect(kinds(found)).toEqual(['newly_significant_risk', 'pegasus_destination'])
    expect(found.find((f) => f.kind === 'pegasus_destination')?.significant).toBe(false)
    expect(found.find((f) => f.kind === 'newly_significant_risk')?.public).toBe(false)
  })
})
