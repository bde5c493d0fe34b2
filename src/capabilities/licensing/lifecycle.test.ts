import { describe, expect, it } from 'vitest'
import {
  type ApplicationState,
  ApplicationStateSchema,
  type LifecycleAction,
  LifecycleActionSchema,
  transition,
} from './lifecycle.ts'

// The allowed transitions, written out by hand from the issue so the table is checked, not echoed.
const ALLOWED: [ApplicationState, LifecycleAction, ApplicationState][] = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'start_review', 'under_review'],
  ['under_review', 'grant', 'granted'],
  ['under_review', 'refuse', 'refused'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['under_review', 'withdraw', 'withdrawn'],
  ['granted', 'suspend', 'suspended'],
  ['suspended', 'reinstate', 'granted'],
  ['suspended', 'revoke', 'revoked'],
  ['granted', 'revoke', 'revoked'],
  ['granted', 'annul', 'annulled'],
  ['granted', 'expire', 'expired'],
]

describe(transition.name, () => {
  it.each(ALLOWED)('allows %s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ ok: true, from, to })
  })

  const refused = ApplicationStateSchema.options.flatMap((from) =>
    LifecycleActionSchema.options
      .filter((action) => !ALLOWED.some(([f, a]) => f === from && a === action))
      .map((action) => [from, action] as const),
  )

  it('refuses every other pair (88 of 100)', () => {
    expect(refused).toHaveLength(10 * 10 - ALLOWED.length)
  })

  it.each(refused)('refuses %s --%s-->', (from, action) => {
    const result = transition(from, action)
    expect(result.ok).toBe(false)
  })

  it('tells which actions are possible instead', () => {
    expect(transition('granted', 'grant')).toEqual({
      ok: false,
      from: 'granted',
      allowedActions: ['suspend', 'revoke', 'annul', 'expire'],
    })
    expect(transition('refused', 'reinstate')).toMatchObject({ ok: false, allowedActions: [] })
  })
})
