import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { ApplicationsTable } from '../../platform/db/schema.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import type { Application } from './application.schema.ts'
import { type ApplicationState, allowedActions, publicDecision } from './lifecycle.ts'
import { formatMoney } from './money.ts'
import { listProposals } from './proposals.ts'

export type ApplicationRow = Selectable<ApplicationsTable>

export async function findApplicationRow(db: Db, reference: string, forUpdate = false) {
  let query = db.selectFrom('applications').selectAll().where('reference', '=', reference)
  if (forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** The id of the application with this reference; 404 application_not_found when there is none. */
export async function requireApplicationId(db: Db, reference: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirst()
  if (!row)
    throw new NotFoundError('application_not_found', `No application with reference "${reference}"`)
  return row.id
}

/** Loads an application with everything an officer sees on its page. */
export async function loadApplication(db: Db, reference: string): Promise<Application | undefined> {
  const row = await findApplicationRow(db, reference)
  if (!row) return undefined
  const [items, parties, licence, decisions, flags, proposals, requests] = await Promise.all([
    db
      .selectFrom('application_items')
      .selectAll()
      .where('application_id', '=', row.id)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('application_parties')
      .selectAll()
      .where('application_id', '=', row.id)
      .orderBy('line_no')
      .execute(),
    db.selectFrom('licences').selectAll().where('application_id', '=', row.id).executeTakeFirst(),
    db
      .selectFrom('decisions')
      .selectAll()
      .where('application_id', '=', row.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('identical_transaction_flags as f')
      .innerJoin('denial_notices as n', 'n.id', 'f.denial_notice_id')
      .select([
        'f.denial_notice_id',
        'f.matched_on',
        'f.control_entry',
        'f.name_score',
        'n.authority_id',
        'n.issuing_state',
        'n.kind',
        'n.notified_on',
        'n.reason_codes',
      ])
      .where('f.application_id', '=', row.id)
      .orderBy('f.denial_notice_id')
      .execute(),
    // Official-only (row-level policies): an exporter gets none.
    listProposals(db, row.id),
    db
      .selectFrom('information_requests')
      .selectAll()
      .where('application_id', '=', row.id)
      .orderBy('id')
      .execute(),
  ])
  const pending = proposals.find((p) => p.status === 'pending')
  const state = row.state as ApplicationState
  return {
    reference: row.reference,
    authorityId: row.authority_id,
    organisationId: row.organisation_id,
    issuingState: row.issuing_state,
    state,
    decision: publicDecision(state) ?? null,
    licenceType: row.licence_type as Application['licenceType'],
    gea: row.gea,
    exporter: { name: row.exporter_name, country: row.exporter_country, id: row.exporter_id },
    consignee: { name: row.consignee_name, country: row.consignee_country },
    endUser: {
      name: row.end_user_name,
      country: row.end_user_country,
      type: row.end_user_type as Application['endUser']['type'],
      description: row.end_user_description,
    },
    parties: parties.map((p) => ({
      role: p.role,
      name: p.name,
      country: p.country,
      type: p.party_type,
      description: p.description,
    })),
    governmentAgency: row.government_agency,
    destination: row.destination,
    intendedUse: row.intended_use,
    intendedUsePublic: row.intended_use_public,
    items: items.map((item) => ({
      lineNo: item.line_no,
      controlEntry: item.control_entry,
      forEntry: item.for_entry,
      technology: item.technology as Application['items'][number]['technology'],
      cyberSurveillance: item.cyber_surveillance,
      description: item.description,
      quantity: item.quantity,
      value: formatMoney(item.value_minor, item.currency),
      valueMinor: item.value_minor,
      currency: item.currency,
    })),
    submittedOn: row.submitted_on,
    decidedOn: row.decided_on,
    decisionReasons: row.decision_reasons,
    decisionExplanation: row.decision_explanation,
    decisionPublicReason: row.decision_public_reason,
    licence: licence
      ? {
          number: licence.number,
          validFrom: licence.valid_from,
          validUntil: licence.valid_until,
          largeProject: licence.large_project,
        }
      : null,
    allowedActions: allowedActions(state),
    endUseFlags: row.end_use_flags,
    dueDiligence: (row.due_diligence as Application['dueDiligence']) ?? null,
    internalComplianceProgramme: row.internal_compliance_programme,
    identicalDenials: flags.map((f) => ({
      denialNoticeId: f.denial_notice_id,
      matchedOn: f.matched_on as 'end_user' | 'consignee',
      controlEntry: f.control_entry,
      nameScore: f.name_score ?? 1,
      authorityId: f.authority_id,
      issuingState: f.issuing_state,
      kind: f.kind as 'refusal' | 'revocation' | 'annulment',
      notifiedOn: f.notified_on,
      reasons: f.reason_codes,
    })),
    history: decisions.map((d) => ({
      id: d.id,
      action: d.action as Application['history'][number]['action'],
      fromState: d.from_state as ApplicationState | null,
      toState: d.to_state as ApplicationState,
      actor: d.actor,
      decidedAt: d.decided_at.toISOString(),
      decidedOn: d.decided_on,
      reasons: d.reason_codes,
      explanation: d.explanation,
      publicReason: d.public_reason,
      againstRecommendation: d.against_recommendation,
      justification: d.justification,
      confirmedBy: d.confirmed_by,
    })),
    pendingConfirmation: pending
      ? {
          id: pending.id,
          action: pending.action,
          why: pending.why,
          proposedBy: pending.proposedBy,
          proposedAt: pending.proposedAt,
          reasons: pending.reasons,
          explanation: pending.explanation,
          publicReason: pending.publicReason,
        }
      : null,
    proposals,
    informationRequests: requests.map((r) => ({
      id: r.id,
      question: r.question,
      askedAt: r.asked_at.toISOString(),
      answer: r.answer,
      answeredAt: r.answered_at?.toISOString() ?? null,
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

export async function existingReferences(db: Db, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set()
  const rows = await db
    .selectFrom('applications')
    .select('reference')
    .where('reference', 'in', references)
    .execute()
  return new Set(rows.map((r) => r.reference))
}
