import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { CompiledQuery, sql } from 'kysely'
import { seedDemo } from '../src/capabilities/licensing/demo/seed-demo.ts'
import {
  filteredApplications,
  type RegisterFilter,
} from '../src/capabilities/licensing/register-query.ts'
import { type Db, openPostgres } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { benchDecisionLog, benchLogKey } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, throttledLog } from './progress.ts'
import type { ServerMessage } from './register-server.ts'
import { PROJECT_ROOT } from './settings.ts'

/** The public register requests under load; `filter` is what the route parses the query into. */
export const SCENARIOS: readonly { path: string; filter: RegisterFilter }[] = [
  { path: '/api/public/v1/licences', filter: {} },
  { path: '/api/public/v1/licences?destination=SA', filter: { destination: 'SA' } },
  {
    path: '/api/public/v1/licences?technology=intrusion&decision=granted',
    filter: { technology: 'intrusion', decision: 'granted' },
  },
  { path: '/api/public/v1/licences?controlEntry=5A001', filter: { controlEntry: '5A001' } },
  { path: '/api/public/v1/licences?exporter=Nordlicht', filter: { exporter: 'Nordlicht' } },
]

export type SeedMeasurement = {
  applications: number
  itemLines: number
  seconds: number
  applicationsPerSecond: number
  databaseBytes: number
  tableBytes: Record<string, number>
  cpu: CpuSplit
}

export type LoadMeasurement = {
  path: string
  itemsOnFirstPage: number
  firstPageBytes: number
  connections: number
  durationSeconds: number
  requests: number
  requestsPerSecond: number
  latencyMs: {
    mean: number
    p50: number
    p75: number
    p90: number
    p97_5: number
    p99: number
    p99_9: number
    max: number
  }
  non2xx: number
  errors: number
  timeouts: number
  /** The page query alone (EXPLAIN ANALYZE, warm), without the item and licence look-ups. */
  pageQueryMs: number
  pageQueryPlan: string[]
  cpu: CpuSplit
}

export type RegisterMeasurement = {
  seed: SeedMeasurement
  load: LoadMeasurement[]
  serverErrors: number
  autovacuumDuringLoad: string[]
}

export async function measureRegister(
  url: string,
  options: {
    applications: number
    connections: number
    durationSeconds: number
    warmupSeconds: number
    publicCacheSeconds: number
    postmasterPid: number | undefined
  },
): Promise<RegisterMeasurement> {
  const { db, close } = await openPostgres(url, 4)
  try {
    await migrateToLatest(db)
    // The app server signs with the key the register was seeded with: one log.
    const logKey = benchLogKey()
    const seed = await seedRegister(db, options.applications, options.postmasterPid, logKey)
    // VACUUM as well as ANALYZE: a register in service has been vacuumed long ago, and it keeps
    // autovacuum of the freshly loaded tables from running during the load tests.
    log('VACUUM ANALYZE')
    await sql`vacuum (analyze)`.execute(db)
    const loadStartedAt = new Date()
    const server = await startServer(url, options.publicCacheSeconds, logKey)
    const load: LoadMeasurement[] = []
    let serverErrors = 0
    try {
      for (const scenario of SCENARIOS) {
        const sources = { postmasterPid: options.postmasterPid, serverPid: server.pid }
        load.push(await loadScenario(db, server, scenario, options, sources))
        await server.idle()
      }
      serverErrors = await server.errors()
    } finally {
      await server.stop()
    }
    return {
      seed,
      load,
      serverErrors,
      autovacuumDuringLoad: await autovacuumSince(db, loadStartedAt),
    }
  } finally {
    await close()
  }
}

async function seedRegister(
  db: Db,
  applications: number,
  postmasterPid: number | undefined,
  logKey: string,
): Promise<SeedMeasurement> {
  log(`seeding ${count(applications)} demo applications (seedDemo, 1,000 per transaction)`)
  const progress = throttledLog(10_000)
  const cpu = measureCpu({ postmasterPid })
  const start = performance.now()
  const written = await seedDemo(db, {
    log: benchDecisionLog(logKey),
    applications,
    onProgress: (done, total) => {
      const seconds = (performance.now() - start) / 1000
      progress(
        `  seeded ${count(done)} / ${count(total)} (${count(Math.round(done / seconds))} applications/s)`,
      )
    },
  })
  const seconds = (performance.now() - start) / 1000
  const cpuSplit = cpu.stop()
  log(`  seeded ${count(written)} applications in ${seconds.toFixed(1)} s`)
  const items = await db
    .selectFrom('application_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const sizes = await sql<{ name: string; bytes: number }>`
    select c.relname as name, pg_total_relation_size(c.oid)::bigint as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by bytes desc`.execute(db)
  const database = await sql<{ bytes: number }>`
    select pg_database_size(current_database())::bigint as bytes`.execute(db)
  return {
    applications: written,
    itemLines: Number(items.n),
    seconds,
    applicationsPerSecond: written / seconds,
    databaseBytes: Number(database.rows[0]?.bytes ?? 0),
    tableBytes: Object.fromEntries(sizes.rows.map((r) => [r.name, Number(r.bytes)])),
    cpu: cpuSplit,
  }
}

async function loadScenario(
  db: Db,
  server: RunningServer,
  scenario: (typeof SCENARIOS)[number],
  options: { connections: number; durationSeconds: number; warmupSeconds: number },
  sources: CpuSources,
): Promise<LoadMeasurement> {
  const url = `http://127.0.0.1:${server.port}${scenario.path}`
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  const text = await response.text()
  const body = response.status === 200 ? (JSON.parse(text) as { items?: unknown[] }) : {}
  if (!Array.isArray(body.items))
    throw new Error(`${scenario.path} answered ${response.status}: ${text.slice(0, 500)}`)
  const plan = await explainPageQuery(db, scenario.filter)

  const settings = { url, connections: options.connections, timeout: 10 }
  log(`${scenario.path}: warm-up ${options.warmupSeconds} s`)
  await autocannon({ ...settings, duration: options.warmupSeconds })
  await server.idle()
  log(`${scenario.path}: ${options.connections} connections for ${options.durationSeconds} s`)
  const cpu = measureCpu(sources)
  const result = await autocannon({ ...settings, duration: options.durationSeconds })
  const cpuSplit = cpu.stop()
  const requests = result.requests.total ?? 0
  const measurement: LoadMeasurement = {
    path: scenario.path,
    itemsOnFirstPage: body.items.length,
    firstPageBytes: Buffer.byteLength(text),
    connections: options.connections,
    durationSeconds: result.duration,
    requests,
    requestsPerSecond: requests / result.duration,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p75: result.latency.p75,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      p99_9: result.latency.p99_9,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    pageQueryMs: plan.executionMs,
    pageQueryPlan: plan.lines,
    cpu: cpuSplit,
  }
  const l = measurement.latencyMs
  log(
    `  ${measurement.requestsPerSecond.toFixed(0)} req/s, p50 ${l.p50} ms, p90 ${l.p90} ms, ` +
      `p99 ${l.p99} ms, max ${l.max} ms, non-2xx ${result.non2xx}, errors ${result.errors}; ` +
      `page query ${plan.executionMs.toFixed(2)} ms`,
  )
  return measurement
}

/** EXPLAIN ANALYZE of the page query `listPublic` runs, warm (the second of two runs). */
async function explainPageQuery(db: Db, filter: RegisterFilter) {
  const compiled = filteredApplications(db, filter, { publishedOnly: true })
    .selectAll('a')
    .orderBy('a.id', 'desc')
    .limit(51)
    .compile()
  const explain = CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [
    ...compiled.parameters,
  ])
  await db.executeQuery(explain)
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(explain)
  const lines = result.rows.map((row) => row['QUERY PLAN'])
  const time = lines.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean)
  return { executionMs: Number(time ?? Number.NaN), lines }
}

async function autovacuumSince(db: Db, since: Date): Promise<string[]> {
  const rows = await sql<{ name: string; vacuumed: Date | null; analysed: Date | null }>`
    select relname as name, last_autovacuum as vacuumed, last_autoanalyze as analysed
    from pg_stat_user_tables`.execute(db)
  return rows.rows.flatMap((r) => [
    ...(r.vacuumed && r.vacuumed >= since ? [`autovacuum ${r.name}`] : []),
    ...(r.analysed && r.analysed >= since ? [`autoanalyze ${r.name}`] : []),
  ])
}

export type RunningServer = {
  port: number
  pid: number | undefined
  errors(): Promise<number>
  /** Resolves once the requests left over from the previous run are answered. */
  idle(): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts bench/register-server.ts (the app on `serve`, pool of 20) in a child process; its
 * decision log signs with `logKey`, the bench key the register was seeded with.
 */
export async function startServer(
  databaseUrl: string,
  publicCacheSeconds: number,
  logKey: string,
): Promise<RunningServer> {
  const child: ChildProcess = fork(join(PROJECT_ROOT, 'bench', 'register-server.ts'), [], {
    cwd: PROJECT_ROOT,
    // BENCH_PROFILE_SERVER=1 writes a V8 CPU profile of the app server to bench/out/profiles.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE_SERVER === '1'
        ? ['--cpu-prof', `--cpu-prof-dir=${join(PROJECT_ROOT, 'bench', 'out', 'profiles')}`]
        : []),
    ],
    env: {
      ...process.env,
      BENCH_SERVER_DATABASE_URL: databaseUrl,
      BENCH_SERVER_PUBLIC_CACHE_SECONDS: String(publicCacheSeconds),
      BENCH_SERVER_LOG_SKEY: logKey,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = (timeoutMs: number) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        child.off('exit', exited)
        child.off('message', received)
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error('the app server did not answer'))
      }, timeoutMs)
      const exited = (code: number | null) => {
        done()
        reject(new Error(`the app server exited (${code})`))
      }
      const received = (message: unknown) => {
        done()
        resolve(message as ServerMessage)
      }
      child.on('exit', exited)
      child.on('message', received)
    })
  const ready = await next(60_000)
  if (!('port' in ready)) throw new Error('the app server did not report its port')
  log(`app server (pid ${child.pid}) listening on 127.0.0.1:${ready.port}`)
  return {
    port: ready.port,
    pid: child.pid,
    async errors() {
      const reply = next(10_000)
      child.send('errors')
      const message = await reply
      return 'errors' in message ? message.errors : 0
    },
    async idle() {
      const reply = next(20_000)
      child.send('idle')
      await reply
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
