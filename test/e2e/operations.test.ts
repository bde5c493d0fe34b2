import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { seedBuiltInList } from '../../src/capabilities/watchlists/built-in/seed-built-in-list.ts'
import { createScreeningService } from '../../src/capabilities/watchlists/screening.service.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { silentLogger } from '../../src/platform/logger.ts'
import { createTestUsers, type TestUsers, testDecisionLog } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef'

/** The probes and /metrics of the whole app, as an operator's monitoring calls them. */
describe('health and metrics', () => {
  const testDb = useTestDatabase()
  let users: TestUsers

  const appWith = (options: { metrics: boolean; screening?: ReturnType<typeof screeningOf> }) =>
    createApp({
      db: testDb.db,
      clock: systemClock,
      logger: silentLogger,
      decisionLog: testDecisionLog(),
      publicCacheSeconds: 5,
      ...(options.screening ? { screening: options.screening } : {}),
      metrics: options.metrics ? { token: METRICS_TOKEN, database: { kind: testDb.kind } } : null,
    })
  const screeningOf = () => createScreeningService({ db: testDb.db, clock: systemClock })

  beforeAll(async () => {
    users = await createTestUsers(testDb.db)
    await seedBuiltInList(testDb.db, systemClock)
  })

  it('answers /healthz, and /readyz once the watchlist matcher is loaded', async () => {
    const screening = screeningOf()
    const app = appWith({ metrics: false, screening })
    const health = await app.request('/healthz')
    expect(health.status).toBe(200)
    expect(health.headers.get('cache-control')).toBe('no-store')

    const before = await app.request('/readyz')
    expect(before.status).toBe(503)
    const waiting = (await before.json()) as { failed: string[] }
    expect(waiting.failed).toEqual(['watchlists'])

    await screening.ready()
    const after = await app.request('/readyz')
    expect(after.status).toBe(200)
    expect(await after.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, watchlists: { ok: true } },
    })
  })

  it('has no /metrics without a metrics token in the configuration', async () => {
    const app = appWith({ metrics: false })
    expect((await app.request('/metrics')).status).toBe(404)
    const guessed = await app.request('/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect([401, 404]).toContain(guessed.status)
  })

  it('serves /metrics to the token only: route patterns, log size, matcher entities', async () => {
    const screening = screeningOf()
    await screening.ready()
    const app = appWith({ metrics: true, screening })
    const officer = { authorization: `Bearer ${users.officer.token}` }

    for (const reference of ['DE-SECRET-0001', 'DE-SECRET-0002'])
      expect(
        (await app.request(`/api/v1/applications/${reference}`, { headers: officer })).status,
      ).toBe(404)
    // The second public read is served from the response cache and still counts under its route.
    for (let i = 0; i < 2; i++)
      expect((await app.request('/api/public/v1/licences')).status).toBe(200)

    expect((await app.request('/metrics')).status).toBe(401)
    expect((await app.request('/metrics', { headers: officer })).status).toBe(401)
    const response = await app.request('/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()

    expect(text).toMatch(
      /glasshouse_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/applications\/:reference",status="404"\} 2/,
    )
    expect(text).toMatch(
      /glasshouse_http_request_duration_seconds_count\{method="GET",route="\/api\/public\/v1\/licences",status="200"\} 2/,
    )
    expect(text).not.toContain('DE-SECRET')

    const logSize = Number(/^glasshouse_decision_log_size (\d+)$/m.exec(text)?.[1])
    expect(logSize).toBeGreaterThanOrEqual(1) // policy version 1 is the first leaf
    const entities = Number(/^glasshouse_watchlist_matcher_entities (\d+)$/m.exec(text)?.[1])
    expect(entities).toBe(screening.state().entities)
    expect(entities).toBeGreaterThan(0)
    expect(text).toMatch(
      new RegExp(`^glasshouse_database_info\\{driver="${testDb.kind}"\\} 1$`, 'm'),
    )
    expect(text).toContain('process_resident_memory_bytes')
  })
})
