import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openPGlite, openPostgres } from '../../src/platform/db/database.ts'
import { glasshouse } from '../glasshouse-cli.ts'

// Each database's round trip runs in the suite run for that database (.ci/run runs both).
// CI runs the PGlite suite with TEST_DATABASE_URL set but empty.
const postgresUrl = process.env.TEST_DATABASE_URL || undefined

type Manifest = {
  tables: Record<string, number>
  log: { size: number; checkpointRoot: string }
  dump: { sha256: string }
}
const manifestOf = (file: string) => JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Manifest

/** Flips one byte in the middle of a copy of the backup; the manifest is copied as it is. */
function corruptCopy(file: string, to: string): void {
  const bytes = readFileSync(file)
  const middle = Math.floor(bytes.length / 2)
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle)
  writeFileSync(to, bytes)
  copyFileSync(`${file}.json`, `${to}.json`)
}

/** Counts every table the manifest lists, without the code under test. */
async function expectCounts(opened: OpenDatabase, tables: Record<string, number>): Promise<void> {
  try {
    const counted: Record<string, number> = {}
    for (const table of Object.keys(tables)) {
      const query = sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
      counted[table] = Number((await query.execute(opened.db)).rows[0]?.n)
    }
    expect(counted).toEqual(tables)
  } finally {
    await opened.close()
  }
}

describe.skipIf(postgresUrl !== undefined)('backup and restore on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-backup-'))
  const source = join(dir, 'source')
  const restored = join(dir, 'restored')
  const file = join(dir, 'register.backup')

  it('restores into a new directory with every count equal and the log verified', async () => {
    expect((await glasshouse(['demo', '--applications', '30'], source)).code).toBe(0)

    const backup = await glasshouse(['backup', '--out', file, '--json'], source)
    expect(backup.code, backup.stderr).toBe(0)
    const manifest = manifestOf(file)
    expect(manifest.tables).toMatchObject({ applications: 30, licences: expect.any(Number) })
    expect(manifest.log.size).toBeGreaterThan(0)

    const restore = await glasshouse(['restore', file, '--json'], restored)
    expect(restore.code, restore.stderr).toBe(0)
    expect(JSON.parse(restore.stdout)).toMatchObject({ ok: true, replaced: true })

    // What an operator runs next: the restored register verifies on its own.
    const verified = await glasshouse(['log', 'verify', '--json'], restored)
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, leaves: manifest.log.size })
    await expectCounts(await openPGlite(restored), manifest.tables)
  }, 120_000)

  it('refuses a corrupted backup and an occupied directory, changing nothing', async () => {
    const before = readdirSync(restored).sort()
    const bad = join(dir, 'corrupted.backup')
    corruptCopy(file, bad)
    const corrupted = await glasshouse(['restore', bad, '--force'], restored)
    expect(corrupted.code).toBe(1)
    expect(corrupted.stderr).toContain('does not match its manifest')
    expect(corrupted.stderr).not.toMatch(/\n\s+at /) // a message, not a stack trace

    const occupied = await glasshouse(['restore', file], restored)
    expect(occupied.code).toBe(1)
    expect(occupied.stderr).toContain('already holds a database')
    expect(occupied.stderr).toContain('--force')
    expect(readdirSync(restored).sort()).toEqual(before)
    expect(readdirSync(dir).filter((name) => name.includes('.restoring-'))).toEqual([])

    // --force replaces the directory with the backup, checked before it is swapped in.
    const forced = await glasshouse(['restore', file, '--force', '--json'], restored)
    expect(forced.code, forced.stderr).toBe(0)
    expect(JSON.parse(forced.stdout).check.verification).toMatchObject({ ok: true })
  }, 120_000)
})

describe.skipIf(postgresUrl === undefined)('backup and restore on PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-backup-pg-'))
  // The development log key lives here for both databases, as GLASSHOUSE_DATA_DIR would hold it.
  const keys = join(dir, 'keys')
  const file = join(dir, 'register.dump')
  const suffix = randomBytes(6).toString('hex')
  const names = { source: `glasshouse_bk_src_${suffix}`, target: `glasshouse_bk_dst_${suffix}` }
  const urlOf = (name: string) => {
    const url = new URL(postgresUrl as string)
    url.pathname = `/${name}`
    return url.toString()
  }
  let admin: OpenDatabase | undefined
  const run = (args: string[], name: string) =>
    glasshouse([...args, '--database-url', urlOf(name)], keys)

  afterAll(async () => {
    if (!admin) return
    for (const name of Object.values(names))
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
    await admin.close()
  })

  it('backs up with pg_dump and restores into a fresh database, counts equal, log verified', async () => {
    admin = await openPostgres(postgresUrl as string, 1)
    for (const name of Object.values(names))
      await sql.raw(`create database ${name}`).execute(admin.db)
    expect((await run(['demo', '--applications', '30'], names.source)).code).toBe(0)

    const backup = await run(['backup', '--out', file], names.source)
    expect(backup.code, backup.stderr).toBe(0)
    expect(manifestOf(file).tables).toMatchObject({ applications: 30 })

    const restore = await run(['restore', file, '--json'], names.target)
    expect(restore.code, restore.stderr).toBe(0)
    const result = JSON.parse(restore.stdout)
    expect(result).toMatchObject({ ok: true, check: { problems: [] } })
    expect(result.check.verification).toMatchObject({ ok: true, leaves: manifestOf(file).log.size })
    await expectCounts(await openPostgres(urlOf(names.target), 1), manifestOf(file).tables)
    // The grants row-level security rests on came back too (pg_dump keeps them, not the role).
    const target = await openPostgres(urlOf(names.target), 1)
    try {
      const { rows } = await sql<{ ok: boolean }>`
        select has_table_privilege('glasshouse_tenant', 'applications', 'insert') as ok`.execute(
        target.db,
      )
      expect(rows[0]?.ok).toBe(true)
    } finally {
      await target.close()
    }
  }, 120_000)

  it('leaves the database as it was when pg_restore fails part-way', async () => {
    const target = await openPostgres(urlOf(names.target), 1)
    try {
      // An object the backup does not know depends on a table it must replace: DROP fails.
      await sql`create view held_open as select id from applications`.execute(target.db)
    } finally {
      await target.close()
    }
    const failed = await run(['restore', file, '--force'], names.target)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('cannot drop table')
    expect(failed.stderr).toContain('Nothing was restored')
    // pg_restore --clean drops tables in reverse order before it reaches applications: in one
    // transaction none of that stays, and every table holds what it held.
    await expectCounts(await openPostgres(urlOf(names.target), 1), manifestOf(file).tables)
  }, 120_000)
})
