import type { Db } from '../../platform/db/database.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { recordAudit } from '../accounts/audit.ts'
import { assertCan } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import { withTenant } from '../accounts/tenant.ts'
import { findApplicationRow } from '../licensing/application.repository.ts'
import { listDenialNotices } from '../licensing/denial-notices.ts'

export const QUEUE_PAGE_SIZE = 50
export const QUEUE_STATES = ['submitted', 'under_review'] as const

export type QueueFilter = {
  state?: (typeof QUEUE_STATES)[number] | undefined
  level?: string | undefined
  destination?: string | undefined
  page: number
}

export type QueueRow = {
  reference: string
  exporterName: string
  destination: string
  state: string
  submittedOn: string | null
  controlEntries: string[]
  level: string | null
  recommendation: string | null
  pendingAction: string | null
  pendingByOther: boolean
  unansweredRequests: number
}

/**
 * The officer's work queue: the authority's submitted and under-review applications, oldest
 * submission first, with the latest assessment, four-eyes and open-request markers. Runs under
 * the row-level policies, so only the officer's authority is reachable.
 */
export async function listQueue(
  db: Db,
  principal: Principal,
  filter: QueueFilter,
): Promise<{ rows: QueueRow[]; more: boolean }> {
  assertCan(principal, 'application.review')
  return withTenant(db, principal, async (trx) => {
    let query = trx
      .selectFrom('applications as a')
      .select((eb) => {
        const latestAssessment = (column: 'level' | 'recommendation') =>
          eb
            .selectFrom('assessments as s')
            .select(`s.${column}`)
            .whereRef('s.application_id', '=', 'a.id')
            .orderBy('s.id', 'desc')
            .limit(1)
        const pending = (column: 'action' | 'proposed_by') =>
          eb
            .selectFrom('decision_confirmations as d')
            .select(`d.${column}`)
            .whereRef('d.application_id', '=', 'a.id')
            .where('d.status', '=', 'pending')
            .limit(1)
        return [
          'a.id',
          'a.reference',
          'a.exporter_name',
          'a.destination',
          'a.state',
          'a.submitted_on',
          latestAssessment('level').as('level'),
          latestAssessment('recommendation').as('recommendation'),
          pending('action').as('pending_action'),
          pending('proposed_by').as('pending_by'),
          eb
            .selectFrom('information_requests as r')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('r.application_id', '=', 'a.id')
            .where('r.answer', 'is', null)
            .as('unanswered'),
        ]
      })
      .where('a.state', 'in', filter.state ? [filter.state] : [...QUEUE_STATES])
    if (filter.destination) query = query.where('a.destination', '=', filter.destination)
    if (filter.level) {
      const level = filter.level
      query = query.where((eb) =>
        eb(
          eb
            .selectFrom('assessments as s')
            .select('s.level')
            .whereRef('s.application_id', '=', 'a.id')
            .orderBy('s.id', 'desc')
            .limit(1),
          '=',
          level,
        ),
      )
    }
    const rows = await query
      .orderBy('a.submitted_on', 'asc')
      .orderBy('a.id', 'asc')
      .limit(QUEUE_PAGE_SIZE + 1)
      .offset((filter.page - 1) * QUEUE_PAGE_SIZE)
      .execute()
    const more = rows.length > QUEUE_PAGE_SIZE
    const page = more ? rows.slice(0, QUEUE_PAGE_SIZE) : rows
    const ids = page.map((r) => r.id)
    const items =
      ids.length === 0
        ? []
        : await trx
            .selectFrom('application_items')
            .select(['application_id', 'control_entry'])
            .where('application_id', 'in', ids)
            .orderBy('line_no')
            .execute()
    return {
      more,
      rows: page.map((r) => ({
        reference: r.reference,
        exporterName: r.exporter_name,
        destination: r.destination,
        state: r.state,
        submittedOn: r.submitted_on,
        controlEntries: [
          ...new Set(items.filter((i) => i.application_id === r.id).map((i) => i.control_entry)),
        ],
        level: r.level ?? null,
        recommendation: r.recommendation ?? null,
        pendingAction: r.pending_action ?? null,
        pendingByOther: r.pending_by != null && r.pending_by !== principal.userId,
        unansweredRequests: Number(r.unanswered ?? 0),
      })),
    }
  })
}

export type OwnApplicationRow = {
  reference: string
  state: string
  destination: string
  endUserName: string
  submittedOn: string | null
  decidedOn: string | null
  updatedAt: string
  unansweredRequests: number
}

/** An exporter's applications in every state, newest change first, under the row-level policies. */
export async function listOwnApplications(
  db: Db,
  principal: Principal,
): Promise<OwnApplicationRow[]> {
  assertCan(principal, 'application.draft')
  return withTenant(db, principal, async (trx) => {
    const rows = await trx
      .selectFrom('applications as a')
      .select((eb) => [
        'a.reference',
        'a.state',
        'a.destination',
        'a.end_user_name',
        'a.submitted_on',
        'a.decided_on',
        'a.updated_at',
        eb
          .selectFrom('information_requests as r')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('r.application_id', '=', 'a.id')
          .where('r.answer', 'is', null)
          .as('unanswered'),
      ])
      .where('a.organisation_id', '=', principal.organisationId ?? '')
      .orderBy('a.updated_at', 'desc')
      .limit(500)
      .execute()
    return rows.map((r) => ({
      reference: r.reference,
      state: r.state,
      destination: r.destination,
      endUserName: r.end_user_name,
      submittedOn: r.submitted_on,
      decidedOn: r.decided_on,
      updatedAt: new Date(r.updated_at).toISOString(),
      unansweredRequests: Number(r.unanswered ?? 0),
    }))
  })
}

function notFound(reference: string) {
  return new NotFoundError('application_not_found', `No application "${reference}"`)
}

function required(field: string, value: string, max: number): string {
  const trimmed = value.trim()
  if (!trimmed) throw new ValidationError(`${field}: required`, [{ field, message: 'required' }])
  if (trimmed.length > max)
    throw new ValidationError(`${field}: too long`, [
      { field, message: `at most ${max} characters` },
    ])
  return trimmed
}

/** An officer asks the exporter a question about a submitted or under-review application. */
export async function askInformation(
  db: Db,
  principal: Principal,
  reference: string,
  question: string,
): Promise<void> {
  assertCan(principal, 'application.review')
  const text = required('question', question, 4000)
  await withTenant(db, principal, async (trx) => {
    const row = await findApplicationRow(trx, reference, true)
    if (!row) throw notFound(reference)
    if (row.state !== 'submitted' && row.state !== 'under_review')
      throw new ConflictError(
        'invalid_state',
        `Questions can be asked while an application is submitted or under review; "${reference}" is ${row.state}`,
      )
    await trx
      .insertInto('information_requests')
      .values({ application_id: row.id, question: text, asked_by: principal.userId })
      .execute()
  })
  await recordAudit(db, {
    principal,
    action: 'information.ask',
    subject: reference,
    outcome: 'ok',
  })
}

/** The exporter answers one open request for information on its own application. */
export async function answerInformation(
  db: Db,
  principal: Principal,
  reference: string,
  requestId: number,
  answer: string,
  now: Date,
): Promise<void> {
  assertCan(principal, 'information.answer')
  const text = required('answer', answer, 8000)
  await withTenant(db, principal, async (trx) => {
    const row = await findApplicationRow(trx, reference, true)
    if (!row) throw notFound(reference)
    const updated = await trx
      .updateTable('information_requests')
      .set({ answer: text, answered_by: principal.userId, answered_at: now })
      .where('id', '=', requestId)
      .where('application_id', '=', row.id)
      .where('answer', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0)
      throw new ConflictError(
        'request_not_open',
        'That request for information is unknown or already answered',
      )
  })
  await recordAudit(db, {
    principal,
    action: 'information.answer',
    subject: reference,
    outcome: 'ok',
    detail: { requestId },
  })
}

export type DenialNoticeRow = {
  id: number
  reference: string
  authorityId: string
  issuingState: string
  kind: string
  destination: string
  endUserName: string
  consigneeName: string
  controlEntries: string[]
  reasonCodes: string[]
  notifiedOn: string
  reviewDue: string
  status: string
}

/**
 * Other authorities' Art. 23 denial notices, newest first. Notices are shared between every
 * authority, so this reads as the owner after the permission check.
 */
export async function listOtherDenialNotices(
  db: Db,
  principal: Principal,
  page: { afterId?: number | undefined; limit: number },
): Promise<{ rows: DenialNoticeRow[]; more: boolean }> {
  assertCan(principal, 'denials.read')
  const { rows, more } = await listDenialNotices(db, {
    ...page,
    excludeAuthority: principal.authorityId || undefined,
  })
  await recordAudit(db, { principal, action: 'denials.list', outcome: 'ok' })
  return {
    more,
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      authorityId: r.authority_id,
      issuingState: r.issuing_state,
      kind: r.kind,
      destination: r.destination,
      endUserName: r.end_user_name,
      consigneeName: r.consignee_name,
      controlEntries: r.control_entries,
      reasonCodes: r.reason_codes,
      notifiedOn: r.notified_on,
      reviewDue: r.review_due,
      status: r.status,
    })),
  }
}
