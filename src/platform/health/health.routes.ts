import { Hono } from 'hono'
import { sql } from 'kysely'
import type { Db } from '../db/database.ts'
import { pendingMigrations } from '../db/migrate.ts'
import type { Logger } from '../logger.ts'

export type CheckResult = { ok: boolean; detail?: string }
/** One readiness condition; a throw or a time-out counts as failed. */
export type ReadinessCheck = () => CheckResult | Promise<CheckResult>

export const DEFAULT_CHECK_TIMEOUT_MS = 2000

/**
 * `/healthz`: the process is up and answering (no database, nothing else: a liveness probe that
 * fails should mean "restart me"). `/readyz`: the database answers within the time-out, every
 * migration this code knows is applied, and each extra check (the caller's, e.g. the watchlist
 * matcher) passes; 200 or 503, with a JSON body naming each check. Failure details are kept
 * generic (no driver messages, hosts or ports); the log has the error.
 */
export function createHealthRoutes({
  db,
  logger,
  checks = {},
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
}: {
  db: Db
  logger: Logger
  checks?: Record<string, ReadinessCheck>
  timeoutMs?: number
}) {
  const app = new Hono()
  const all: Record<string, ReadinessCheck> = {
    database: async () => {
      await sql`select 1`.execute(db)
      return { ok: true }
    },
    migrations: async () => {
      const pending = await pendingMigrations(db)
      return pending.length === 0
        ? { ok: true }
        : { ok: false, detail: `not applied: ${pending.join(', ')}` }
    },
    ...checks,
  }

  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    const names = Object.keys(all)
    const results = await Promise.all(
      names.map((name) => run(name, all[name] as ReadinessCheck, timeoutMs, logger)),
    )
    const body = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]))
    const failed = names.filter((_, i) => !results[i]?.ok)
    return c.json(
      { status: failed.length === 0 ? 'ready' : 'not_ready', failed, checks: body },
      failed.length === 0 ? 200 : 503,
    )
  })
  return app
}

async function run(
  name: string,
  check: ReadinessCheck,
  timeoutMs: number,
  logger: Logger,
): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    )
  })
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout])
    if (!result.ok) logger.warn('readiness check failed', { check: name, detail: result.detail })
    return result
  } catch (error) {
    logger.warn('readiness check failed', {
      check: name,
      error: error instanceof Error ? error.message : String(error),
    })
    return { ok: false, detail: 'failed (see the server log)' }
  } finally {
    clearTimeout(timer)
  }
}
