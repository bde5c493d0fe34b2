import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import { type Db, openPGlite } from '../db/database.ts'
import { migrations } from '../db/migrations/index.ts'
import { silentLogger } from '../logger.ts'
import { createHealthRoutes, type ReadinessCheck } from './health.routes.ts'

type Readiness = {
  status: 'ready' | 'not_ready'
  failed: string[]
  checks: Record<string, { ok: boolean; detail?: string }>
}

const routes = (db: Db, checks: Record<string, ReadinessCheck> = {}, timeoutMs?: number) =>
  createHealthRoutes({
    db,
    logger: silentLogger,
    checks,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })

const readiness = async (app: ReturnType<typeof routes>) => {
  const response = await app.request('/readyz')
  return { status: response.status, body: (await response.json()) as Readiness }
}

describe(createHealthRoutes.name, () => {
  const testDb = useTestDatabase()

  it('answers /healthz without asking anything', async () => {
    const response = await routes(testDb.db).request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('is ready when the database answers, every migration is applied and the checks pass', async () => {
    const { status, body } = await readiness(routes(testDb.db, { matcher: () => ({ ok: true }) }))
    expect(status).toBe(200)
    expect(body.status).toBe('ready')
    expect(body.failed).toEqual([])
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'matcher', 'migrations'])
  })

  it('names a failing check, one that throws and one that does not answer in time', async () => {
    const app = routes(
      testDb.db,
      {
        matcher: () => ({ ok: false, detail: 'not loaded yet' }),
        broken: () => {
          throw new Error('secret host 10.1.2.3')
        },
        stuck: () => new Promise<never>(() => {}),
      },
      50,
    )
    const { status, body } = await readiness(app)
    expect(status).toBe(503)
    expect(body.status).toBe('not_ready')
    expect(body.failed.sort()).toEqual(['broken', 'matcher', 'stuck'])
    expect(body.checks.matcher).toEqual({ ok: false, detail: 'not loaded yet' })
    expect(body.checks.stuck?.detail).toMatch(/within 50 ms/)
    // The driver's message stays in the log, not in a public answer.
    expect(JSON.stringify(body)).not.toContain('10.1.2.3')
  })

  it('is not ready while a migration is not applied', async () => {
    const last = Object.keys(migrations).at(-1) as string
    const removed = await sql<{ name: string; timestamp: string }>`
      delete from kysely_migration where name = ${last} returning name, timestamp`.execute(
      testDb.db,
    )
    try {
      const { status, body } = await readiness(routes(testDb.db))
      expect(status).toBe(503)
      expect(body.failed).toEqual(['migrations'])
      expect(body.checks.migrations?.detail).toBe(`not applied: ${last}`)
    } finally {
      for (const row of removed.rows)
        await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(
          testDb.db,
        )
    }
    expect((await readiness(routes(testDb.db))).status).toBe(200)
  })

  it('is not ready when the database is closed, and still alive', async () => {
    const closed = await openPGlite('memory://')
    await sql`select 1`.execute(closed.db)
    await closed.close()
    const app = routes(closed.db)
    const { status, body } = await readiness(app)
    expect(status).toBe(503)
    expect(body.failed).toContain('database')
    expect(body.checks.database).toEqual({ ok: false, detail: 'failed (see the server log)' })
    expect((await app.request('/healthz')).status).toBe(200)
  })
})
