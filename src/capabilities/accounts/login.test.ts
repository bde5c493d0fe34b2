import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import type { Clock } from '../../platform/clock.ts'
import { createLogin, type LoginResult } from './login.ts'
import { createUser } from './user.repository.ts'

const database = useTestDatabase()
const PASSWORD = 'a long enough passphrase'
const WRONG = 'not the passphrase at all'
let n = 0
const email = () => `login${++n}.${Date.now()}@login.test.example`

/** A clock the test moves forward. */
function movableClock(iso: string) {
  let at = new Date(iso).getTime()
  const clock: Clock = {
    now: () => new Date(at),
    today: () => new Date(at).toISOString().slice(0, 10),
  }
  return { clock, advanceMinutes: (minutes: number) => (at += minutes * 60_000) }
}

async function account() {
  const who = email()
  await createUser(database.db, {
    email: who,
    displayName: 'Owner',
    role: 'analyst',
    password: PASSWORD,
  })
  return who
}

describe('sign-in lockout', () => {
  it('answers an unknown email address exactly as a known one, through the lock and after it', async () => {
    const { clock, advanceMinutes } = movableClock('2026-12-01T09:00:00Z')
    const { login } = createLogin({ db: database.db, clock })
    const known = await account()
    const unknown = email()
    const run = async (who: string, address: string) => {
      const answers: LoginResult[] = []
      for (let i = 0; i < 7; i++) answers.push(await login(who, WRONG, address))
      advanceMinutes(10)
      answers.push(await login(who, PASSWORD, address))
      return answers
    }
    const forKnown = await run(known, '198.51.100.1')
    const forUnknown = await run(unknown, '198.51.100.2')
    const invalid = { ok: false, reason: 'invalid' }
    const locked = (seconds: number) => ({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: seconds,
    })
    expect(forKnown).toEqual([
      ...Array(4).fill(invalid),
      locked(900),
      locked(900),
      locked(900),
      // Ten minutes on: still locked, even with the right password.
      locked(300),
    ])
    expect(forUnknown).toEqual(forKnown)
    // Once the lock is over the right password works again.
    advanceMinutes(6)
    expect(await login(known, PASSWORD, '198.51.100.1')).toMatchObject({ ok: true })
  })

  it('does not let failures from another address lock the owner out of theirs', async () => {
    const { clock } = movableClock('2026-12-01T09:00:00Z')
    const { login } = createLogin({ db: database.db, clock })
    const who = await account()
    const attacker = '203.0.113.66'
    for (let i = 0; i < 6; i++) await login(who, WRONG, attacker)
    expect(await login(who, PASSWORD, attacker)).toMatchObject({ reason: 'locked' })
    // The owner has never signed in before, from anywhere: their address is simply another one.
    expect(await login(who, PASSWORD, '192.0.2.10')).toMatchObject({ ok: true })
  })

  it('throttles guessing spread over many addresses, except from where the owner signs in', async () => {
    const { clock, advanceMinutes } = movableClock('2026-12-01T09:00:00Z')
    const { login } = createLogin({
      db: database.db,
      clock,
      policy: { accountMaxFailures: 6, accountWindowHours: 24 },
    })
    const known = await account()
    const unknown = email()
    const owner = '192.0.2.20'
    expect(await login(known, PASSWORD, owner)).toMatchObject({ ok: true })
    const spread = async (who: string) => {
      const answers: LoginResult[] = []
      // Three addresses, two failures each: none comes near its own lock.
      for (let a = 1; a <= 3; a++)
        for (let i = 0; i < 2; i++) answers.push(await login(who, WRONG, `203.0.113.${a}`))
      // A fourth address, and the right password: refused without a guess being made.
      answers.push(await login(who, PASSWORD, '203.0.113.4'))
      return answers
    }
    const forKnown = await spread(known)
    expect(forKnown.slice(0, 5)).toEqual(Array(5).fill({ ok: false, reason: 'invalid' }))
    expect(forKnown.slice(5)).toEqual([
      { ok: false, reason: 'locked', retryAfterSeconds: 86_400 },
      { ok: false, reason: 'locked', retryAfterSeconds: 86_400 },
    ])
    // An email address without an account is throttled the same way.
    expect(await spread(unknown)).toEqual(forKnown)
    // The owner's usual address is not held back by what others did.
    expect(await login(known, PASSWORD, owner)).toMatchObject({ ok: true })
    advanceMinutes(24 * 60)
    expect(await login(known, PASSWORD, '203.0.113.4')).toMatchObject({ ok: true })
  })

  it('spends the same password hashing on an unknown address as on a known one', async () => {
    const { clock } = movableClock('2026-12-01T09:00:00Z')
    const { login } = createLogin({ db: database.db, clock })
    const known = await account()
    const time = async (who: string, address: string) => {
      const started = performance.now()
      expect(await login(who, WRONG, address)).toEqual({ ok: false, reason: 'invalid' })
      return performance.now() - started
    }
    const knownTimes: number[] = []
    const unknownTimes: number[] = []
    for (let i = 0; i < 2; i++) {
      knownTimes.push(await time(known, `198.51.100.${50 + i}`))
      unknownTimes.push(await time(email(), `198.51.100.${60 + i}`))
    }
    // scrypt (N=2^17) takes tens of milliseconds at least; skipping it would take about none.
    expect(Math.min(...unknownTimes)).toBeGreaterThan(Math.min(...knownTimes) / 2)
  })
})
