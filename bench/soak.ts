// The soak run of issue 18: Glasshouse on PostgreSQL under a steady mix for ten minutes — public
// register pages and API searches (autocannon), and beside them exporters submitting applications
// (screened and assessed on submission) and officers deciding them. Reports p50/p99 and errors per
// kind of request, and the app server's RSS sampled every 10 s: the targets are zero errors and
// flat memory. Numbers go into docs/benchmarks.md ("Soak").
//
//   BENCH_DATABASE_URL=postgres://postgres@HOST:PORT/postgres npx tsx bench/soak.ts [seconds]
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import { seedDemo } from '../src/capabilities/licensing/demo/seed-demo.ts'
import { openPostgres } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { createTestUsers, exporterBody } from '../test/factories.ts'
import { benchDecisionLog, benchLogKey } from './bench-log.ts'
import { startServer } from './register-bench.ts'

const server = process.env.BENCH_DATABASE_URL
if (!server) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL server (its maintenance db)')
const seconds = Number(process.argv[2] ?? 600)
const DATABASE = 'glasshouse_bench_soak'
const url = new URL(server)
url.pathname = `/${DATABASE}`

const admin = await openPostgres(server)
await sql.raw(`drop database if exists ${DATABASE} with (force)`).execute(admin.db)
await sql.raw(`create database ${DATABASE}`).execute(admin.db)
await admin.close()
const skey = benchLogKey()
const setup = await openPostgres(url.toString())
await migrateToLatest(setup.db)
await seedDemo(setup.db, { log: benchDecisionLog(skey), applications: 20_000, seed: 7 })
const users = await createTestUsers(setup.db)
await sql`vacuum (analyze)`.execute(setup.db)
await setup.close()

const app = await startServer(url.toString(), 0, skey)
const base = `http://127.0.0.1:${app.port}`
const rssOf = (pid: number | undefined) => {
  if (pid === undefined) return 0
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return line ? Number(line[1]) / 1024 : 0
}
const samples: { at: number; rssMiB: number }[] = []
const started = performance.now()
const sampler = setInterval(() => {
  samples.push({ at: Math.round((performance.now() - started) / 1000), rssMiB: rssOf(app.pid) })
}, 10_000)

// Writers: one exporter and one officer loop, each a steady stream of whole cases.
type Timing = { ms: number[]; errors: number; statuses: Map<number, number> }
const timing = (): Timing => ({ ms: [], errors: 0, statuses: new Map() })
const writes = { submit: timing(), decide: timing() }
const call = async (t: Timing, token: string, method: string, path: string, body?: unknown) => {
  const begun = performance.now()
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    t.ms.push(performance.now() - begun)
    t.statuses.set(response.status, (t.statuses.get(response.status) ?? 0) + 1)
    if (response.status >= 400) t.errors += 1
    return { ok: response.ok, text }
  } catch {
    t.errors += 1
    return undefined
  }
}
let running = true
let cases = 0
const writer = (async () => {
  while (running) {
    const created = await call(
      writes.submit,
      users.exporter.token,
      'POST',
      '/api/v1/applications',
      exporterBody(),
    )
    const reference = created?.ok
      ? (JSON.parse(created.text) as { reference: string }).reference
      : undefined
    if (!reference) continue
    await call(
      writes.submit,
      users.exporter.token,
      'POST',
      `/api/v1/applications/${reference}/submit`,
      {},
    )
    await call(
      writes.decide,
      users.senior.token,
      'POST',
      `/api/v1/applications/${reference}/review`,
    )
    await call(
      writes.decide,
      users.senior.token,
      'POST',
      `/api/v1/applications/${reference}/decision`,
      {
        decision: 'refused',
        reasons: ['CP2'],
        explanation: 'Soak run',
        publicReason: 'A clear risk of internal repression',
        justification: 'Soak run',
      },
    )
    cases += 1
  }
})()

// Readers: the public register, its search API and licence pages, 8 connections.
const reads = await autocannon({
  url: base,
  connections: 8,
  duration: seconds,
  requests: [
    { method: 'GET', path: '/register' },
    { method: 'GET', path: '/register?destination=SA&decision=granted' },
    { method: 'GET', path: '/api/public/v1/licences?q=Nordlicht' },
    { method: 'GET', path: '/api/public/v1/licences?destination=AE&limit=50' },
    { method: 'GET', path: '/countries/SA' },
  ],
})
running = false
await writer
clearInterval(sampler)
samples.push({ at: Math.round((performance.now() - started) / 1000), rssMiB: rssOf(app.pid) })
const serverErrors = await app.errors()
await app.stop()

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number)
}
const summary = {
  seconds,
  reads: {
    requests: reads.requests.total,
    perSecond: Math.round(reads.requests.average),
    p50: reads.latency.p50,
    p99: reads.latency.p99,
    non2xx: reads.non2xx,
    errors: reads.errors,
    timeouts: reads.timeouts,
  },
  writes: Object.fromEntries(
    Object.entries(writes).map(([kind, t]) => [
      kind,
      {
        requests: t.ms.length,
        p50: Math.round(pct(t.ms, 0.5)),
        p99: Math.round(pct(t.ms, 0.99)),
        errors: t.errors,
        statuses: Object.fromEntries(t.statuses),
      },
    ]),
  ),
  casesDecided: cases,
  serverErrorsLogged: serverErrors,
  rssMiB: samples,
}
console.log(JSON.stringify(summary, null, 2))
