import { createHash, timingSafeEqual } from 'node:crypto'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { OpenDatabase } from '../db/database.ts'
import { problemResponse } from '../http/problem.ts'

/** A number read on each scrape (e.g. a row count); a throw reports NaN for that scrape. */
export type GaugeSource = { name: string; help: string; read: () => number | Promise<number> }

export type Metrics = ReturnType<typeof createMetrics>

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * Prometheus metrics for one app: request durations by route pattern, method and status; the
 * database (driver, and the pool's connections on PostgreSQL); the caller's gauges, read on
 * each scrape; prom-client's default process metrics. Labels come only from the route table,
 * a fixed list of methods and the status code, so their number stays bounded whatever is
 * requested. `routes` serves `/metrics` to callers with the bearer token, 401 to others.
 */
export function createMetrics({
  token,
  database,
  gauges = [],
}: {
  token: string
  database: Pick<OpenDatabase, 'kind' | 'pool'>
  gauges?: readonly GaugeSource[]
}) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  const duration = new Histogram({
    name: 'glasshouse_http_request_duration_seconds',
    help: 'Time to the response headers, by route pattern (not the raw path), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })

  new Gauge({
    name: 'glasshouse_database_info',
    help: 'The database: postgres (a pg pool) or pglite (in-process, one connection, no pool metrics)',
    labelNames: ['driver'] as const,
    registers: [registry],
  }).set({ driver: database.kind }, 1)
  const pool = database.pool
  if (pool) {
    new Gauge({
      name: 'glasshouse_database_pool_connections',
      help: 'PostgreSQL pool connections: total open and idle',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = pool()
        this.set({ state: 'total' }, stats.total)
        this.set({ state: 'idle' }, stats.idle)
      },
    })
    new Gauge({
      name: 'glasshouse_database_pool_waiting_requests',
      help: 'Queries waiting for a PostgreSQL pool connection',
      registers: [registry],
      collect() {
        this.set(pool().waiting)
      },
    })
  }
  for (const source of gauges)
    new Gauge({
      name: source.name,
      help: source.help,
      registers: [registry],
      async collect() {
        try {
          this.set(await source.read())
        } catch {
          this.set(Number.NaN)
        }
      },
    })

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now()
    await next()
    duration.observe(
      {
        method: METHODS.has(c.req.method) ? c.req.method : 'other',
        route: routeLabel(c),
        status: String(c.res.status),
      },
      (performance.now() - started) / 1000,
    )
  }

  const expected = digest(token)
  const routes = new Hono()
  routes.get('/metrics', async (c) => {
    const given = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      c.header('www-authenticate', 'Bearer realm="metrics"')
      return problemResponse(c, 401, 'unauthorized', 'Send the metrics bearer token')
    }
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType })
  })

  return { middleware, routes, registry }
}

/**
 * The pattern of the route that answered (`/api/v1/applications/:reference`), never the path.
 * Middleware (registered for every method) is skipped; a request no route matched is
 * `unmatched`. Starting from the last handler that ran picks the right route when an earlier
 * middleware answered for it (a cache hit, a refused token).
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c)
  for (let i = Math.max(c.req.routeIndex, 0); i < routes.length; i++) {
    const route = routes[i]
    if (route && route.method !== 'ALL') return route.path
  }
  return 'unmatched'
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}
