import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { ConflictError } from '../../platform/http/errors.ts'
import type { Finding } from '../risk-assessment/finding.ts'
import type { Level } from '../risk-assessment/level.ts'
import type { GrantTimeAssessment, LicenceFinding } from './compare-with-grant.ts'
import type { InvestigationScope } from './investigation.ts'

export type Investigation = {
  id: number
  reason: string
  scope: InvestigationScope
  /** Only this authority's licences (a senior officer's investigation); null: every authority. */
  authorityScope: string | null
  policyVersion: number
  /** The day the scope's "still valid" is measured on. */
  asOf: string
  status: 'running' | 'completed'
  startedBy: string
  startedAt: string
  completedAt: string | null
  progress: {
    inScope: number
    licencesDone: number
    pagesDone: number
    findings: number
    proposals: number
    /** The last licence (application id) whose page is committed: a resumed run starts after it. */
    cursor: number
  }
}

/** What a run needs to know about an investigation to select its licences. */
export type ScopeOf = Pick<Investigation, 'scope' | 'authorityScope' | 'asOf'>

export async function insertInvestigation(
  db: Db,
  values: {
    reason: string
    scope: InvestigationScope
    authorityScope: string | null
    policyVersion: number
    asOf: string
    startedBy: string
    inScope: number
    at: Date
  },
): Promise<Investigation> {
  const row = await db
    .insertInto('investigations')
    .values({
      reason: values.reason,
      scope: JSON.stringify(values.scope),
      authority_scope: values.authorityScope,
      policy_version: values.policyVersion,
      as_of: values.asOf,
      started_by: values.startedBy,
      started_at: values.at,
      in_scope: values.inScope,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toInvestigation(row)
}

export async function findInvestigation(db: Db, id: number): Promise<Investigation | null> {
  const row = await db
    .selectFrom('investigations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toInvestigation(row) : null
}

export async function listInvestigations(db: Db): Promise<Investigation[]> {
  const rows = await db
    .selectFrom('investigations')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(200)
    .execute()
  return rows.map(toInvestigation)
}

/** Escapes LIKE wildcards in user text. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The investigation's scope as a filter on `applications as a`. */
function inScope(inv: ScopeOf) {
  const s = inv.scope
  return (eb: ExpressionBuilder<Database & { a: Database['applications'] }, 'a'>) => {
    // Some item line of the licence satisfies `where` (a condition on `i`).
    const items = (where: ReturnType<typeof sql<boolean>>) =>
      eb.exists(
        eb
          .selectFrom('application_items as i')
          .select(sql.lit(1).as('one'))
          .whereRef('i.application_id', '=', 'a.id')
          .where(where),
      )
    const validUntil = eb
      .selectFrom('licences as l')
      .select('l.valid_until')
      .whereRef('l.application_id', '=', 'a.id')
    const filters = [
      eb('a.state', '=', 'granted'),
      eb.or([eb(validUntil, 'is', null), eb(validUntil, '>=', inv.asOf)]),
    ]
    if (inv.authorityScope) filters.push(eb('a.authority_id', '=', inv.authorityScope))
    if (s.authorities) filters.push(eb('a.authority_id', 'in', s.authorities))
    if (s.issuingStates) filters.push(eb('a.issuing_state', 'in', s.issuingStates))
    if (s.destinations) filters.push(eb('a.destination', 'in', s.destinations))
    if (s.licenceTypes) filters.push(eb('a.licence_type', 'in', s.licenceTypes))
    if (s.geas) filters.push(eb('a.gea', 'in', s.geas))
    if (s.decidedFrom) filters.push(eb('a.decided_on', '>=', s.decidedFrom))
    if (s.decidedTo) filters.push(eb('a.decided_on', '<=', s.decidedTo))
    if (s.exporter)
      filters.push(
        eb.or([
          eb('a.exporter_name', 'ilike', `%${likeText(s.exporter)}%`),
          eb('a.exporter_id', '=', s.exporter),
        ]),
      )
    if (s.technologies)
      filters.push(items(sql<boolean>`i.technology = any(${sql.val(s.technologies)}::text[])`))
    if (s.controlEntries)
      // "5A001" covers "5A001.j": an entry or any of its sub-entries.
      filters.push(
        items(
          sql<boolean>`(${sql.join(
            s.controlEntries.map(
              (entry) =>
                sql`i.control_entry = ${entry} or i.control_entry like ${`${likeText(entry)}.%`}`,
            ),
            sql` or `,
          )})`,
        ),
      )
    return eb.and(filters)
  }
}

export async function countInScope(db: Db, inv: ScopeOf): Promise<number> {
  const row = await db
    .selectFrom('applications as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope(inv))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The next page of licences in scope, by application id after `afterId`. */
export async function scopePage(
  db: Db,
  inv: ScopeOf,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('applications as a')
    .select('a.id')
    .where(inScope(inv))
    .where('a.id', '>', afterId)
    .orderBy('a.id')
    .limit(limit)
    .execute()
  return rows.map((r) => Number(r.id))
}

/**
 * Per licence, the assessment it was granted under: the latest at or before its grant decision
 * (for a licence imported without one, at or before the end of its decision day).
 */
export async function grantTimeAssessments(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, GrantTimeAssessment>> {
  if (ids.length === 0) return new Map()
  const rows = await sql<{
    application_id: number
    level: string
    findings: unknown
    policy_version: number
  }>`
    select distinct on (s.application_id) s.application_id, s.level, s.findings, s.policy_version
    from assessments s
    join applications a on a.id = s.application_id
    left join lateral (
      select max(d.decided_at) as granted_at from decisions d
      where d.application_id = s.application_id and d.action = 'grant'
    ) g on true
    where s.application_id = any(${sql.val([...ids])}::bigint[])
      and s.assessed_at <= coalesce(g.granted_at, (a.decided_on + 1)::timestamptz, 'infinity')
    order by s.application_id, s.id desc`.execute(db)
  return new Map(
    rows.rows.map((r) => [
      Number(r.application_id),
      {
        level: r.level as Level,
        findings: r.findings as Finding[],
        policyVersion: r.policy_version,
      },
    ]),
  )
}

export type PageResult = {
  applicationId: number
  findings: LicenceFinding[]
}

/**
 * Commits one page: its findings and proposals (a repeat of a page inserts nothing: the keys are
 * unique and conflicts are skipped), the cursor and the counters, all in one transaction.
 */
export async function savePage(
  db: Db,
  investigationId: number,
  { lastId, licences, results }: { lastId: number; licences: number; results: PageResult[] },
): Promise<void> {
  const findingRows = results.flatMap((r) =>
    r.findings.map((f) => ({ applicationId: r.applicationId, ...f })),
  )
  const proposals = results.filter((r) => r.findings.some((f) => f.significant))
  await db.transaction().execute(async (trx) => {
    const inserted = findingRows.length
      ? await sql<{ kind: string }>`
        insert into investigation_findings (investigation_id, application_id, kind, significant,
          infringement, level_then, level_now, title, evidence, public)
        select ${investigationId}, t.application_id, t.kind, t.significant, t.infringement,
          t.level_then, t.level_now, t.title, t.evidence::jsonb, t.public
        from unnest(
          ${findingRows.map((f) => f.applicationId)}::bigint[],
          ${findingRows.map((f) => f.kind)}::text[],
          ${findingRows.map((f) => f.significant)}::boolean[],
          ${findingRows.map((f) => f.infringement)}::boolean[],
          ${findingRows.map((f) => f.levelThen)}::text[],
          ${findingRows.map((f) => f.levelNow)}::text[],
          ${findingRows.map((f) => f.title)}::text[],
          ${findingRows.map((f) => JSON.stringify(f.evidence))}::text[],
          ${findingRows.map((f) => f.public)}::boolean[]
        ) as t(application_id, kind, significant, infringement, level_then, level_now, title,
          evidence, public)
        on conflict do nothing
        returning kind`.execute(trx)
      : { rows: [] }
    const proposed = proposals.length
      ? await sql<{ id: number }>`
        insert into revocation_proposals (investigation_id, application_id, level_then, level_now,
          kinds)
        select ${investigationId}, t.application_id, t.level_then, t.level_now,
          string_to_array(t.kinds, ',')
        from unnest(
          ${proposals.map((p) => p.applicationId)}::bigint[],
          ${proposals.map((p) => p.findings[0]?.levelThen ?? null)}::text[],
          ${proposals.map((p) => p.findings[0]?.levelNow ?? 'low')}::text[],
          ${proposals.map((p) =>
            p.findings
              .filter((f) => f.significant)
              .map((f) => f.kind)
              .join(','),
          )}::text[]
        ) as t(application_id, level_then, level_now, kinds)
        on conflict do nothing
        returning id`.execute(trx)
      : { rows: [] }
    const moved = await trx
      .updateTable('investigations')
      .set((eb) => ({
        cursor_application_id: lastId,
        pages_done: eb('pages_done', '+', 1),
        licences_done: eb('licences_done', '+', licences),
        findings_count: eb('findings_count', '+', inserted.rows.length),
        proposals_count: eb('proposals_count', '+', proposed.rows.length),
      }))
      .where('id', '=', investigationId)
      .where('cursor_application_id', '<', lastId)
      .executeTakeFirst()
    // Another run of the same investigation (another process) committed this page first.
    if (Number(moved.numUpdatedRows) === 0)
      throw new ConflictError(
        'investigation_running_elsewhere',
        `Investigation ${investigationId} is being run by another process`,
      )
  })
}

export async function completeInvestigation(db: Db, id: number, at: Date): Promise<void> {
  await db
    .updateTable('investigations')
    .set({ status: 'completed', completed_at: at })
    .where('id', '=', id)
    .execute()
}

type Row = {
  id: number
  reason: string
  scope: unknown
  authority_scope: string | null
  policy_version: number
  as_of: string
  status: 'running' | 'completed'
  started_by: string
  started_at: Date | string
  completed_at: Date | string | null
  in_scope: number
  cursor_application_id: number
  pages_done: number
  licences_done: number
  findings_count: number
  proposals_count: number
}

function toInvestigation(row: Row): Investigation {
  return {
    id: Number(row.id),
    reason: row.reason,
    scope: row.scope as InvestigationScope,
    authorityScope: row.authority_scope,
    policyVersion: row.policy_version,
    asOf: row.as_of,
    status: row.status,
    startedBy: row.started_by,
    startedAt: new Date(row.started_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    progress: {
      inScope: row.in_scope,
      licencesDone: row.licences_done,
      pagesDone: row.pages_done,
      findings: row.findings_count,
      proposals: row.proposals_count,
      cursor: Number(row.cursor_application_id),
    },
  }
}
