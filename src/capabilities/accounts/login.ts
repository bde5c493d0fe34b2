import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { recordAudit } from './audit.ts'
import { hashPassword, passwordTooLong, verifyPassword } from './password.ts'
import type { Principal } from './principal.ts'
import { findUserByEmail, principalOf } from './user.repository.ts'

export type LoginPolicy = {
  /** Consecutive failures that lock an account… */
  maxFailures: number
  /** …for this long. */
  lockMinutes: number
  /** Attempts allowed from one client address per window, whatever the account. */
  attemptsPerAddress: number
  addressWindowSeconds: number
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockMinutes: 15,
  attemptsPerAddress: 30,
  addressWindowSeconds: 300,
}

export type LoginResult =
  | { ok: true; principal: Principal }
  | {
      ok: false
      reason: 'invalid' | 'locked' | 'rate_limited' | 'too_long'
      retryAfterSeconds?: number
    }

export type Login = ReturnType<typeof createLogin>

/** Password sign-in with per-account lockout and per-address rate limits. */
export function createLogin({
  db,
  clock,
  policy = DEFAULT_LOGIN_POLICY,
}: {
  db: Db
  clock: Clock
  policy?: LoginPolicy
}) {
  const perAddress = new RateLimiterMemory({
    points: policy.attemptsPerAddress,
    duration: policy.addressWindowSeconds,
  })
  // Unknown emails cost the same scrypt work as known ones, so timing does not reveal accounts.
  const dummyHash = hashPassword('not-a-real-password-0000')

  async function login(email: string, password: string, address: string): Promise<LoginResult> {
    try {
      await perAddress.consume(address)
    } catch (rejection) {
      const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000
      await recordAudit(db, {
        principal: null,
        action: 'login',
        outcome: 'denied',
        detail: { reason: 'rate_limited' },
      })
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.ceil(ms / 1000) }
    }
    // No password can be longer (password.ts), so this one is wrong without hashing it; the
    // answer says nothing about the account and does not count against it.
    if (passwordTooLong(password)) {
      await recordAudit(db, {
        principal: null,
        action: 'login',
        outcome: 'failed',
        detail: { reason: 'password_too_long' },
      })
      return { ok: false, reason: 'too_long' }
    }
    const now = clock.now()
    const user = await findUserByEmail(db, email)
    if (!user?.password_hash || user.disabled_at) {
      await verifyPassword(password, await dummyHash)
      await recordAudit(db, {
        principal: null,
        userId: user?.id,
        action: 'login',
        outcome: 'failed',
      })
      return { ok: false, reason: 'invalid' }
    }
    if (user.locked_until && user.locked_until > now) {
      await recordAudit(db, {
        principal: null,
        userId: user.id,
        action: 'login',
        outcome: 'denied',
        detail: { reason: 'locked' },
      })
      return {
        ok: false,
        reason: 'locked',
        retryAfterSeconds: Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000),
      }
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const failures = user.failed_logins + 1
      const lock = failures >= policy.maxFailures
      await db
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null,
        })
        .where('id', '=', user.id)
        .execute()
      await recordAudit(db, {
        principal: null,
        userId: user.id,
        action: 'login',
        outcome: 'failed',
        detail: lock ? { locked: true } : {},
      })
      return lock
        ? { ok: false, reason: 'locked', retryAfterSeconds: policy.lockMinutes * 60 }
        : { ok: false, reason: 'invalid' }
    }
    await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute()
    const principal = principalOf(user)
    await recordAudit(db, { principal, action: 'login', outcome: 'ok' })
    return { ok: true, principal }
  }

  return { login }
}
