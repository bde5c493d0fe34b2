import { randomBytes } from 'node:crypto'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../../platform/db/database.ts'
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
 */
export async function seedDemoAccountsIfNone(db: Db, dataDir: string): Promise<string | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (any) return null
  await createOrganisation(db, DEMO_ORGANISATION)
  const lines = [
    'Glasshouse demo accounts (random passwords, made when the demo database was created)',
    '',
  ]
  for (const user of DEMO_USERS) {
    const password = randomBytes(12).toString('base64url')
    await createUser(db, {
      email: user.email,
      displayName: user.name,
      role: user.role,
      ...user.tenant,
      password,
    })
    lines.push(`${user.role.padEnd(16)} ${user.email.padEnd(24)} ${password}`)
  }
  const file = join(dataDir, 'demo-accounts.txt')
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return file
}
