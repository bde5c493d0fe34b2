import { describe, expect, it } from 'vitest'
import { END_USE_FLAGS } from '../assessment-input.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { endUseRedFlags } from './end-use-red-flags.ts'
import { endUseTextCues } from './end-use-text-cues.ts'
import { assessmentInput, policyWith } from './test-input.ts'

describe('end-use.red-flags', () => {
  it('gives one finding per flag, named in plain language', () => {
    const input = assessmentInput({ endUseFlags: ['covert_capability', 'unusual_payment'] })
    const findings = endUseRedFlags.evaluate(input, DEFAULT_POLICY)
    expect(findings.map((f) => f.title)).toEqual([
      'Red flag: the items are offered or wanted for their covert surveillance capability',
      'Red flag: the payment arrangements are unusual',
    ])
    expect(findings.map((f) => f.reasonCodes)).toEqual([['CP2', 'CP2A'], ['DIVERSION']])
    expect(findings.every((f) => f.severity === 'high')).toBe(true)
  })

  it('names every flag and marks the red flags it could not verify', () => {
    const findings = endUseRedFlags.evaluate(
      assessmentInput({ endUseFlags: [...END_USE_FLAGS] }),
      DEFAULT_POLICY,
    )
    expect(findings).toHaveLength(END_USE_FLAGS.length)
    for (const finding of findings) expect(finding.title).not.toMatch(/_/)
    expect(findings.find((f) => f.evidence.includes('unusual_routing'))?.legalBasis).toContain(
      'unverified',
    )
  })

  it('stays silent without flags and is unknown when the exporter was not asked', () => {
    expect(endUseRedFlags.evaluate(assessmentInput(), DEFAULT_POLICY)).toEqual([])
    const [finding] = endUseRedFlags.evaluate(
      assessmentInput({ endUseFlags: null }),
      DEFAULT_POLICY,
    )
    expect(finding?.severity).toBe('unknown')
    expect(finding?.evidence).toContain('not asked')
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.endUse.flag = 'medium'
    })
    const input = assessmentInput({ endUseFlags: ['mass_interception'] })
    expect(endUseRedFlags.evaluate(input, policy)[0]?.severity).toBe('medium')
  })
})

describe('end-use.text-cues', () => {
  const cuesIn = (intendedUse: string, description = '') =>
    endUseTextCues.evaluate(
      assessmentInput({ intendedUse, endUser: { ...assessmentInput().endUser, description } }),
      DEFAULT_POLICY,
    )

  it('quotes the words found, case-insensitively', () => {
    const [finding] = cuesIn('Undetectable remote infection of handsets via ZERO-DAY exploits.')
    expect(finding?.severity).toBe('medium')
    expect(finding?.evidence).toContain('"undetectable"')
    expect(finding?.evidence).toContain('"remote infection"')
    expect(finding?.evidence).toContain('"zero-day"')
    expect(finding?.reasonCodes).toEqual(['CP2'])
  })

  it.each([
    ['Bulk interception of the national backbone', 'mass or bulk interception'],
    ['To monitor opposition politicians and journalists', 'monitoring of journalists'],
    ['Interception without a warrant in urgent cases', 'without a warrant'],
    ['Bypass encryption of messaging apps', 'bypassing encryption'],
    ['Remote infection of the phones of journalists', 'monitoring of journalists'],
    ['Track individuals across the city', 'tracking individuals'],
    ['A covert collection platform', 'covert'],
  ])('finds a cue in %j', (text, words) => {
    const [finding] = cuesIn(text)
    expect(finding?.title).toContain(words)
  })

  it('cites Criterion 2(a) for civil-society targets and reads the end-user description too', () => {
    const [finding] = cuesIn('Network operations', 'Unit that surveils dissidents abroad')
    expect(finding?.reasonCodes).toEqual(['CP2', 'CP2A'])
    expect(finding?.evidence).toContain('End-user description:')
  })

  it('stays silent for ordinary text and is unknown when there is no text', () => {
    expect(cuesIn('Teaching and research on secure messaging protocols.', 'A university')).toEqual(
      [],
    )
    const [finding] = cuesIn('  ', '')
    expect(finding?.severity).toBe('unknown')
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.endUse.textCue = 'high'
    })
    const input = assessmentInput({ intendedUse: 'covert monitoring' })
    expect(endUseTextCues.evaluate(input, policy)[0]?.severity).toBe('high')
  })
})
