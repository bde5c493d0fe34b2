// A fault run (issue 18): the disk under a PGlite data directory fills up. Writes fail with a clear
// error (and the API answers 503 database_disk_full, not 500); once space is back the directory
// opens with every committed row and a log that verifies. Needs a small tmpfs to fill, so it runs
// as root on Linux (CI); elsewhere it is skipped.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { seedAuthorities } from '../../src/capabilities/licensing/authority.repository.ts'
import { currentPolicy } from '../../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { openPGlite } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import {
  applicationBody,
  TEST_LOG_KEY,
  TEST_LOG_ORIGIN,
  testApp,
  testDecisionLog,
} from '../factories.ts'

const root = process.getuid?.() === 0 && process.platform === 'linux'

describe.runIf(
  (root || process.env.CI === 'true') && !process.env.TEST_DATABASE_URL, // test/pglite-pass.ts
)('a full disk under PGlite', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'glasshouse-full-disk-'))
  const dataDir = join(mountPoint, 'data')
  let mounted = false
  afterAll(() => {
    if (mounted) execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })

  it('refuses writes with a clear error, and the directory opens again with what was committed', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mountPoint])
    mounted = true
    const opened = await openPGlite(dataDir)
    await migrateToLatest(opened.db)
    await seedAuthorities(opened.db)
    // Policy version 1 logged, as a new register's first start does.
    await currentPolicy(opened.db, systemClock, testDecisionLog())
    const t = testApp(opened.db)
    const committed = applicationBody()
    expect((await t.call('POST', '/api/v1/applications', committed)).status).toBe(201)
    for (const step of ['submit', 'review'])
      await t.call('POST', `/api/v1/applications/${committed.reference}/${step}`)
    const refused = await t.call('POST', `/api/v1/applications/${committed.reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Internal note',
      publicReason: 'A clear risk of internal repression',
    })
    expect(refused.status).toBe(200)

    // Fill the disk from inside the database until PostgreSQL cannot extend a file.
    await sql`create table filler (t text)`.execute(opened.db)
    let full: Error | undefined
    for (let batch = 0; batch < 2000 && !full; batch++) {
      await sql`insert into filler select repeat(md5(random()::text), 3000)
        from generate_series(1, 20)`
        .execute(opened.db)
        .catch((error: Error) => {
          full = error
        })
    }
    expect(full?.message).toMatch(/No space left on device/)
    // The app says so plainly, and nothing half-done is left behind.
    const more = await t.call('POST', '/api/v1/applications', applicationBody())
    if (more.status !== 201) {
      expect(more.status).toBe(503)
      expect(await more.json()).toMatchObject({ code: 'database_disk_full' })
    }
    await opened.close()

    // Space back: the directory opens, the committed decision is there and the log verifies.
    execFileSync('mount', ['-o', 'remount,size=128m', mountPoint])
    const again = await openPGlite(dataDir)
    try {
      const row = await again.db
        .selectFrom('applications')
        .select(['state', 'decision_public_reason'])
        .where('reference', '=', committed.reference)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({
        state: 'refused',
        decision_public_reason: 'A clear risk of internal repression',
      })
      const verified = await verifyLogAndRegister(again.db, {
        vkeys: [TEST_LOG_KEY.vkey],
        origin: TEST_LOG_ORIGIN,
      })
      expect(verified.problems).toEqual([])
      expect(verified.ok).toBe(true)
    } finally {
      await again.close()
    }
  }, 180_000)
})
