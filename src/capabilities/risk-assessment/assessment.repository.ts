import type { Db } from '../../platform/db/database.ts'
import type { AssessmentResult } from './assess.ts'
import type { Finding } from './finding.ts'
import type { Level, Recommendation } from './level.ts'

export type StoredAssessment = {
  id: number
  assessedAt: string
  actor: string
  trigger: 'submission' | 'on_demand' | 'investigation'
  policyVersion: number
  inputSha256: string
  level: Level
  recommendation: Recommendation
  reasonCodes: string[]
  findings: Finding[]
  summary: string
}

export async function insertAssessment(
  trx: Db,
  {
    applicationId,
    result,
    actor,
    trigger,
    at,
  }: {
    applicationId: number
    result: AssessmentResult
    actor: string
    trigger: StoredAssessment['trigger']
    at: Date
  },
): Promise<StoredAssessment> {
  const row = await trx
    .insertInto('assessments')
    .values({
      application_id: applicationId,
      assessed_at: at,
      actor,
      trigger,
      policy_version: result.policyVersion,
      input_sha256: result.inputSha256,
      level: result.level,
      recommendation: result.recommendation,
      reason_codes: result.reasonCodes,
      findings: JSON.stringify(result.findings),
      summary: result.summary,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toStored(row)
}

export async function listAssessments(db: Db, applicationId: number): Promise<StoredAssessment[]> {
  const rows = await db
    .selectFrom('assessments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map(toStored)
}

export async function latestAssessment(
  db: Db,
  applicationId: number,
): Promise<StoredAssessment | null> {
  const row = await db
    .selectFrom('assessments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toStored(row) : null
}

function toStored(row: {
  id: number
  assessed_at: Date | string
  actor: string
  trigger: StoredAssessment['trigger']
  policy_version: number
  input_sha256: string
  level: string
  recommendation: string
  reason_codes: string[]
  findings: unknown
  summary: string
}): StoredAssessment {
  return {
    id: row.id,
    assessedAt: new Date(row.assessed_at).toISOString(),
    actor: row.actor,
    trigger: row.trigger,
    policyVersion: row.policy_version,
    inputSha256: row.input_sha256,
    level: row.level as Level,
    recommendation: row.recommendation as Recommendation,
    reasonCodes: row.reason_codes,
    findings: row.findings as Finding[],
    summary: row.summary,
  }
}
