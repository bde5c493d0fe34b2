import { createHash, randomBytes } from 'node:crypto'
import { createApp } from '../src/app.ts'
import { activateAccount, createActivationToken } from '../src/capabilities/accounts/activation.ts'
import { createApiToken } from '../src/capabilities/accounts/api-tokens.ts'
import type { Principal, Role } from '../src/capabilities/accounts/principal.ts'
import {
  createOrganisation,
  createUser,
  findUser,
  principalOf,
} from '../src/capabilities/accounts/user.repository.ts'
import { createDecisionLog } from '../src/capabilities/decision-log/decision-log.ts'
import { signerFromKey } from '../src/capabilities/decision-log/signer.ts'
import {
  cosignatureVerifierKeyOf,
  generateKeyPair,
  parseSignerKey,
} from '../src/capabilities/decision-log/tlog/index.ts'
import { type Clock, systemClock } from '../src/platform/clock.ts'
import type { Db } from '../src/platform/db/database.ts'
import { silentLogger } from '../src/platform/logger.ts'

/** One signing key for every test app in a file: decisions go into the public log as in production. */
export const TEST_LOG_ORIGIN = 'test.glasshouse/decision-log'
export const TEST_LOG_KEY = signerFromKey(generateKeyPair(TEST_LOG_ORIGIN).skey)
/** A witness the test log accepts cosignatures from. */
export const TEST_WITNESS_NAME = 'witness.test/w1'
export const TEST_WITNESS = parseSignerKey(generateKeyPair(TEST_WITNESS_NAME).skey)
export const TEST_WITNESS_VKEY = cosignatureVerifierKeyOf(TEST_WITNESS)

/** The decision log tests append to: the test key, the test witness. */
export function testDecisionLog(clock: Clock = systemClock) {
  return createDecisionLog({
    key: TEST_LOG_KEY,
    origin: TEST_LOG_ORIGIN,
    clock,
    witnesses: [TEST_WITNESS_VKEY],
  })
}

/** Organisations and accounts for tests: one per role, and a second tenant to try crossing into. */
export type TestUser = { principal: Principal; token: string; email: string; password: string }
export type TestUsers = {
  exporter: TestUser
  officer: TestUser
  secondOfficer: TestUser
  senior: TestUser
  analyst: TestUser
  investigator: TestUser
  complaintHandler: TestUser
  admin: TestUser
  /** An officer and an exporter of another authority (fr-sbdu). */
  otherOfficer: TestUser
  otherExporter: TestUser
}

/** One account of each role of the authority under test (the fuzz and authorisation tests). */
export const EACH_ROLE = [
  'exporter',
  'officer',
  'senior',
  'analyst',
  'investigator',
  'complaintHandler',
  'admin',
] as const satisfies readonly (keyof TestUsers)[]

export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * Creates the test accounts in a database (idempotent per suffix). Passwords are hashed only
 * when asked: scrypt at production cost takes a moment per user. With passwords, every account
 * is taken over by its "owner" through the real one-time activation link (the owner sets
 * TEST_PASSWORD); without, the officials are marked owner-activated (markOwnerActivatedForTests),
 * so that either way they may answer four-eyes proposals.
 */
export async function createTestUsers(
  db: Db,
  { suffix = randomBytes(3).toString('hex'), passwords = false } = {},
): Promise<TestUsers> {
  const orgDe = `nordlicht-${suffix}`
  const orgFr = `lumiere-${suffix}`
  await createOrganisation(db, {
    id: orgDe,
    name: 'Nordlicht Systems GmbH',
    country: 'DE',
    authorityId: 'de-bafa',
    exporterId: 'DE123456789',
  })
  await createOrganisation(db, {
    id: orgFr,
    name: 'Lumière Cyber SAS',
    country: 'FR',
    authorityId: 'fr-sbdu',
  })
  const make = async (
    name: string,
    role: Role,
    tenant: { authorityId?: string; organisationId?: string } = {},
  ): Promise<TestUser> => {
    const email = `${name}.${suffix}@test.glasshouse.example`
    const user = await createUser(db, { email, displayName: name, role, ...tenant })
    if (passwords) await activateAsOwner(db, user.id)
    else if (role === 'officer' || role === 'senior_officer')
      await markOwnerActivatedForTests(db, user.id)
    const { token } = await createApiToken(db, user.id, {
      name: 'tests',
      scopes: ['read', 'write'],
    })
    const row = await findUser(db, user.id)
    if (!row) throw new Error('test user vanished')
    return { principal: principalOf(row), token, email, password: TEST_PASSWORD }
  }
  return {
    exporter: await make('exporter', 'exporter', { organisationId: orgDe }),
    officer: await make('officer', 'officer', { authorityId: 'de-bafa' }),
    secondOfficer: await make('second-officer', 'officer', { authorityId: 'de-bafa' }),
    senior: await make('senior', 'senior_officer', { authorityId: 'de-bafa' }),
    analyst: await make('analyst', 'analyst'),
    investigator: await make('investigator', 'investigator'),
    complaintHandler: await make('complaints', 'complaint_handler'),
    admin: await make('admin', 'admin'),
    otherOfficer: await make('other-officer', 'senior_officer', { authorityId: 'fr-sbdu' }),
    otherExporter: await make('other-exporter', 'exporter', { organisationId: orgFr }),
  }
}

type Caller = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>

/**
 * The app as in production, and ways to call it: `call` acts as a senior officer of de-bafa
 * (most tests are about an authority's work), `callAs(user)` as anyone, `callAnonymously` as
 * the public. Test accounts are made on first use.
 */
export function testApp(db: Db, clock?: Clock, publicCacheSeconds = 0) {
  const app = createApp({
    db,
    clock: clock ?? { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) },
    logger: silentLogger,
    publicCacheSeconds,
    decisionLog: testDecisionLog(),
  })
  let created: Promise<TestUsers> | undefined
  const users = () => {
    created ??= createTestUsers(db)
    return created
  }
  const request =
    (token: string | null): Caller =>
    async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
  const call: Caller = async (...args) => request((await users()).senior.token)(...args)
  const callAs =
    (user: TestUser | keyof TestUsers): Caller =>
    async (...args) =>
      request(typeof user === 'string' ? (await users())[user].token : user.token)(...args)
  const callAnonymously = request(null)
  // Senior officers of any authority, made on first use: two seats each, for four-eyes.
  const officials = new Map<string, Promise<string>>()
  const callFor =
    (authorityId: string, seat: 'first' | 'second' = 'first'): Caller =>
    async (...args) => {
      const key = `${authorityId}/${seat}`
      if (!officials.has(key))
        officials.set(
          key,
          createOfficial(db, authorityId, 'senior_officer').then(
            async (p) =>
              (await createApiToken(db, p.userId, { name: 'tests', scopes: ['read', 'write'] }))
                .token,
          ),
        )
      return request(await (officials.get(key) as Promise<string>))(...args)
    }
  return { app, call, callAs, callAnonymously, callFor, users }
}

/**
 * Grants as two officers would: the decision, then, when it waits for four-eyes, the second
 * officer's confirmation. Returns the last response.
 */
export async function grantWithFourEyes(
  t: ReturnType<typeof testApp>,
  reference: string,
  body: Record<string, unknown> = {},
): Promise<Response> {
  const proposed = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
    decision: 'granted',
    reasons: ['NO_SIGNIFICANT_RISK'],
    ...body,
  })
  if (proposed.status !== 202) return proposed
  return t.callAs('secondOfficer')('POST', `/api/v1/applications/${reference}/confirmation`, {
    confirm: true,
  })
}

export function uniqueReference(prefix = 'T'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`
}

/**
 * A valid application body as an official of its authority sends it, with a reference in the
 * authority's own prefix (`de-bafa.T-…`); override what a test is about. Exporters leave the
 * reference to the register: `exporterBody()`.
 */
export function applicationBody(overrides: Record<string, unknown> = {}) {
  const authorityId = typeof overrides.authorityId === 'string' ? overrides.authorityId : 'de-bafa'
  return {
    reference: `${authorityId}.${uniqueReference()}`,
    authorityId: 'de-bafa',
    licenceType: 'individual',
    exporter: { name: 'Nordlicht Systems GmbH', country: 'DE', id: 'DE123456789' },
    consignee: { name: 'Gulf Secure Networks LLC', country: 'AE' },
    endUser: {
      name: 'State Security Directorate',
      country: 'AE',
      type: 'government_intelligence',
      description: 'National intelligence service',
    },
    governmentAgency: 'State Security Directorate',
    destination: 'AE',
    intendedUse: 'Lawful interception at the national internet exchange',
    items: [
      {
        controlEntry: '5A001.j',
        description: 'IP network surveillance system',
        quantity: '1',
        value: '2500000.00',
        currency: 'EUR',
      },
    ],
    ...overrides,
  }
}

/** An application body as an exporter sends it: no reference, the register numbers it. */
export function exporterBody(overrides: Record<string, unknown> = {}) {
  const { reference: _, ...body } = applicationBody(overrides)
  return body
}

/**
 * An official of any authority, as a principal (for service-level tests), owner-activated so it
 * may answer four-eyes proposals (markOwnerActivatedForTests).
 */
export async function createOfficial(
  db: Db,
  authorityId: string,
  role: Role = 'officer',
): Promise<Principal> {
  const user = await createUser(db, {
    email: `${role}.${randomBytes(4).toString('hex')}@${authorityId}.test.example`,
    displayName: `${role} of ${authorityId}`,
    role,
    authorityId,
  })
  await markOwnerActivatedForTests(db, user.id)
  const row = await findUser(db, user.id)
  if (!row) throw new Error('test user vanished')
  return principalOf(row)
}

/** Stands for the SHA-256 of an imported file where a test imports from a string. */
export const TEST_SOURCE_SHA256 = createHash('sha256')
  .update('glasshouse test import')
  .digest('hex')

/**
 * Takes an account over as its owner would, through the real one-time activation link: the
 * owner sets `password` there. Costs one scrypt hash at production cost (about half a second).
 */
export async function activateAsOwner(
  db: Db,
  userId: string,
  password = TEST_PASSWORD,
): Promise<void> {
  const { token } = await createActivationToken(db, userId, { createdBy: null, now: new Date() })
  await activateAccount(db, token, password, new Date())
}

/**
 * For password-less test accounts that only use API tokens: records that the owner took the
 * account over, as the activation link or a linked OpenID Connect sign-in does, without the
 * scrypt hash the link's password costs (half a second for every official of every test file).
 * Not a production path; tests about activation itself use activateAsOwner or the HTTP page.
 */
export async function markOwnerActivatedForTests(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ activated_at: new Date() })
    .where('id', '=', userId)
    .where('password_set_by', 'is', null)
    .execute()
}
