import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { requireApplicationId } from '../licensing/application.repository.ts'
import { assess } from './assess.ts'
import {
  insertAssessment,
  listAssessments,
  type StoredAssessment,
} from './assessment.repository.ts'
import { type CountryEvidenceLookup, gatherInput } from './gather-inputs.ts'
import { currentPolicy, type PolicyVersion } from './policy/policy.repository.ts'

export type PreparedAssessment = { policy: PolicyVersion; evidence: CountryEvidenceLookup }

export type RiskAssessmentService = ReturnType<typeof createRiskAssessmentService>

/**
 * Assesses applications under the policy in force. `prepare()` reads the policy and the evidence
 * outside any transaction (PGlite has one connection); `assessIn()` then runs inside the caller's
 * transaction, so a submission and its assessment commit together.
 */
export function createRiskAssessmentService({
  db,
  clock,
  loadEvidence,
}: {
  db: Db
  clock: Clock
  /** The destination evidence in force (imported sets, or the authored tables). */
  loadEvidence: (db: Db) => Promise<CountryEvidenceLookup>
}) {
  async function prepare(): Promise<PreparedAssessment> {
    const [policy, evidence] = await Promise.all([currentPolicy(db, clock), loadEvidence(db)])
    return { policy, evidence }
  }

  async function assessIn(
    trx: Db,
    applicationId: number,
    prepared: PreparedAssessment,
    { actor, trigger }: { actor: string; trigger: StoredAssessment['trigger'] },
  ): Promise<StoredAssessment> {
    const input = await gatherInput(trx, applicationId, {
      evidence: prepared.evidence,
      today: clock.today(),
    })
    const result = assess(input, prepared.policy)
    return insertAssessment(trx, { applicationId, result, actor, trigger, at: clock.now() })
  }

  return {
    prepare,
    assessIn,
    /** On demand: assess again under today's policy and evidence, and store the result. */
    async assess(reference: string, actor: string): Promise<StoredAssessment> {
      const id = await requireApplicationId(db, reference)
      const prepared = await prepare()
      return db
        .transaction()
        .execute((trx) => assessIn(trx, id, prepared, { actor, trigger: 'on_demand' }))
    },
    async list(reference: string): Promise<StoredAssessment[]> {
      return listAssessments(db, await requireApplicationId(db, reference))
    },
  }
}
