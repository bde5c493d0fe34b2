import { createHash } from 'node:crypto'
import type { Db } from '../../platform/db/database.ts'
import { committedActor } from './decision-leaf.ts'
import { leafAt } from './log-store.ts'
import { openCommitment } from './tlog/index.ts'

export type RecordCheck =
  | { ok: true; decisions: number; policies: number; reports: number }
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
        'd.confirmed_by',
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
      const secrets = {
        actor: committedActor(r.actor, r.confirmed_by),
        explanation: r.explanation,
        justification: r.justification,
      }
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
  const reports = await checkReports(db)
  if (typeof reports === 'string') return fail(reports)
  return { ok: true, decisions, policies: policies.length, reports }
}

/** Each published report's stored files still hash to what its log leaf says. */
async function checkReports(db: Db): Promise<number | string> {
  const reports = await db
    .selectFrom('annual_reports')
    .select(['id', 'year', 'scope_key', 'version', 'log_index'])
    .where('log_index', 'is not', null)
    .orderBy('id')
    .execute()
  for (const r of reports) {
    const where = `report ${r.scope_key} ${r.year} v${r.version}`
    const leaf = await leafJson(db, r.log_index as number)
    if (!leaf) return `${where}: its log leaf ${r.log_index} is missing`
    const files = await db
      .selectFrom('annual_report_files')
      .select(['name', 'content'])
      .where('report_id', '=', r.id)
      .execute()
    // Sorted by name, as the leaf's canonical JSON (RFC 8785) holds them.
    const hashes = Object.fromEntries(
      files
        .map((f) => [f.name, createHash('sha256').update(f.content).digest('hex')] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    const mismatch = firstMismatch(
      { type: 'report', year: r.year, scope: r.scope_key, version: r.version, files: hashes },
      leaf,
    )
    if (mismatch) return `${where}: ${mismatch} (log leaf ${r.log_index})`
  }
  return reports.length
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
