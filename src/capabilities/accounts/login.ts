import { createHash } from 'node:crypto'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { recordAudit } from './audit.ts'
import { createFailureCounter, createRecentKeys } from './failure-counter.ts'
import { hashPassword, passwordTooLong, verifyPassword } from './password.ts'
import type { Principal } from './principal.ts'
import { findUserByEmail, principalOf } from './user.repository.ts'

export type LoginPolicy = {
  /** Failures for one email address from one client address that lock that pair… */
  maxFailures: number
  /** …for this long. */
  lockMinutes: number
  /**
   * Failures for one email address from every client address together, within
   * `accountWindowHours`, that refuse it from all but its usual addresses until the window's
   * length has passed: the slow back-off for guessing spread over many addresses.
   */
  accountMaxFailures: number
  accountWindowHours: number
  /** An address the account signed in from stays its usual address this long. */
  usualAddressDays: number
  /** Attempts allowed from one client address per window, whatever the account. */
  attemptsPerAddress: number
  addressWindowSeconds: number
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockMinutes: 15,
  // NIST SP 800-63B §5.2.2: no more than 100 failed attempts on one account.
  accountMaxFailures: 100,
  accountWindowHours: 24,
  usualAddressDays: 30,
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

/**
 * Password sign-in. Failures are counted per email address as typed, whether or not an account
 * has it, so an unknown address fails, locks and waits exactly as a known one does and the
 * answers say nothing about which accounts exist. Locks are per email-and-client-address, so
 * failing from elsewhere never locks the owner out where they usually sign in; a slower limit
 * over all addresses still throttles guessing spread across many.
 */
export function createLogin({
  db,
  clock,
  policy: given = {},
}: {
  db: Db
  clock: Clock
  policy?: Partial<LoginPolicy>
}) {
  const policy = { ...DEFAULT_LOGIN_POLICY, ...given }
  const perAddress = new RateLimiterMemory({
    points: policy.attemptsPerAddress,
    duration: policy.addressWindowSeconds,
  })
  const perPair = createFailureCounter(clock, {
    limit: policy.maxFailures,
    windowSeconds: policy.lockMinutes * 60,
    lockSeconds: policy.lockMinutes * 60,
  })
  const perAccount = createFailureCounter(clock, {
    limit: policy.accountMaxFailures,
    windowSeconds: policy.accountWindowHours * 3600,
    lockSeconds: policy.accountWindowHours * 3600,
  })
  const usualAddresses = createRecentKeys(clock, { days: policy.usualAddressDays })
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
    // Every step below runs the same for an email with an account and one without; only the
    // comparison's outcome differs. Hashed: no typed address is kept in memory.
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')
    const pair = `${account}|${address}`
    const usual = usualAddresses.has(pair)
    const user = await findUserByEmail(db, email)
    const waiting = Math.max(perPair.lockedFor(pair), usual ? 0 : perAccount.lockedFor(account))
    if (waiting > 0) {
      await recordAudit(db, {
        principal: null,
        userId: user?.id,
        action: 'login',
        outcome: 'denied',
        detail: { reason: 'locked' },
      })
      return { ok: false, reason: 'locked', retryAfterSeconds: waiting }
    }
    const usable = user?.password_hash && !user.disabled_at ? user : undefined
    const right = await verifyPassword(password, usable?.password_hash ?? (await dummyHash))
    if (!usable || !right) {
      const pairLock = perPair.fail(pair)
      const accountLock = perAccount.fail(account)
      const locked = Math.max(pairLock, usual ? 0 : accountLock)
      await recordAudit(db, {
        principal: null,
        userId: user?.id,
        action: 'login',
        outcome: 'failed',
        detail: locked ? { locked: true } : {},
      })
      return locked
        ? { ok: false, reason: 'locked', retryAfterSeconds: locked }
        : { ok: false, reason: 'invalid' }
    }
    // The account-wide count is left to run out: a success does not hand whoever is guessing
    // from elsewhere a fresh allowance.
    perPair.forget(pair)
    usualAddresses.note(pair)
    const principal = principalOf(usable)
    await recordAudit(db, { principal, action: 'login', outcome: 'ok' })
    return { ok: true, principal }
  }

  return { login }
}
