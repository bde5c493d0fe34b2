import type { Db } from '../../platform/db/database.ts'
import { latestAssessment } from '../risk-assessment/assessment.repository.ts'
import type { DecisionInput } from './application.schema.ts'
import type { LifecycleAction } from './lifecycle.ts'

/** What a proposal stores: the decision exactly as the first officer wrote it. */
export type ConfirmationInput = DecisionInput

/**
 * Why this action needs a second officer, or null: every revocation, and a grant whose latest
 * risk assessment is high or prohibitive (the LITE countersigning practice, made a rule).
 */
export async function fourEyesReason(
  db: Db,
  applicationId: number,
  action: LifecycleAction,
): Promise<string | null> {
  if (action === 'revoke') return 'Every revocation is confirmed by a second officer'
  if (action !== 'grant') return null
  const latest = await latestAssessment(db, applicationId)
  if (latest && (latest.level === 'high' || latest.level === 'prohibitive'))
    return `The application is assessed ${latest.level}: a grant is confirmed by a second officer`
  return null
}
