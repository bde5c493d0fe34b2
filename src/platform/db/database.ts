import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../../config/config.ts'
import { ensurePrivateDir, makePrivate, withPrivateUmask } from '../private-dir.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>
/** A PostgreSQL pool's connections now (pg's totalCount, idleCount, waitingCount). */
export type PoolStats = { total: number; idle: number; waiting: number }
export type OpenDatabase = {
  db: Db
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
  /** PostgreSQL only: PGlite runs in this process over one connection and has no pool. */
  pool?: () => PoolStats
  /** PostgreSQL only: the connection string, for worker threads that open connections of their own. */
  url?: string
  /** PGlite on disk only: the whole data directory as a gzipped tarball (PGlite's own dump). */
  dumpDataDir?: () => Promise<Blob>
}

// Both drivers return the same JavaScript shapes: dates as 'YYYY-MM-DD' strings (no time-zone
// shifts), int8 as number (counts and minor units stay far below 2^53), numeric as exact strings.
const DATE_OID = 1082
const INT8_OID = 20

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.kind === 'postgres') return openPostgres(config.url)
  return openPGlite(config.dataDir)
}

export async function openPostgres(url: string, max = 10): Promise<OpenDatabase> {
  const pool = postgresPool(url, max)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute()
  return {
    db,
    kind: 'postgres',
    close: () => db.destroy(),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    url,
  }
}

/** A pg pool with Glasshouse's type parsers (for callers that build their own Kysely, e.g. benches). */
export function postgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // With the server down or every connection busy, a request fails (503) after this long
    // instead of waiting for ever; the pool reconnects by itself once the server is back.
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (value: string) => value
        if (oid === INT8_OID) return (value: string) => Number(value)
        return pg.types.getTypeParser(oid, format)
      }) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection the server drops (restart, failover) must not crash the process; the pool
  // replaces it and the next query reports any real outage.
  pool.on('error', () => {})
  // Nor one that drops while a query runs: pg then fails the query (which answers 503) and also
  // emits 'error' on the client, which the pool only listens to while the client is idle.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  return pool
}

/**
 * `memory://` keeps the database in memory (tests); anything else is a directory on disk, kept
 * owner-only (directories 0700, files 0600) whatever the umask. PGlite sets each new file's mode
 * itself (0666 for the files of a new cluster), so the tree is tightened after opening, which also
 * repairs an older directory, and again after closing. In between, the directory's own 0700 keeps
 * other users out of anything PGlite creates.
 */
export async function openPGlite(
  dataDir: string,
  /** A tarball from dumpDataDir to unpack into dataDir, which must hold no database yet. */
  from?: { loadDataDir: Blob },
): Promise<OpenDatabase> {
  const options = {
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
    ...(from ? { loadDataDir: from.loadDataDir } : {}),
  }
  if (dataDir.startsWith('memory://')) {
    const db = new Kysely<Database>({
      dialect: new PGliteDialect(await PGlite.create(undefined, options)),
    })
    return { db, kind: 'pglite', close: () => db.destroy() }
  }
  const pglite = await withPrivateUmask(() => {
    ensurePrivateDir(dataDir)
    return PGlite.create(dataDir, options)
  })
  makePrivate(dataDir)
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  const close = async () => {
    await db.destroy()
    makePrivate(dataDir)
  }
  return { db, kind: 'pglite', close, dumpDataDir: () => pglite.dumpDataDir('gzip') }
}
