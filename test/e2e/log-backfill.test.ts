// A register written by an earlier release (decisions and policy version 1 never logged) is
// named by `log verify`, and `glasshouse log backfill` brings it into the log once, marked.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { DecisionLog } from '../../src/capabilities/decision-log/decision-log.ts'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import { currentPolicy } from '../../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { logBackfill } from '../../src/cli/register-log-commands.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { TEST_LOG_KEY, TEST_LOG_ORIGIN, TEST_SOURCE_SHA256, testDecisionLog } from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase({ seedPolicy: false })
const verify = () =>
  verifyLogAndRegister(database.db, { vkeys: [TEST_LOG_KEY.vkey], origin: TEST_LOG_ORIGIN })

/** Writes rows as an earlier release did: the register without leaves. */
async function legacyRegister() {
  await currentPolicy(database.db, systemClock) // version 1, seeded without a log
  const noLog = {
    ...testDecisionLog(),
    append: async (_trx: unknown, leaves: readonly unknown[]) => ({
      firstIndex: 1_000_000,
      size: 1_000_000 + leaves.length,
      leafHashes: [],
      checkpoint: { size: 0, rootHash: new Uint8Array(), note: '', signedAt: new Date() },
    }),
  } as DecisionLog
  const rows = [
    csvRow({ reference: 'OLD-1' }),
    csvRow({ reference: 'OLD-2', decision: 'refused', decision_reasons: 'CP2' }),
    csvRow({ reference: 'OLD-3', decision: 'pending', decided_on: '', decision_reasons: '' }),
  ]
  await importLicenceRows(database.db, readLicenceCsv(stream(csvText(rows))), {
    actor: 'old-release',
    log: noLog,
    sourceSha256: TEST_SOURCE_SHA256,
  })
  await database.db.transaction().execute(async (trx) => {
    await sql`alter table decisions disable trigger user`.execute(trx)
    await sql`update decisions set log_index = null, log_salts = null`.execute(trx)
    await sql`alter table decisions enable trigger user`.execute(trx)
  })
}

describe('glasshouse log backfill', () => {
  it('names what an earlier release left out of the log, then brings it in once, marked', async () => {
    await legacyRegister()
    const before = await verify()
    expect(before.ok).toBe(false)
    expect(before.problems).toContainEqual({
      kind: 'unlogged decision',
      message: expect.stringContaining('(OLD-1 import) has no leaf in the log'),
    })
    expect(before.problems).toContainEqual({
      kind: 'policy or report',
      message: expect.stringContaining('policy version 1 is not in the log'),
    })

    const printed: string[] = []
    await logBackfill(database.db, (human) => printed.push(human), testDecisionLog())
    expect(printed).toEqual([
      'Brought 3 decisions and 1 policy versions into the log, each leaf marked "backfilled".',
    ])
    const after = await verify()
    expect(after.problems).toEqual([])
    expect(after).toMatchObject({ ok: true, decisions: 3, policies: 1 })
    const leaves = await database.db
      .selectFrom('log_leaves')
      .select(['kind', 'leaf'])
      .orderBy('index')
      .execute()
    expect(leaves.map((l) => l.kind)).toEqual(['policy', 'decision', 'decision', 'decision'])
    for (const l of leaves) expect(JSON.parse(l.leaf)).toMatchObject({ backfilled: true })

    // Nothing else of a decision row may change on the way: the trigger allows only the link.
    await expect(
      sql`update decisions set explanation = 'changed' where log_index is not null`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/)
    await expect(
      sql`update decisions set log_index = log_index + 100`.execute(database.db),
    ).rejects.toThrow(/append-only/)

    const again: string[] = []
    await logBackfill(database.db, (human) => again.push(human), testDecisionLog())
    expect(again).toEqual(['Nothing to backfill: every decision and policy version is in the log.'])
  })
})
