// The licence page's reads beyond the register's public view. Each query selects only columns the
// page may show: never `actor`, `confirmed_by`, `justification`, the internal `explanation` or log
// salts of a decision (only the public reason written for publication), never
// the parties' screening results, so a future change to the page cannot leak them by accident.
import type { Db } from '../../../platform/db/database.ts'
import { latestAssessment } from '../../risk-assessment/assessment.repository.ts'

export type PublicDecisionRow = {
  action: string
  fromState: string | null
  toState: string
  decidedOn: string
  reasonCodes: string[]
  /** The reason written for publication; null: not stated. */
  publicReason: string | null
  againstRecommendation: boolean
  /**
   * The leaf of this decision in the public log; null for steps that are not logged, and for a
   * decision recorded before the log covered every decision and not yet backfilled.
   */
  logIndex: number | null
  /** How the leaf marks a decision that did not come through an officer's action. */
  mark: 'imported' | 'demo' | null
}

export type ScreeningSummary = {
  screenedOn: string
  lists: { source: string; listDate: string | null }[]
  partyCount: number
  hitCount: number
}

async function applicationId(db: Db, reference: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('applications')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirst()
  return row?.id
}

/** Every lifecycle step of the application, oldest first, without who took it. */
export async function publicDecisionHistory(
  db: Db,
  reference: string,
): Promise<PublicDecisionRow[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .select([
      'd.action',
      'd.from_state',
      'd.to_state',
      'd.decided_on',
      'd.reason_codes',
      'd.public_reason',
      'd.against_recommendation',
      'd.log_index',
      'd.origin',
    ])
    .where('a.reference', '=', reference)
    .orderBy('d.id')
    .execute()
  return rows.map((r) => ({
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    decidedOn: String(r.decided_on),
    reasonCodes: r.reason_codes,
    publicReason: r.public_reason,
    againstRecommendation: r.against_recommendation,
    logIndex: r.log_index === null ? null : Number(r.log_index),
    mark: r.origin === 'import' ? 'imported' : r.origin === 'demo' ? 'demo' : null,
  }))
}

/** The latest screening run reduced to counts and list versions; who matched stays internal. */
export async function latestScreeningSummary(
  db: Db,
  reference: string,
): Promise<ScreeningSummary | null> {
  const row = await db
    .selectFrom('screening_runs as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .select(['s.screened_at', 's.list_versions', 's.party_count', 's.hit_count'])
    .where('a.reference', '=', reference)
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  const lists = Array.isArray(row.list_versions)
    ? (row.list_versions as { source?: unknown; listDate?: unknown }[]).map((l) => ({
        source: String(l.source ?? ''),
        listDate: typeof l.listDate === 'string' ? l.listDate : null,
      }))
    : []
  return {
    screenedOn: new Date(row.screened_at).toISOString().slice(0, 10),
    lists,
    partyCount: row.party_count,
    hitCount: row.hit_count,
  }
}

/** The latest risk assessment of the application, or null; filter it with publicFindings. */
export async function latestAssessmentOf(db: Db, reference: string) {
  const id = await applicationId(db, reference)
  return id === undefined ? null : latestAssessment(db, id)
}

/**
 * Names of parties the register does not publish (end user, consignee, intermediaries, agents;
 * not the exporter): a public finding whose text mentions one is withheld.
 */
export async function unpublishedPartyNames(db: Db, reference: string): Promise<string[]> {
  const app = await db
    .selectFrom('applications')
    .select(['id', 'exporter_name', 'end_user_name', 'consignee_name'])
    .where('reference', '=', reference)
    .executeTakeFirst()
  if (!app) return []
  const parties = await db
    .selectFrom('application_parties')
    .select('name')
    .where('application_id', '=', app.id)
    .execute()
  const names = [app.end_user_name, app.consignee_name, ...parties.map((p) => p.name)]
  return [...new Set(names.map((n) => n.trim()))].filter(
    (n) => n.length >= 3 && n.toLowerCase() !== app.exporter_name.trim().toLowerCase(),
  )
}
