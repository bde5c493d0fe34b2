import type { Db } from '../../../platform/db/database.ts'
import { seedAuthorities } from '../authority.repository.ts'
import { type RecordToWrite, writeRecords } from '../register-writer.ts'
import { generateDemoRecords } from './generate-demo.ts'

export type DemoOptions = {
  applications: number
  seed?: number
  referencePrefix?: string
  onProgress?: (done: number, total: number) => void
}

/** Writes the demo register in batches, each batch its own transaction; returns how many were written. */
export async function seedDemo(db: Db, options: DemoOptions): Promise<number> {
  await seedAuthorities(db)
  let batch: RecordToWrite[] = []
  let done = 0
  const flush = async () => {
    if (batch.length === 0) return
    const records = batch
    await db.transaction().execute((trx) => writeRecords(trx, records, 'demo-officer', 'demo'))
    done += records.length
    batch = []
    options.onProgress?.(done, options.applications)
  }
  for (const record of generateDemoRecords(options)) {
    batch.push(record)
    if (batch.length >= 1000) await flush()
  }
  await flush()
  return done
}

/** `npm start` on an empty database fills it with the demo register. */
export async function seedDemoIfEmpty(db: Db, options: DemoOptions): Promise<number> {
  const any = await db.selectFrom('applications').select('id').limit(1).executeTakeFirst()
  if (any) return 0
  return seedDemo(db, options)
}
