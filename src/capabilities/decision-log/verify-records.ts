import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { leafAt } from './log-store.ts'

export type RecordCheck =
  | { ok: true; policies: number; reports: number }
  | { ok: false; problem: string; problems: string[] }

/**
 * Checks the policy versions and published reports against the log, both ways: every version
 * and report has its leaf and says what the leaf says, and every policy or report leaf has its
 * row. A record changed or deleted after it was logged (even with the append-only trigger
 * disabled) is named here. Decisions are checked by the register's own verifier (licensing).
 */
export async function verifyRecords(db: Db): Promise<RecordCheck> {
  const problems: string[] = []
  const policies = await db
    .selectFrom('policy_versions')
    .select(['version', 'log_index', 'document_sha256', 'moratorium_active', 'reason'])
    .orderBy('version')
    .execute()
  for (const p of policies) {
    if (p.log_index === null) {
      problems.push(
        `policy version ${p.version} is not in the log (glasshouse log backfill brings it in)`,
      )
      break
    }
    const leaf = await leafJson(db, p.log_index)
    if (leaf?.type !== 'policy') {
      problems.push(`policy version ${p.version}: its log leaf ${p.log_index} is missing`)
      break
    }
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
    if (mismatch) {
      problems.push(`policy version ${p.version}: ${mismatch} (log leaf ${p.log_index})`)
      break
    }
  }
  for (const [kind, table, what] of [
    ['policy', 'policy_versions', 'policy version'],
    ['report', 'annual_reports', 'published report'],
  ] as const) {
    const orphan = await sql<{ index: number; subject: string }>`
      select l.index, l.subject from log_leaves l
      where l.kind = ${kind}
        and not exists (select 1 from ${sql.table(table)} r where r.log_index = l.index)
      order by l.index limit 1`.execute(db)
    const first = orphan.rows[0]
    if (first)
      problems.push(
        `log leaf ${first.index} records ${first.subject}, but no ${what} points to it: it was deleted or unlinked`,
      )
  }
  const reports = await checkReports(db)
  if (typeof reports === 'string') problems.push(reports)
  if (problems.length > 0) return { ok: false, problem: problems[0] as string, problems }
  return { ok: true, policies: policies.length, reports: reports as number }
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
