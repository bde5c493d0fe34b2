import { randomBytes } from 'node:crypto'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Clock, systemClock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import { activateAccount, createActivationToken } from '../activation.ts'
import type { Role } from '../principal.ts'
import { createOrganisation, createUser } from '../user.repository.ts'

const DEMO_ORGANISATION = {
  id: 'demo-nordlicht',
  name: 'Nordlicht Systems GmbH (demo)',
  country: 'DE',
  authorityId: 'de-bafa',
  exporterId: 'DE000000000',
}

const DEMO_USERS: { email: string; name: string; role: Role; tenant: Record<string, string> }[] = [
  {
    email: 'exporter@demo.invalid',
    name: 'Demo exporter',
    role: 'exporter',
    tenant: { organisationId: DEMO_ORGANISATION.id },
  },
  {
    email: 'officer@demo.invalid',
    name: 'Demo officer',
    role: 'officer',
    tenant: { authorityId: 'de-bafa' },
  },
  {
    email: 'senior@demo.invalid',
    name: 'Demo senior officer',
    role: 'senior_officer',
    tenant: { authorityId: 'de-bafa' },
  },
  { email: 'analyst@demo.invalid', name: 'Demo analyst', role: 'analyst', tenant: {} },
  { email: 'admin@demo.invalid', name: 'Demo administrator', role: 'admin', tenant: {} },
]

/**
 * Demo accounts for a fresh demo database. There are no default passwords: each gets a random
 * one, written once to a file only the owner can read, never to the log.
 *
 * Each account is activated through the real one-time activation link, with the seeder standing
 * in for its owner: a demo has nobody else to hand the link to. So the demo officers may confirm
 * each other's four-eyes proposals. That is honest for a demo, where the person running it is
 * every officer at once; in a deployment the link goes to the officer, and only they know the
 * password they set there (`glasshouse users add` prints such a link).
 */
export async function seedDemoAccountsIfNone(
  db: Db,
  dataDir: string,
  clock: Clock = systemClock,
): Promise<string | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (any) return null
  await createOrganisation(db, DEMO_ORGANISATION)
  const lines = [
    'Glasshouse demo accounts (random passwords, made when the demo database was created)',
    '',
  ]
  for (const user of DEMO_USERS) {
    const password = randomBytes(12).toString('base64url')
    const created = await createUser(db, {
      email: user.email,
      displayName: user.name,
      role: user.role,
      ...user.tenant,
    })
    const { token } = await createActivationToken(db, created.id, {
      createdBy: null,
      now: clock.now(),
    })
    await activateAccount(db, token, password, clock.now())
    lines.push(`${user.role.padEnd(16)} ${user.email.padEnd(24)} ${password}`)
  }
  const file = join(dataDir, 'demo-accounts.txt')
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return file
}
