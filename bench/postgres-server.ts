import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { log } from './progress.ts'

export const BENCH_PG_PORT = 55440

/** Settings of the throwaway server: durable (fsync stays on), with room for a bulk load. */
const SERVER_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'shared_buffers=512MB',
  'max_wal_size=4GB',
] as const

export type PostgresServer = {
  /** A URL to the server's maintenance database, for creating and dropping bench databases. */
  adminUrl: string
  /** The postmaster's pid when the bench started the server (for CPU accounting). */
  postmasterPid: number | undefined
  settings: readonly string[]
  urlFor(database: string): string
  stop(): void
}

/** BENCH_DATABASE_URL when given, otherwise a throwaway PostgreSQL in a temporary directory. */
export async function startPostgres(existingUrl: string | undefined): Promise<PostgresServer> {
  if (existingUrl) return externalServer(existingUrl)
  return throwawayServer()
}

function externalServer(url: string): PostgresServer {
  log(`using the PostgreSQL server of BENCH_DATABASE_URL (${redact(url)})`)
  return {
    adminUrl: url,
    postmasterPid: undefined,
    settings: [],
    urlFor: (database) => withDatabase(url, database),
    stop: () => {},
  }
}

async function throwawayServer(): Promise<PostgresServer> {
  if (await isListening(BENCH_PG_PORT))
    throw new Error(`port ${BENCH_PG_PORT} is taken; stop that server or set BENCH_DATABASE_URL`)
  const bin = postgresBin()
  const root = mkdtempSync(join(tmpdir(), 'glasshouse-bench-pg-'))
  const data = join(root, 'data')
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(root, uid, gid)
  }
  // As root the server must run as the postgres user, as in .ci/run.
  const run = (command: string) =>
    asRoot
      ? execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' })
      : execFileSync('sh', ['-c', command], { stdio: 'pipe' })

  let started = false
  const stop = () => {
    if (started) {
      started = false
      try {
        run(`${bin}/pg_ctl -D '${data}' -m fast -w stop`)
      } catch (error) {
        log(`could not stop PostgreSQL: ${describe(error)}`)
      }
    }
    rmSync(root, { recursive: true, force: true })
  }
  try {
    log(`initdb in ${data} (PostgreSQL binaries in ${bin})`)
    run(`${bin}/initdb -D '${data}' -A trust -U postgres -E UTF8`)
    const options = [`-p ${BENCH_PG_PORT}`, `-k ${root}`, ...SERVER_SETTINGS.map((s) => `-c ${s}`)]
    run(`${bin}/pg_ctl -D '${data}' -o '${options.join(' ')}' -l '${root}/log' -w start`)
    started = true
  } catch (error) {
    const serverLog = existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : ''
    stop()
    throw new Error(`could not start PostgreSQL: ${describe(error)}\n${serverLog}`)
  }
  const postmasterPid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
  log(`PostgreSQL started on 127.0.0.1:${BENCH_PG_PORT} (pid ${postmasterPid})`)
  const adminUrl = `postgres://postgres@127.0.0.1:${BENCH_PG_PORT}/postgres`
  return {
    adminUrl,
    postmasterPid,
    settings: SERVER_SETTINGS,
    urlFor: (database) => withDatabase(adminUrl, database),
    stop,
  }
}

/** Drops (if present) and creates `name`; returns its URL. */
export async function createFreshDatabase(server: PostgresServer, name: string): Promise<string> {
  await dropDatabase(server, name)
  await withAdmin(server, (client) => client.query(`create database ${identifier(name)}`))
  return server.urlFor(name)
}

export async function dropDatabase(server: PostgresServer, name: string): Promise<void> {
  await withAdmin(server, (client) =>
    client.query(`drop database if exists ${identifier(name)} with (force)`),
  )
}

/** `select version()` and the durability settings the numbers depend on. */
export async function describeServer(server: PostgresServer): Promise<Record<string, string>> {
  return withAdmin(server, async (client) => {
    const info: Record<string, string> = {}
    const version = await client.query<{ version: string }>('select version()')
    info.version = version.rows[0]?.version ?? 'unknown'
    for (const setting of [
      'fsync',
      'synchronous_commit',
      'full_page_writes',
      'shared_buffers',
      'max_wal_size',
      'work_mem',
    ]) {
      const row = await client.query<Record<string, string>>(`show ${setting}`)
      info[setting] = row.rows[0]?.[setting] ?? ''
    }
    return info
  })
}

async function withAdmin<T>(server: PostgresServer, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: server.adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const chosen = versions.includes('15') ? '15' : versions[0]
  if (!chosen) throw new Error(`no PostgreSQL under ${root}; install it or set BENCH_DATABASE_URL`)
  return join(root, chosen, 'bin')
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`)
  return name
}

export function redact(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const stderr = (error as Error & { stderr?: Buffer }).stderr?.toString().trim()
    return stderr ? `${error.message}: ${stderr}` : error.message
  }
  return String(error)
}
