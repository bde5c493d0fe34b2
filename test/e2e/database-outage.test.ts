// A fault run (issue 18): PostgreSQL stopped and restarted under a running Glasshouse. Requests
// fail fast with 503 while it is down and work again once it is back, with no restart of
// Glasshouse. Runs against a PostgreSQL server of its own (initdb, pg_ctl), whichever database
// the rest of the suite uses; CI installs PostgreSQL, so there it must run.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedAuthorities } from '../../src/capabilities/licensing/authority.repository.ts'
import { type OpenDatabase, openPostgres } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { testApp } from '../factories.ts'

const ROOT = '/usr/lib/postgresql'
const bin = existsSync(ROOT)
  ? readdirSync(ROOT)
      .map((version) => join(ROOT, version, 'bin'))
      .find((dir) => existsSync(join(dir, 'pg_ctl')))
  : undefined
// Without PostgreSQL on a developer's machine this is skipped; CI has it, so there it runs.
const available = bin !== undefined || process.env.CI === 'true'

describe.runIf(available)('PostgreSQL stopped and restarted under a running Glasshouse', () => {
  let server: { url: string; start(): void; stop(): void; remove(): void }
  let opened: OpenDatabase

  beforeAll(async () => {
    server = await throwawayServer()
    server.start()
    opened = await openPostgres(server.url)
    await migrateToLatest(opened.db)
    await seedAuthorities(opened.db)
  }, 60_000)

  afterAll(async () => {
    await opened?.close()
    server?.stop()
    server?.remove()
  })

  it('answers 503 fast while the database is down, and recovers by itself when it is back', async () => {
    const t = testApp(opened.db)
    const get = (path: string) => t.callAnonymously('GET', path)
    expect((await get('/api/public/v1/licences')).status).toBe(200)

    server.stop()
    const down = await get('/api/public/v1/licences')
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('5')
    expect(await down.json()).toMatchObject({ code: 'database_unavailable', status: 503 })
    expect((await get('/register')).status).toBe(503)
    expect((await get('/readyz')).status).toBe(503)
    expect((await get('/healthz')).status).toBe(200) // the process itself is up

    server.start()
    // The pool drops the connections the stop broke and opens new ones: no restart needed.
    expect((await get('/api/public/v1/licences')).status).toBe(200)
    expect((await get('/register')).status).toBe(200)
  }, 60_000)
})

async function throwawayServer() {
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-outage-'))
  const data = join(root, 'data')
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString())
    chownSync(root, id('-u'), id('-g'))
  }
  const run = (command: string) =>
    asRoot
      ? execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' })
      : execFileSync('sh', ['-c', command], { stdio: 'pipe' })
  const port = await freePort()
  run(`${bin}/initdb -D '${data}' -A trust -U postgres -E UTF8`)
  let running = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run(
        `${bin}/pg_ctl -D '${data}' -o '-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off' -l '${root}/log' -w start`,
      )
      running = true
    },
    stop() {
      if (running) run(`${bin}/pg_ctl -D '${data}' -m fast -w stop`)
      running = false
    },
    remove() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
