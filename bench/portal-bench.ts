// The public portal's pages under load on PostgreSQL: the register page (the p99 target)
// with its filters, order and deep pages, and the other pages for comparison. Same harness as
// the register API bench: the app in its own process, autocannon beside it.
import autocannon from 'autocannon'
import { sql } from 'kysely'
import { seedDemo } from '../src/capabilities/licensing/demo/seed-demo.ts'
import { openPostgres } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { benchDecisionLog, benchLogKey } from './bench-log.ts'
import { type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, throttledLog } from './progress.ts'
import { startServer } from './register-bench.ts'

export type PortalScenario = { path: string; register: boolean }

export type PortalLoad = {
  path: string
  register: boolean
  status: number
  bytes: number
  connections: number
  requests: number
  requestsPerSecond: number
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number }
  non2xx: number
  errors: number
  cpu: CpuSplit
}

export type PortalMeasurement = {
  applications: number
  seedSeconds: number
  loads: PortalLoad[]
  serverErrors: number
}

/** Register pages first (the target is theirs), then the rest of the portal for comparison. */
async function scenarios(url: string): Promise<PortalScenario[]> {
  const { db, close } = await openPostgres(url, 2)
  try {
    const sample = await db
      .selectFrom('applications')
      .select(['reference', 'exporter_name'])
      .where('state', '=', 'granted')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
    return [
      { path: '/register', register: true },
      { path: '/register?destination=SA', register: true },
      { path: '/register?pegasus=yes&decision=granted', register: true },
      { path: '/register?technology=intrusion&decision=granted&year=2024', register: true },
      { path: '/register?controlEntry=5A001', register: true },
      { path: '/register?exporter=Nordlicht', register: true },
      { path: '/register?sort=oldest&page=200', register: true },
      { path: '/', register: false },
      { path: `/licences/${encodeURIComponent(sample.reference)}`, register: false },
      { path: '/countries/SA', register: false },
      { path: `/exporters/${encodeURIComponent(sample.exporter_name)}`, register: false },
    ]
  } finally {
    await close()
  }
}

export async function measurePortal(
  url: string,
  options: {
    applications: number
    connections: number
    durationSeconds: number
    warmupSeconds: number
    postmasterPid: number | undefined
  },
): Promise<PortalMeasurement> {
  const { db, close } = await openPostgres(url, 4)
  // The app server signs with the key the register was seeded with: one log.
  const logKey = benchLogKey()
  let seedSeconds = 0
  try {
    await migrateToLatest(db)
    log(`seeding ${count(options.applications)} demo applications`)
    const progress = throttledLog(10_000)
    const start = performance.now()
    await seedDemo(db, {
      log: benchDecisionLog(logKey),
      applications: options.applications,
      onProgress: (done, total) => progress(`  seeded ${count(done)} / ${count(total)}`),
    })
    seedSeconds = (performance.now() - start) / 1000
    log(`  seeded in ${seedSeconds.toFixed(1)} s; VACUUM ANALYZE`)
    await sql`vacuum (analyze)`.execute(db)
  } finally {
    await close()
  }
  const server = await startServer(url, 0, logKey)
  const loads: PortalLoad[] = []
  try {
    for (const scenario of await scenarios(url)) {
      const target = `http://127.0.0.1:${server.port}${scenario.path}`
      const first = await fetch(target, { signal: AbortSignal.timeout(30_000) })
      const body = await first.arrayBuffer()
      if (first.status !== 200)
        throw new Error(
          `${scenario.path} answered ${first.status}: ${Buffer.from(body).toString().slice(0, 300)}`,
        )
      const settings = { url: target, connections: options.connections, timeout: 10 }
      await autocannon({ ...settings, duration: options.warmupSeconds })
      await server.idle()
      const cpu = measureCpu({ postmasterPid: options.postmasterPid, serverPid: server.pid })
      const result = await autocannon({ ...settings, duration: options.durationSeconds })
      const requests = result.requests.total ?? 0
      const load: PortalLoad = {
        path: scenario.path,
        register: scenario.register,
        status: first.status,
        bytes: body.byteLength,
        connections: options.connections,
        requests,
        requestsPerSecond: requests / result.duration,
        latencyMs: {
          mean: result.latency.mean,
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        non2xx: result.non2xx,
        errors: result.errors,
        cpu: cpu.stop(),
      }
      loads.push(load)
      log(
        `  ${scenario.path}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50} ms, ` +
          `p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms, non-2xx ${load.non2xx}`,
      )
      await server.idle()
    }
    return {
      applications: options.applications,
      seedSeconds,
      loads,
      serverErrors: await server.errors(),
    }
  } finally {
    await server.stop()
  }
}
