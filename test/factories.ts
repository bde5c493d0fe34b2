import { randomBytes } from 'node:crypto'
import { createApp } from '../src/app.ts'
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

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** One signing key for every test app in a file: decisions go into the public log as in production. */
export const TEST_LOG_ORIGIN = 'test.glasshouse/decision-log'
export const TEST_LOG_KEY = signerFromKey(generateKeyPair(TEST_LOG_ORIGIN).skey)
/** A witness the test log accepts cosignatures from. */
export const TEST_WITNESS_NAME = 'witness.test/w1'
export const TEST_WITNESS = parseSignerKey(generateKeyPair(TEST_WITNESS_NAME).skey)
export const TEST_WITNESS_VKEY = cosignatureVerifierKeyOf(TEST_WITNESS)

export function testApp(db: Db, clock?: Clock, publicCacheSeconds = 0) {
  const app = createApp({
    db,
    clock: clock ?? { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) },
    logger: silentLogger,
    adminToken: ADMIN_TOKEN,
    publicCacheSeconds,
    decisionLog: createDecisionLog({
      key: TEST_LOG_KEY,
      origin: TEST_LOG_ORIGIN,
      clock: systemClock,
      witnesses: [TEST_WITNESS_VKEY],
    }),
  })
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'glasshouse-actor': 'officer-1',
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  return { app, call }
}

export function uniqueReference(prefix = 'T'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`
}

/** A valid application body; override what a test is about. */
export function applicationBody(overrides: Record<string, unknown> = {}) {
  return {
    reference: uniqueReference(),
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
