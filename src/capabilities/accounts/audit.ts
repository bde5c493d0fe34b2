import type { Db } from '../../platform/db/database.ts'
import type { Principal } from './principal.ts'

/**
 * The internal audit trail: who viewed and did what, kept apart from the public decision log.
 * Details name records (references, token ids), never the content of applications or passwords.
 */
export type AuditEvent = {
  principal: Principal | null
  action: string
  subject?: string | undefined
  outcome: 'ok' | 'denied' | 'failed'
  detail?: Record<string, unknown>
  /** For events before anyone is signed in (a failed login): the user, when known. */
  userId?: string | undefined
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      user_id: event.principal?.userId ?? event.userId ?? null,
      role: event.principal?.role ?? null,
      authority_id: event.principal?.authorityId ?? null,
      organisation_id: event.principal?.organisationId ?? null,
      action: event.action,
      subject: event.subject ?? null,
      outcome: event.outcome,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute()
}

export type AuditEntry = {
  id: number
  at: string
  userId: string | null
  role: string | null
  authorityId: string | null
  action: string
  subject: string | null
  outcome: string
  detail: unknown
}

/** The trail, newest first: all of it for administrators, an authority's own for its senior officers. */
export async function listAudit(
  db: Db,
  filter: {
    authorityId?: string | undefined
    subject?: string | undefined
    limit: number
    before?: number | undefined
  },
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(filter.limit)
  if (filter.authorityId) query = query.where('authority_id', '=', filter.authorityId)
  if (filter.subject) query = query.where('subject', '=', filter.subject)
  if (filter.before) query = query.where('id', '<', filter.before)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    userId: r.user_id,
    role: r.role,
    authorityId: r.authority_id,
    action: r.action,
    subject: r.subject,
    outcome: r.outcome,
    detail: r.detail,
  }))
}
