import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { fixedClock } from '../../../platform/clock.ts'
import { ValidationError } from '../../../platform/http/errors.ts'
import { DEFAULT_POLICY } from './default-policy.ts'
import { currentPolicy, listPolicyVersions, setMoratorium, setPolicy } from './policy.repository.ts'

const clock = fixedClock('2026-11-28T12:00:00Z')

describe('the versioned policy', () => {
  const t = useTestDatabase()

  it('starts from the default as version 1', async () => {
    const v1 = await currentPolicy(t.db, clock)
    expect(v1).toMatchObject({ version: 1, actor: 'system', policy: DEFAULT_POLICY })
    expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses an invalid document naming the failing path, and keeps the policy in force', async () => {
    const broken = structuredClone(DEFAULT_POLICY) as unknown as Record<string, unknown>
    ;(broken.destination as Record<string, unknown>).pegasusProject = 'catastrophic'
    broken.colour = 'red'
    const error = await setPolicy(t.db, clock, broken, {
      actor: 'officer-1',
      reason: 'Try a new severity',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    const fields = ((error as ValidationError).issues ?? []).map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['destination.pegasusProject', '(document)']))
    expect((await currentPolicy(t.db, clock)).version).toBe(1)
  })

  it('records each change as a new version with who and why', async () => {
    const next = structuredClone(DEFAULT_POLICY)
    next.destination.pegasusProject = 'prohibitive'
    const v2 = await setPolicy(t.db, clock, next, {
      actor: 'senior-officer-2',
      reason: 'Pegasus Project states are now refused outright',
    })
    expect(v2).toMatchObject({ version: 2, actor: 'senior-officer-2' })
    expect((await currentPolicy(t.db, clock)).policy.destination.pegasusProject).toBe('prohibitive')
    const history = await listPolicyVersions(t.db)
    expect(history.map((h) => h.version)).toEqual([2, 1])
    expect(history[0]?.reason).toBe('Pegasus Project states are now refused outright')
  })

  it('switches the moratorium on and off as versions, dated from the day it starts', async () => {
    const on = await setMoratorium(t.db, clock, true, {
      actor: 'minister',
      reason: 'Moratorium adopted by the Council',
      changes: { effect: 'hold' },
    })
    expect(on.policy.moratorium).toMatchObject({
      active: true,
      effect: 'hold',
      since: '2026-11-28',
    })
    const off = await setMoratorium(t.db, clock, false, {
      actor: 'minister',
      reason: 'Safeguards in force',
    })
    expect(off.version).toBe(on.version + 1)
    expect(off.policy.moratorium).toMatchObject({ active: false, since: null })
    await expect(
      setMoratorium(t.db, clock, true, { actor: 'minister', reason: '' }),
    ).rejects.toThrow(/reason/)
  })
})
