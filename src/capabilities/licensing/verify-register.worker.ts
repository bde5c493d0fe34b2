// One worker of the split register check: opens its own connection, joins the exported
// snapshot and checks its range of applications.
import { parentPort, workerData } from 'node:worker_threads'
import { sql } from 'kysely'
import { openPostgres } from '../../platform/db/database.ts'
import { checkRegisterRange } from './verify-register.ts'
import type { RangeJob } from './verify-register-workers.ts'

const job = (workerData as { input: RangeJob }).input
// pg_export_snapshot's ids look like 00000003-0000001B-1; SET TRANSACTION SNAPSHOT takes no
// parameters, so the id is checked before it goes into the statement.
if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/.test(job.snapshot))
  throw new Error(`not a snapshot id: ${job.snapshot}`)

const open = await openPostgres(job.url, 2)
try {
  const checked = await open.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql.raw(`set transaction snapshot '${job.snapshot}'`).execute(trx)
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
      return checkRegisterRange(trx, job.range)
    })
  parentPort?.postMessage(checked)
} finally {
  await open.close()
}
