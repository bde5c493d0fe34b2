import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import { itemArt5CatchAll } from './item-art5-catch-all.ts'
import { itemCyberSurveillanceEntry } from './item-cyber-surveillance-entry.ts'
import { assessmentInput, INTRUSION_ITEM, policyWith } from './test-input.ts'

describe('item.cyber-surveillance-entry', () => {
  it('weighs intrusion software by the technology table and cites Criterion 2', () => {
    const findings = itemCyberSurveillanceEntry.evaluate(
      assessmentInput({ items: [INTRUSION_ITEM] }),
      DEFAULT_POLICY,
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      rule: 'item.cyber-surveillance-entry',
      severity: 'high',
      reasonCodes: ['CP2'],
      public: true,
    })
    expect(findings[0]?.title).toContain('4D004')
    expect(findings[0]?.legalBasis).toContain('Art 2(20)')
  })

  it('gives an encryption-only item the cryptography weight (info by default)', () => {
    const [finding] = itemCyberSurveillanceEntry.evaluate(assessmentInput(), DEFAULT_POLICY)
    expect(finding?.severity).toBe('info')
    expect(finding?.title).toContain('not a cyber-surveillance item')
    expect(finding?.reasonCodes).toEqual([])
  })

  it('stays silent for listed items that are neither cyber-surveillance nor encryption', () => {
    const input = assessmentInput({
      items: [
        {
          controlEntry: '5A001.c',
          technology: 'other',
          cyberSurveillance: false,
          kind: 'annex_i',
          description: 'Telecommunications equipment',
        },
      ],
    })
    expect(itemCyberSurveillanceEntry.evaluate(input, DEFAULT_POLICY)).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.items.technology.intrusion = 'prohibitive'
    })
    const input = assessmentInput({ items: [INTRUSION_ITEM] })
    expect(itemCyberSurveillanceEntry.evaluate(input, policy)[0]?.severity).toBe('prohibitive')
  })
})

describe('item.art5-catch-all', () => {
  const art5Item = {
    controlEntry: 'ART5',
    technology: 'other' as const,
    cyberSurveillance: true,
    kind: 'art5' as const,
    description: 'Social-media monitoring platform with facial recognition',
  }

  it('fires for an Art 5 item, citing ART5 and the text of Art 5', () => {
    const findings = itemArt5CatchAll.evaluate(
      assessmentInput({ items: [art5Item] }),
      DEFAULT_POLICY,
    )
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'high', reasonCodes: ['ART5'] })
    expect(findings[0]?.legalBasis).toContain('Art 5(1)')
    expect(findings[0]?.legalBasis).toContain('internal repression')
  })

  it('stays silent for listed items, which the item table covers', () => {
    expect(
      itemArt5CatchAll.evaluate(assessmentInput({ items: [INTRUSION_ITEM] }), DEFAULT_POLICY),
    ).toEqual([])
    expect(
      itemCyberSurveillanceEntry.evaluate(assessmentInput({ items: [art5Item] }), DEFAULT_POLICY),
    ).toEqual([])
  })

  it('takes the severity from the policy', () => {
    const policy = policyWith((p) => {
      p.items.art5 = 'medium'
    })
    const input = assessmentInput({ items: [art5Item] })
    expect(itemArt5CatchAll.evaluate(input, policy)[0]?.severity).toBe('medium')
  })
})
