import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics.ts'

const TOKEN = 'm'.repeat(40)

function appWithMetrics(database: Parameters<typeof createMetrics>[0]['database']) {
  let rows = 7
  const metrics = createMetrics({
    token: TOKEN,
    database,
    gauges: [
      { name: 'test_rows', help: 'rows', read: async () => rows },
      {
        name: 'test_broken',
        help: 'a source that fails',
        read: () => {
          throw new Error('down')
        },
      },
    ],
  })
  const app = new Hono()
  app.use(metrics.middleware)
  app.use('/api/things/*', async (_, next) => next())
  app.route('/', metrics.routes)
  const things = new Hono()
  things.get('/things/:id', (c) => c.json({ id: c.req.param('id') }))
  app.route('/api', things)
  return { app, setRows: (n: number) => (rows = n) }
}

const scrape = (app: Hono, token = TOKEN) =>
  app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })

describe(createMetrics.name, () => {
  it('refuses a scrape without the token, or with another', async () => {
    const { app } = appWithMetrics({ kind: 'pglite' })
    expect((await app.request('/metrics')).status).toBe(401)
    const wrong = await scrape(app, 'x'.repeat(40))
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await wrong.text()).not.toContain('glasshouse_')
  })

  it('labels durations with the route pattern, never the path', async () => {
    const { app } = appWithMetrics({ kind: 'pglite' })
    for (const id of ['DE-2024-0001', 'FR-2024-0002']) await app.request(`/api/things/${id}`)
    await app.request('/no/such/place-12345')
    const text = await (await scrape(app)).text()
    expect(text).toMatch(
      /glasshouse_http_request_duration_seconds_count\{method="GET",route="\/api\/things\/:id",status="200"\} 2/,
    )
    expect(text).toMatch(/route="unmatched",status="404"\} 1/)
    expect(text).not.toMatch(/DE-2024|FR-2024|place-12345/)
  })

  it('reads the gauges on each scrape, NaN for a source that fails', async () => {
    const { app, setRows } = appWithMetrics({ kind: 'pglite' })
    expect(await (await scrape(app)).text()).toMatch(/^test_rows 7$/m)
    setRows(9)
    const text = await (await scrape(app)).text()
    expect(text).toMatch(/^test_rows 9$/m)
    expect(text).toMatch(/^test_broken Nan$/m)
    expect(text).toMatch(/^glasshouse_database_info\{driver="pglite"\} 1$/m)
    expect(text).not.toContain('glasshouse_database_pool')
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('nodejs_heap_size_used_bytes')
  })

  it("reports a PostgreSQL pool's connections", async () => {
    const { app } = appWithMetrics({
      kind: 'postgres',
      pool: () => ({ total: 4, idle: 3, waiting: 2 }),
    })
    const text = await (await scrape(app)).text()
    expect(text).toMatch(/^glasshouse_database_info\{driver="postgres"\} 1$/m)
    expect(text).toMatch(/^glasshouse_database_pool_connections\{state="total"\} 4$/m)
    expect(text).toMatch(/^glasshouse_database_pool_connections\{state="idle"\} 3$/m)
    expect(text).toMatch(/^glasshouse_database_pool_waiting_requests 2$/m)
  })
})
