import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { seedAuthorities } from '../src/capabilities/licensing/authority.repository.ts'
import { currentPolicy } from '../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { systemClock } from '../src/platform/clock.ts'
import {
  type Db,
  type OpenDatabase,
  openPGlite,
  openPostgres,
} from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { testDecisionLog } from './factories.ts'

/**
 * One migrated database per test file: PGlite in memory, or, when TEST_DATABASE_URL is set, a
 * fresh database on that PostgreSQL server, dropped afterwards.
 */
export type TestDatabaseOptions = {
  /**
   * Seed what start-up seeds (policy version 1, logged with the test key). Tests of the log
   * machinery itself, which sign with keys of their own, start from an empty log instead.
   */
  seedPolicy?: boolean
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<OpenDatabase> {
  const seed = (db: Db) => seedStart(db, options.seedPolicy ?? true)
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const opened = await openPGlite('memory://')
    await migrateToLatest(opened.db)
    await seed(opened.db)
    return opened
  }
  const name = `glasshouse_test_${randomBytes(6).toString('hex')}`
  const admin = await openPostgres(url, 1)
  await sql.raw(`create database ${name}`).execute(admin.db)
  const target = new URL(url)
  target.pathname = `/${name}`
  const opened = await openPostgres(target.toString(), 4)
  await migrateToLatest(opened.db)
  await seed(opened.db)
  return {
    db: opened.db,
    kind: 'postgres',
    url: target.toString(),
    close: async () => {
      await opened.close()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    },
  }
}

/** What start-up puts in every database: the authorities, and policy version 1 in the log. */
async function seedStart(db: Db, policy: boolean): Promise<void> {
  await seedAuthorities(db)
  if (policy) await currentPolicy(db, systemClock, testDecisionLog())
}

export function useTestDatabase(options: TestDatabaseOptions = {}): {
  readonly db: Db
  readonly kind: 'pglite' | 'postgres'
} {
  let opened: OpenDatabase | undefined
  beforeAll(async () => {
    opened = await createTestDatabase(options)
  })
  afterAll(async () => {
    await opened?.close()
  })
  return {
    get db() {
      if (!opened) throw new Error('test database not ready')
      return opened.db
    },
    get kind() {
      return opened?.kind ?? 'pglite'
    },
  }
}

/** Reads a file under ../shared/data, or says why it cannot; REQUIRE_SHARED_DATA=1 makes absence fatal. */
export const SHARED_DATA = new URL('../../shared/data/', import.meta.url).pathname

/** Set in CI: a test that needs ../shared/data fails instead of skipping when it is missing. */
export const REQUIRE_SHARED_DATA = process.env.REQUIRE_SHARED_DATA === '1'
