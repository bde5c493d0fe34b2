import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import type { RiskAssessmentService } from '../../risk-assessment/risk-assessment.service.ts'
import { recordApplicationScreening } from '../../watchlists/screen-application.ts'
import type { ScreeningService } from '../../watchlists/screening.service.ts'

const BATCH = 100

/**
 * Screens and assesses the demo register's open applications (as a submission would have), so
 * the officers' queue shows risk levels and the case pages show findings. Runs once: only
 * applications without a screening are taken.
 */
export async function prepareDemoQueue(
  db: Db,
  deps: { screening: ScreeningService; assessment: RiskAssessmentService; clock: Clock },
): Promise<number> {
  const open = await db
    .selectFrom('applications as a')
    .select('a.id')
    .where('a.state', 'in', ['submitted', 'under_review'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('screening_runs as s')
            .select('s.id')
            .whereRef('s.application_id', '=', 'a.id'),
        ),
      ),
    )
    .orderBy('a.id')
    .execute()
  if (open.length === 0) return 0
  const lists = await deps.screening.ready()
  const prepared = await deps.assessment.prepare()
  for (let i = 0; i < open.length; i += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (const { id } of open.slice(i, i + BATCH)) {
        await recordApplicationScreening(trx, deps.screening, lists, {
          applicationId: id,
          actor: 'demo',
          clock: deps.clock,
        })
        await deps.assessment.assessIn(trx, id, prepared, { actor: 'demo', trigger: 'submission' })
      }
    })
  }
  return open.length
}
