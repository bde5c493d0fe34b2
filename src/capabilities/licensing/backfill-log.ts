// `glasshouse log backfill`: brings decisions recorded before the register logged every path
// (old imports, the old demo, anything written by an earlier version) into the public log, once.
// Each leaf says `backfilled: true` and is appended today, so the public can see that it was
// logged late; the decision row is linked to it (the only change its append-only trigger allows).
import { sql, type Transaction } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import {
  appendDecisions,
  type DecisionOrigin,
  type DecisionToLog,
  UNLOGGED_STEPS,
} from './decision-logging.ts'
import { type ApplicationState, LICENSED_STATES } from './lifecycle.ts'

const BATCH = 5000

/** Appends every unlogged decision, oldest first, in batches; returns how many were logged. */
export async function backfillDecisions(
  db: Db,
  log: DecisionLog,
  onProgress?: (done: number) => void,
): Promise<number> {
  let done = 0
  for (;;) {
    const logged = await db.transaction().execute((trx) => backfillBatch(trx, log))
    if (logged === 0) return done
    done += logged
    onProgress?.(done)
  }
}

async function backfillBatch(trx: Transaction<Database>, log: DecisionLog): Promise<number> {
  const rows = await trx
    .selectFrom('decisions as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .leftJoin('licences as l', 'l.application_id', 'd.application_id')
    .select([
      'd.id',
      'd.application_id',
      'd.action',
      'd.from_state',
      'd.to_state',
      'd.decided_on',
      'd.reason_codes',
      'd.against_recommendation',
      'd.actor',
      'd.confirmed_by',
      'd.explanation',
      'd.public_reason',
      'd.justification',
      'd.origin',
      'a.reference',
      'a.authority_id',
      'a.issuing_state',
      'a.destination',
      'l.number',
      'l.valid_from',
      'l.valid_until',
    ])
    .where('d.log_index', 'is', null)
    .where('d.action', 'not in', UNLOGGED_STEPS)
    .orderBy('d.id')
    .limit(BATCH)
    .forUpdate('d')
    .execute()
  if (rows.length === 0) return 0
  const items = await trx
    .selectFrom('application_items')
    .select(['application_id', 'control_entry'])
    .where('application_id', 'in', [...new Set(rows.map((r) => r.application_id))])
    .execute()
  const entriesOf = new Map<number, string[]>()
  for (const item of items) {
    const list = entriesOf.get(Number(item.application_id)) ?? []
    list.push(item.control_entry)
    entriesOf.set(Number(item.application_id), list)
  }
  const decisions: DecisionToLog[] = rows.map((r) => {
    const licensed = LICENSED_STATES.includes(r.to_state as ApplicationState)
    return {
      reference: r.reference,
      authorityId: r.authority_id,
      issuingState: r.issuing_state,
      destination: r.destination,
      controlEntries: entriesOf.get(Number(r.application_id)) ?? [],
      action: r.action,
      fromState: r.from_state,
      toState: r.to_state,
      decidedOn: r.decided_on,
      reasons: r.reason_codes,
      againstRecommendation: r.against_recommendation,
      licence:
        licensed && r.number
          ? { number: r.number, validFrom: r.valid_from as string, validUntil: r.valid_until }
          : null,
      issuesLicence: licensed && (r.action === 'grant' || r.action === 'import'),
      origin: r.origin as DecisionOrigin,
      backfilled: true,
      actor: r.actor,
      confirmedBy: r.confirmed_by,
      explanation: r.explanation,
      publicReason: r.public_reason,
      justification: r.justification,
    }
  })
  const logged = await appendDecisions(trx, log, decisions)
  await sql`
    update decisions d set log_index = v.i, log_salts = v.s::jsonb
    from unnest(${rows.map((r) => r.id)}::bigint[], ${logged.map((l) => l.index)}::bigint[],
                ${logged.map((l) => JSON.stringify(l.salts))}::text[]) as v(id, i, s)
    where d.id = v.id`.execute(trx)
  return rows.length
}
