// `log verify` on PostgreSQL checks a large register on worker threads, each on the snapshot the
// main check exports. Here the split is forced on a small register: the workers must find what a
// single pass finds, in whichever range it lies, and a worker that fails must fail the check
// rather than leave it waiting. PostgreSQL only (PGlite has one connection in this process and
// checks on this thread); CI's PostgreSQL run runs it.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import { verifyRegisterAgainstLog } from '../../src/capabilities/licensing/verify-register.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import type { OpenDatabase } from '../../src/platform/db/database.ts'
import { TEST_LOG_KEY, TEST_LOG_ORIGIN, testDecisionLog, uniqueReference } from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { createTestDatabase } from '../test-database.ts'

// CI runs the PGlite pass with TEST_DATABASE_URL set but empty.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL)

describe.runIf(onPostgres)('log verify on worker threads (PostgreSQL)', () => {
  let opened: OpenDatabase
  const references: string[] = []

  const verify = (workers: number) =>
    verifyLogAndRegister(opened.db, {
      vkeys: [TEST_LOG_KEY.vkey],
      origin: TEST_LOG_ORIGIN,
      postgresUrl: opened.url,
      workers,
    })

  /** Commits a change with the append-only triggers off, verifies, and puts the row back. */
  async function whileChanged(change: string, undo: string, check: () => Promise<void>) {
    const run = async (statement: string) =>
      opened.db.transaction().execute(async (trx) => {
        for (const table of ['decisions', 'log_leaves'])
          await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx)
        await sql.raw(statement).execute(trx)
        for (const table of ['decisions', 'log_leaves'])
          await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx)
      })
    await run(change)
    try {
      await check()
    } finally {
      await run(undo)
    }
  }

  beforeAll(async () => {
    opened = await createTestDatabase()
    for (let i = 0; i < 40; i++) references.push(uniqueReference('W'))
    const rows = references.map((reference, i) =>
      i % 3 === 0
        ? csvRow({ reference, decision: 'refused', decision_reasons: 'CP2' })
        : csvRow({ reference }),
    )
    await importLicenceRows(opened.db, readLicenceCsv(stream(csvText(rows))), {
      actor: 'test',
      log: testDecisionLog(),
      sourceSha256: 'a'.repeat(64),
    })
  }, 60_000)

  afterAll(async () => {
    await opened?.close()
  })

  it('finds on four workers exactly what one pass finds', async () => {
    const single = await verify(1)
    const split = await verify(4)
    expect(single.problems).toEqual([])
    expect(split).toEqual(single)
    expect(split).toMatchObject({ ok: true, applications: 40, decisions: 40, licences: 26 })
  })

  it('names a changed decision in the last range', async () => {
    const last = references.at(-1) as string
    await whileChanged(
      `update decisions set decided_on = '2020-01-01' where application_id = (select id from applications where reference = '${last}')`,
      `update decisions d set decided_on = (l.leaf::jsonb ->> 'decidedOn')::date from log_leaves l where l.index = d.log_index and d.application_id = (select id from applications where reference = '${last}')`,
      async () => {
        const result = await verify(2)
        expect(result.problems).toEqual([
          {
            kind: 'decision differs from its leaf',
            message: expect.stringMatching(
              new RegExp(`\\(${last} import\\): the register says decidedOn "2020-01-01"`),
            ),
          },
        ])
      },
    )
    expect((await verify(2)).ok).toBe(true)
  })

  it('names a decision leaf whose bytes were rewritten as a broken tree', async () => {
    const first = references[1] as string
    const { log_index } = await opened.db
      .selectFrom('decisions')
      .innerJoin('applications', 'applications.id', 'decisions.application_id')
      .select('decisions.log_index')
      .where('applications.reference', '=', first)
      .executeTakeFirstOrThrow()
    await whileChanged(
      `update log_leaves set leaf = replace(leaf, '"destination":"', '"destination":"X') where index = ${log_index}`,
      `update log_leaves set leaf = replace(leaf, '"destination":"X', '"destination":"') where index = ${log_index}`,
      async () => {
        const result = await verify(2)
        expect(result.problems).toEqual([
          {
            kind: 'log tree',
            message: `leaf ${log_index}: stored hash does not match its bytes`,
          },
        ])
      },
    )
  })

  it('fails, and waits for nothing, when a worker cannot connect', async () => {
    const wrong = new URL(opened.url as string)
    wrong.pathname = '/no_such_database'
    await expect(
      verifyRegisterAgainstLog(opened.db, { postgresUrl: wrong.toString(), workers: 2 }),
    ).rejects.toThrow(/no_such_database/)
  })
})
