import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTestDatabase, useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import {
  accountControl,
  accountControlOf,
  activateAccount,
  activationFor,
  createActivationToken,
} from './activation.ts'
import { seedDemoAccountsIfNone } from './demo/seed-demo-accounts.ts'
import { createLogin } from './login.ts'
import { createFirstAdmin, createSetupToken } from './setup.ts'
import {
  createUser,
  findUser,
  findUserByEmail,
  setPassword,
  setUserDisabled,
} from './user.repository.ts'

const database = useTestDatabase()
const NOW = new Date('2026-12-07T10:00:00Z')
const PASSWORD = 'the owner chose this one'
let n = 0
const email = () => `activation${++n}.${Date.now()}@accounts.test.example`

describe('who controls an account', () => {
  it('is the owner only with an activation and no administrator-chosen password', () => {
    expect(accountControlOf({ password_set_by: 'owner', activated_at: NOW })).toBe('owner')
    expect(accountControlOf({ password_set_by: null, activated_at: NOW })).toBe('owner')
    expect(accountControlOf({ password_set_by: 'administrator', activated_at: NOW })).toBe(
      'administrator_password',
    )
    expect(accountControlOf({ password_set_by: null, activated_at: null })).toBe('not_activated')
  })
})

describe('demo accounts', () => {
  it('are activated through the link, so the demo officers may confirm each other', async () => {
    const db = await createTestDatabase()
    try {
      await seedDemoAccountsIfNone(db.db, mkdtempSync(join(tmpdir(), 'glasshouse-demo-')))
      for (const email of ['officer@demo.invalid', 'senior@demo.invalid']) {
        const row = await findUserByEmail(db.db, email)
        expect(row && accountControlOf(row), email).toBe('owner')
      }
      const trail = await db.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'user.activate')
        .execute()
      expect(trail).toHaveLength(5)
    } finally {
      await db.close()
    }
  }, 60_000)
})

describe('activation links', () => {
  const officer = () =>
    createUser(database.db, {
      email: email(),
      displayName: 'An officer',
      role: 'officer',
      authorityId: 'de-bafa',
    })

  it('let the owner set their password once, and make the account theirs', async () => {
    const user = await officer()
    expect(await accountControl(database.db, user.id)).toBe('not_activated')
    const { token, expiresAt } = await createActivationToken(database.db, user.id, {
      createdBy: null,
      now: NOW,
    })
    expect(expiresAt.toISOString()).toBe('2026-12-10T10:00:00.000Z')
    expect(await activationFor(database.db, token, NOW)).toMatchObject({ userId: user.id })
    await activateAccount(database.db, token, PASSWORD, NOW)
    const row = await findUser(database.db, user.id)
    expect(row).toMatchObject({ password_set_by: 'owner', activated_at: NOW })
    expect(await accountControl(database.db, user.id)).toBe('owner')
    await expect(
      activateAccount(database.db, token, 'someone else tries it', NOW),
    ).rejects.toMatchObject({ status: 403 })
    const { login } = createLogin({ db: database.db, clock: fixedClock(NOW.toISOString()) })
    expect(await login(user.email, PASSWORD, 'test')).toMatchObject({ ok: true })
  })

  it('expire, stop working when a newer link is made, and do not work for a disabled account', async () => {
    const user = await officer()
    const old = await createActivationToken(database.db, user.id, { createdBy: null, now: NOW })
    const later = new Date(NOW.getTime() + 73 * 3_600_000)
    expect(await activationFor(database.db, old.token, later)).toBeUndefined()
    const newer = await createActivationToken(database.db, user.id, { createdBy: null, now: NOW })
    expect(await activationFor(database.db, old.token, NOW)).toBeUndefined()
    await setUserDisabled(database.db, user.id, true, NOW)
    await expect(activateAccount(database.db, newer.token, PASSWORD, NOW)).rejects.toMatchObject({
      status: 403,
    })
  })

  it('mark administrator-chosen passwords, and the first administrator’s own', async () => {
    const chosen = await createUser(database.db, {
      email: email(),
      displayName: 'Given a password',
      role: 'officer',
      authorityId: 'de-bafa',
      password: 'an administrator chose it',
    })
    expect(chosen).toMatchObject({ passwordSetBy: 'administrator', activatedAt: null })
    const owned = await officer()
    const { token } = await createActivationToken(database.db, owned.id, {
      createdBy: null,
      now: NOW,
    })
    await activateAccount(database.db, token, PASSWORD, NOW)
    await setPassword(database.db, owned.id, 'reset by an administrator')
    expect(await accountControl(database.db, owned.id)).toBe('administrator_password')

    const setup = await createSetupToken(database.db, NOW)
    // The first administrator chose their own password on the setup page (one per database).
    const admin = await createFirstAdmin(
      database.db,
      setup,
      { email: email(), displayName: 'First', password: PASSWORD },
      NOW,
    )
    expect(admin).toMatchObject({ passwordSetBy: 'owner', activatedAt: NOW.toISOString() })
  })
})
