// `glasshouse log backfill` and `glasshouse licences expire`: the operator's two ways of putting
// decisions into the log that no officer took through the API.
import type { DecisionLog } from '../capabilities/decision-log/decision-log.ts'
import { backfillDecisions } from '../capabilities/licensing/backfill-log.ts'
import { createLicensingService } from '../capabilities/licensing/licensing.service.ts'
import { backfillPolicyVersions } from '../capabilities/risk-assessment/policy/policy.repository.ts'
import type { Clock } from '../platform/clock.ts'
import type { Db } from '../platform/db/database.ts'
import { createProgress } from './progress.ts'

type Out = (human: string, data: object) => void

/**
 * Appends every policy version and decision recorded before the log covered it, marked
 * `backfilled`, so that `log verify` holds the whole register to the log from then on.
 */
export async function logBackfill(db: Db, out: Out, log: DecisionLog): Promise<void> {
  const policies = await backfillPolicyVersions(db, log)
  const progress = createProgress('decisions')
  const decisions = await backfillDecisions(db, log, (n) => progress.update(n))
  progress.stop()
  out(
    decisions + policies === 0
      ? 'Nothing to backfill: every decision and policy version is in the log.'
      : `Brought ${decisions} decisions and ${policies} policy versions into the log, each leaf marked "backfilled".`,
    { decisions, policies },
  )
}

/** Expires every granted licence past its last valid day, as the server does every hour. */
export async function licencesExpire(
  db: Db,
  out: Out,
  o: { clock: Clock; log: DecisionLog },
): Promise<void> {
  const licensing = createLicensingService({ db, clock: o.clock, decisionLog: o.log })
  const expired = await licensing.expireLapsed()
  out(
    expired.length === 0
      ? 'No licence has passed its last valid day.'
      : `Expired ${expired.length} licences (each logged): ${expired.slice(0, 20).join(', ')}${expired.length > 20 ? ', …' : ''}`,
    { expired },
  )
}
