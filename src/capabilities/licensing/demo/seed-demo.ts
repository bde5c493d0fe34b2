import type { Transaction } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import type { Database } from '../../../platform/db/schema.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import { seedAuthorities } from '../authority.repository.ts'
import { type RecordToWrite, writeRecords } from '../register-writer.ts'
import { generateDemoRecords } from './generate-demo.ts'

export type DemoOptions = {
  applications: number
  seed?: number
  referencePrefix?: string
  /** One transaction for everything (start-up), instead of one per batch of 1,000 (large runs). */
  atomic?: boolean
  /** The demo's decisions go into the public log too, marked as demo data. */
  log: DecisionLog
  /**
   * Licences whose validity ended before this day are written as expired, as the clock would
   * have expired them (start-up passes today; without it the register is the generator's alone).
   */
  expireBefore?: string
  onProgress?: (done: number, total: number) => void
}

/** Writes the demo register in batches of 1,000; returns how many applications were written. */
export async function seedDemo(db: Db, options: DemoOptions): Promise<number> {
  await seedAuthorities(db)
  let done = 0
  const write = async (target: Transaction<Database>, records: RecordToWrite[]) => {
    await writeRecords(target, records, { actor: 'demo-officer', origin: 'demo', log: options.log })
    done += records.length
    options.onProgress?.(done, options.applications)
  }
  const inBatches = async (writeBatch: (records: RecordToWrite[]) => Promise<unknown>) => {
    let batch: RecordToWrite[] = []
    for (const record of generateDemoRecords(options)) {
      batch.push(options.expireBefore ? expiredBy(record, options.expireBefore) : record)
      if (batch.length >= 1000) {
        await writeBatch(batch)
        batch = []
      }
    }
    if (batch.length > 0) await writeBatch(batch)
  }
  if (options.atomic) {
    await db.transaction().execute((trx) => inBatches((records) => write(trx, records)))
  } else {
    await inBatches((records) => db.transaction().execute((trx) => write(trx, records)))
  }
  return done
}

/** A granted licence whose last valid day is before `today`, expired the day after it. */
export function expiredBy(record: RecordToWrite, today: string): RecordToWrite {
  const lastDay = record.licence?.validUntil
  if (record.state !== 'granted' || !lastDay || lastDay >= today) return record
  const next = new Date(`${lastDay}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  const decidedOn = next.toISOString().slice(0, 10)
  // The texts the clock's own expiry writes (licensing.service.ts, expireLapsed).
  const explanation = `The licence was valid until ${lastDay}`
  const publicReason = `The licence expired at the end of its validity (${lastDay})`
  return {
    ...record,
    state: 'expired',
    decidedOn,
    decisionReasons: [],
    decisionExplanation: explanation,
    decisionPublicReason: publicReason,
    history: [
      ...(record.history ?? []),
      {
        action: 'expire',
        from: 'granted',
        to: 'expired',
        decidedOn,
        reasons: [],
        explanation,
        publicReason,
      },
    ],
  }
}

/** `npm start` on an empty database fills it with the demo register, all or nothing. */
export async function seedDemoIfEmpty(db: Db, options: DemoOptions): Promise<number> {
  const any = await db.selectFrom('applications').select('id').limit(1).executeTakeFirst()
  if (any) return 0
  return seedDemo(db, {
    ...options,
    atomic: true,
    expireBefore: options.expireBefore ?? new Date().toISOString().slice(0, 10),
  })
}
