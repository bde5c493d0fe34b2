import type { Db } from '../../platform/db/database.ts'
import { leafAt } from './log-store.ts'
import { openCommitment } from './tlog/index.ts'

export type RecordCheck =
  | { ok: true; decisions: number; policies: number }
  | { ok: false; problem: string }

const PAGE = 2000

/**
 * Checks the register against the log: every logged decision and policy version must say, field
 * for field, what its leaf says, and the salts kept with a decision must open the leaf's
 * commitments to its confidential fields. A record changed after it was logged (even with the
 * append-only trigger disabled) is named here.
 */
export async function verifyRecords(db: Db): Promise<RecordCheck> {
  let decisions = 0
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('decisions as d')
      .innerJoin('applications as a', 'a.id', 'd.application_id')
      .select([
        'd.id',
        'd.log_index',
        'd.log_salts',
        'd.action',
        'd.from_state',
        'd.to_state',
        'd.decided_on',
        'd.reason_codes',
        'd.against_recommendation',
        'd.actor',
        'd.explanation',
        'd.justification',
        'a.reference',
      ])
      .where('d.log_index', 'is not', null)
      .where('d.id', '>', after)
      .orderBy('d.id')
      .limit(PAGE)
      .execute()
    for (const r of rows) {
      const where = `decision ${r.id} (${r.reference} ${r.action})`
      const leaf = await leafJson(db, r.log_index as number)
      if (!leaf) return fail(`${where}: its log leaf ${r.log_index} is missing or not JSON`)
      const expected: Record<string, unknown> = {
        type: 'decision',
        reference: r.reference,
        action: r.action,
        fromState: r.from_state,
        toState: r.to_state,
        decidedOn: r.decided_on,
        reasonCodes: r.reason_codes,
        againstRecommendation: r.against_recommendation,
      }
      const mismatch = firstMismatch(expected, leaf)
      if (mismatch) return fail(`${where}: ${mismatch} (log leaf ${r.log_index})`)
      const salts = (r.log_salts ?? {}) as Record<string, string>
      const commitments = (leaf.commitments ?? {}) as Record<string, string>
      const secrets = { actor: r.actor, explanation: r.explanation, justification: r.justification }
      for (const [field, value] of Object.entries(secrets)) {
        const salt = Buffer.from(salts[field] ?? '', 'hex')
        if (!openCommitment(value, salt, commitments[field] ?? ''))
          return fail(
            `${where}: ${field} no longer matches the commitment in log leaf ${r.log_index}`,
          )
      }
      decisions += 1
    }
    if (rows.length < PAGE) break
    after = (rows[rows.length - 1] as (typeof rows)[number]).id
  }
  const policies = await db
    .selectFrom('policy_versions')
    .select(['version', 'log_index', 'document_sha256', 'moratorium_active', 'reason'])
    .where('log_index', 'is not', null)
    .orderBy('version')
    .execute()
  for (const p of policies) {
    const leaf = await leafJson(db, p.log_index as number)
    if (!leaf) return fail(`policy version ${p.version}: its log leaf ${p.log_index} is missing`)
    const mismatch = firstMismatch(
      {
        type: 'policy',
        version: p.version,
        sha256: p.document_sha256,
        moratoriumActive: p.moratorium_active,
        reason: p.reason,
      },
      leaf,
    )
    if (mismatch) return fail(`policy version ${p.version}: ${mismatch} (log leaf ${p.log_index})`)
  }
  return { ok: true, decisions, policies: policies.length }
}

async function leafJson(db: Db, index: number): Promise<Record<string, unknown> | null> {
  const leaf = await leafAt(db, index)
  if (!leaf) return null
  try {
    return JSON.parse(leaf.leaf) as Record<string, unknown>
  } catch {
    return null
  }
}

function firstMismatch(expected: Record<string, unknown>, leaf: Record<string, unknown>) {
  for (const [field, value] of Object.entries(expected)) {
    if (JSON.stringify(leaf[field]) !== JSON.stringify(value))
      return `the record says ${field} ${JSON.stringify(value)}, the log ${JSON.stringify(leaf[field])}`
  }
  return null
}

function fail(problem: string): RecordCheck {
  return { ok: false, problem }
}
