// The register check split over worker threads (PostgreSQL only): every worker reads in a
// transaction on the snapshot this thread's transaction exports, so together they see exactly
// the one state a single pass would.
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { runTsWorker } from '../../platform/workers/start-ts-worker.ts'
import type { IdRange, RangeCheck } from './verify-register.ts'

export type RangeJob = { url: string; snapshot: string; range: IdRange }

/** Runs inside `trx` (repeatable read), which must stay open until every worker has its snapshot. */
export async function checkRangesOnWorkers(
  trx: Db,
  url: string,
  ranges: IdRange[],
): Promise<RangeCheck[]> {
  const exported = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx)
  const snapshot = (exported.rows[0] as { id: string }).id
  const workers = ranges.map((range) =>
    runTsWorker<RangeCheck>(new URL('./verify-register.worker.ts', import.meta.url), {
      url,
      snapshot,
      range,
    } satisfies RangeJob),
  )
  try {
    return await Promise.all(workers.map((w) => w.result))
  } catch (error) {
    for (const w of workers) w.stop()
    throw error
  }
}
