import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../decision-log/tlog/index.ts'
import { describeOutcome, keyIdOf, type PageDecision } from './verify-outcome.ts'

const VKEY = 'glasshouse.example/decision-log+018c27ec+AU03qvd4nM1ge+DbFiCOjL7n8crOoXjRJqwQnipGOVyI'

const grant: PageDecision = {
  logIndex: 4,
  action: 'grant',
  fromState: 'under_review',
  toState: 'granted',
  decidedOn: '2026-11-02',
  reasonCodes: ['NO_SIGNIFICANT_RISK'],
}

const leafOf = (d: PageDecision, extra: Record<string, unknown> = {}) => ({
  index: d.logIndex,
  leaf: canonicalJson({
    type: 'decision',
    reference: 'DE-1',
    action: d.action,
    fromState: d.fromState,
    toState: d.toState,
    decidedOn: d.decidedOn,
    reasonCodes: d.reasonCodes,
    ...extra,
  }),
})

const bundleWith = (leaves: { index: number; leaf: string }[]) => ({
  origin: 'glasshouse.example/decision-log',
  vkey: VKEY,
  checkpoint: { size: 9, signedAt: '2026-11-03T08:00:00.000Z' },
  leaves,
})

describe('describeOutcome', () => {
  it('says what was proven when the bundle verifies and every record matches the page', () => {
    const outcome = describeOutcome(bundleWith([leafOf(grant)]), { ok: true, checked: 1 }, [grant])
    expect(outcome).toEqual({
      ok: true,
      headline: 'Verified: this decision is in the Glasshouse decision log.',
      details: [
        'Checkpoint of size 9 signed by glasshouse.example/decision-log with key 018c27ec on 2026-11-03; the signature and every inclusion proof were checked in this browser.',
        "Each record's text matches this page: action, states, date and reason codes.",
      ],
      proven: [4],
    })
  })

  it('passes on the verifier reason when the bundle does not verify', () => {
    const outcome = describeOutcome(
      bundleWith([leafOf(grant)]),
      { ok: false, checked: 0, reason: 'leaf 4: leaf hash does not match the leaf text' },
      [grant],
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.headline).toBe(
      'Verification failed: leaf 4: leaf hash does not match the leaf text.',
    )
    expect(outcome.details[0]).toMatch(/^0 records were checked before the failure/)
    expect(outcome.proven).toEqual([])
  })

  it('fails when a logged record says something else than the page', () => {
    const logged = leafOf({ ...grant, reasonCodes: ['CONDITIONS'] })
    const outcome = describeOutcome(bundleWith([logged]), { ok: true, checked: 1 }, [grant])
    expect(outcome.ok).toBe(false)
    expect(outcome.details).toEqual([
      'Log record 4: reasons: the log says ["CONDITIONS"], this page ["NO_SIGNIFICANT_RISK"].',
    ])
  })

  it('fails when the page claims a logged decision the bundle lacks, or hides one it has', () => {
    const revoke = {
      ...grant,
      logIndex: 7,
      action: 'revoke',
      fromState: 'granted',
      toState: 'revoked',
    }
    const missing = describeOutcome(bundleWith([leafOf(grant)]), { ok: true, checked: 1 }, [
      grant,
      revoke,
    ])
    expect(missing.ok).toBe(false)
    expect(missing.details).toEqual([
      'This page shows the revoke of 2026-11-02 as log record 7, but the proof does not include it.',
    ])
    const hidden = describeOutcome(
      bundleWith([leafOf(grant), leafOf(revoke)]),
      { ok: true, checked: 2 },
      [grant],
    )
    expect(hidden.details).toEqual(['Log record 7 (revoke) is not shown on this page.'])
  })

  it('takes the key id from a signed-note verifier key', () => {
    expect(keyIdOf(VKEY)).toBe('018c27ec')
  })
})
