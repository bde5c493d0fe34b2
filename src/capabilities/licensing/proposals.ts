import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { DecisionConfirmationsTable, ProposedAction } from '../../platform/db/schema.ts'
import { ConflictError, NotFoundError } from '../../platform/http/errors.ts'
import type { Application } from './application.schema.ts'
import { blockedByProposal, type ConfirmationInput } from './four-eyes.ts'
import type { LifecycleAction } from './lifecycle.ts'

/**
 * Four-eyes proposals (decision_confirmations): made by one officer, confirmed or rejected by
 * another, or voided when a state change overtakes them (a trigger on decisions does that, so
 * every writer of decisions is covered; see the migration 2026_12_07_0200).
 */
export type ProposalRow = Selectable<DecisionConfirmationsTable>

/** A proposed decision as a noun: "a second officer confirms the suspension". */
export const PROPOSAL_NOUNS: Record<ProposedAction, string> = {
  grant: 'grant',
  revoke: 'revocation',
  annul: 'annulment',
  suspend: 'suspension',
  reinstate: 'reinstatement',
}

/** The proposal waiting on an application, locked for the caller's transaction. */
export async function pendingProposal(trx: Db, applicationId: number) {
  return trx
    .selectFrom('decision_confirmations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('status', '=', 'pending')
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Refuses (409 confirmation_pending) a decision while a proposal waits on the application: it
 * must be confirmed or rejected first. The caller holds the application's row lock, so a
 * proposal cannot appear between this check and the decision.
 */
export async function refuseWhileProposalWaits(
  trx: Db,
  application: { id: number; reference: string },
  action: LifecycleAction,
) {
  if (!blockedByProposal(action)) return
  const pending = await pendingProposal(trx, application.id)
  if (pending)
    throw new ConflictError(
      'confirmation_pending',
      `A proposal to ${pending.action} "${application.reference}" waits for a second officer; it must be confirmed or rejected before anyone can ${label(action)} it`,
    )
}

/** Records a proposal; at most one waits per application (a unique index backs this up). */
export async function propose(
  trx: Db,
  p: {
    applicationId: number
    action: LifecycleAction
    input: ConfirmationInput
    why: string
    proposedBy: string
  },
) {
  await trx
    .insertInto('decision_confirmations')
    .values({
      application_id: p.applicationId,
      action: p.action as ProposedAction,
      input: JSON.stringify(p.input),
      why: p.why,
      proposed_by: p.proposedBy,
    })
    .execute()
}

/**
 * The proposal a second officer answers: the one waiting, and when the answer names one
 * (`proposalId`), that one. Otherwise 409 with what became of it (voided by a state change,
 * answered by someone else, replaced by another proposal), or 404 when there never was one.
 */
export async function proposalToAnswer(
  trx: Db,
  application: { id: number; reference: string },
  proposalId?: number | undefined,
): Promise<ProposalRow> {
  const pending = await pendingProposal(trx, application.id)
  if (pending && (proposalId === undefined || pending.id === proposalId)) return pending
  let query = trx
    .selectFrom('decision_confirmations')
    .selectAll()
    .where('application_id', '=', application.id)
  query =
    proposalId === undefined
      ? query.orderBy('id', 'desc').limit(1)
      : query.where('id', '=', proposalId)
  const meant = await query.executeTakeFirst()
  if (!meant)
    throw new NotFoundError(
      'no_pending_confirmation',
      proposalId === undefined
        ? `Nothing about "${application.reference}" waits for confirmation`
        : `"${application.reference}" has no proposal ${proposalId}`,
    )
  // Another proposal waiting now was made after the one the answer names: read it first.
  const meanwhile = pending
    ? `; another, to ${pending.action}, waits now: read it before answering`
    : ''
  if (meant.status === 'voided')
    throw new ConflictError(
      'proposal_voided',
      `The proposal to ${meant.action} "${application.reference}" was voided: ${meant.voided_reason}${meanwhile}`,
    )
  throw new ConflictError(
    'proposal_answered',
    `The proposal to ${meant.action} "${application.reference}" was already ${meant.status}${meanwhile}`,
  )
}

/** Marks the answer; a confirmation is marked before its decision is written (see the trigger). */
export async function answerProposal(
  trx: Db,
  id: number,
  answer: { confirm: boolean; by: string; at: Date; note: string | null },
) {
  await trx
    .updateTable('decision_confirmations')
    .set({
      status: answer.confirm ? 'confirmed' : 'rejected',
      decided_by: answer.by,
      decided_at: answer.at,
      note: answer.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}

/** Every proposal on an application, oldest first, as the case page's history shows them. */
export async function listProposals(
  db: Db,
  applicationId: number,
): Promise<Application['proposals']> {
  const rows = await db
    .selectFrom('decision_confirmations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()
  return rows.map(proposalRecord)
}

export function proposalRecord(row: ProposalRow): Application['proposals'][number] {
  const input = row.input as {
    reasons?: string[]
    explanation?: string
    publicReason?: string
  } | null
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    summary: proposalSummary(row),
    why: row.why,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
    reasons: input?.reasons ?? [],
    explanation: input?.explanation ?? null,
    publicReason: input?.publicReason ?? null,
    answeredBy: row.decided_by,
    answeredAt: row.decided_at?.toISOString() ?? null,
    note: row.note,
    voidedAt: row.voided_at?.toISOString() ?? null,
    voidedReason: row.voided_reason,
    voidedByDecision: row.voided_by_decision,
  }
}

/** "Proposal to revoke voided: the application was annulled on 2026-12-07", and the like. */
export function proposalSummary(
  row: Pick<ProposalRow, 'action' | 'status' | 'voided_reason'>,
): string {
  const what = `Proposal to ${label(row.action)}`
  if (row.status === 'pending') return `${what} waits for a second officer`
  if (row.status === 'voided') return `${what} voided: ${row.voided_reason ?? 'overtaken'}`
  return `${what} ${row.status}`
}

function label(action: string): string {
  return action.replace('_', ' ')
}
