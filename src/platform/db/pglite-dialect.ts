import type { PGlite } from '@electric-sql/pglite'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/**
 * Kysely dialect for PGlite. Kysely 0.28 has none built in (0.29 does, but needs Node 22).
 * PGlite is one connection, so a lock hands it to one transaction at a time; plain queries
 * queue behind a running transaction instead of slipping into it.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGlite
  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }
  createAdapter() {
    return new PostgresAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite)
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite
  #queue: Promise<void> = Promise.resolve()
  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }
  async init() {
    await this.#pglite.waitReady
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void
    const previous = this.#queue
    this.#queue = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    return new PGliteConnection(this.#pglite, release)
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    await connection.executeQuery({
      sql: `begin${level}`,
      parameters: [],
    } as unknown as CompiledQuery)
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery)
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery)
  }
  async releaseConnection(connection: DatabaseConnection) {
    ;(connection as PGliteConnection).release()
  }
  async destroy() {
    if (!this.#pglite.closed) await this.#pglite.close()
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite
  readonly release: () => void
  constructor(pglite: PGlite, release: () => void) {
    this.#pglite = pglite
    this.release = release
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple protocol, which (like pg) accepts several statements.
    const result =
      compiled.parameters.length === 0
        ? ((await this.#pglite.exec(compiled.sql, { rowMode: 'object' })).at(-1) ?? { rows: [] })
        : await this.#pglite.query<R>(compiled.sql, [...compiled.parameters], { rowMode: 'object' })
    const rows = result.rows as R[]
    return 'affectedRows' in result && result.affectedRows !== undefined
      ? { rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows }
  }
  // biome-ignore lint/correctness/useYield: PGlite has no cursors; Kysely needs the method to exist.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries; page with keyset queries instead')
  }
}
