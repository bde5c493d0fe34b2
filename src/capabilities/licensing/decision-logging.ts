// Every decision of the register becomes a leaf of the public decision log, whatever its path:
// an officer's action, an imported file, the demo seeding, or the clock. One builder for all of
// them, so `glasshouse log verify` can hold every decision row to the same leaf shape.
import type { Transaction } from 'kysely'
import type { Database } from '../../platform/db/schema.ts'
import {
  committedActor,
  type DecisionLeafFields,
  decisionLeaf,
  saltPool,
} from '../decision-log/decision-leaf.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import type { LifecycleAction } from './lifecycle.ts'

/** Where a decision row came from (decisions.origin). */
export type DecisionOrigin = 'api' | 'cli' | 'import' | 'demo' | 'clock'

/**
 * Steps that are not decisions and so not logged: an exporter's submission and the start of an
 * officer's review. Everything else that moves an application is a decision and has a leaf.
 */
export const UNLOGGED_STEPS: readonly string[] = ['submit', 'start_review']

export function isLoggedAction(action: LifecycleAction | 'import' | string): boolean {
  return !UNLOGGED_STEPS.includes(action)
}

/**
 * What a leaf says about how the decision reached the register: a past decision brought in from
 * a file (whoever ran the import), demo data, or the clock; nothing for an officer's decision.
 */
export function leafOrigin(
  action: string,
  origin: string,
): 'import' | 'demo' | 'clock' | undefined {
  if (action === 'import') return 'import'
  if (origin === 'demo' || origin === 'clock') return origin
  return undefined
}

export type DecisionToLog = {
  reference: string
  authorityId: string
  issuingState: string
  destination: string
  controlEntries: readonly string[]
  action: string
  fromState: string | null
  toState: string
  decidedOn: string
  reasons: readonly string[]
  againstRecommendation: boolean
  /** The licence as it stands after this decision, if the application has one. */
  licence: { number: string; validFrom: string; validUntil: string | null } | null
  /** This decision issues the licence: its validity goes into the leaf. */
  issuesLicence: boolean
  origin: DecisionOrigin
  /** SHA-256 of the imported file, for origin 'import'. */
  sourceSha256?: string
  backfilled?: boolean
  actor: string
  confirmedBy: string | null
  explanation: string | null
  /** The reason written for publication (committed, so the published text can be proven). */
  publicReason?: string | null
  justification: string | null
}

/** The leaf's public fields: what the register publishes about the decision. */
export function leafFields(d: DecisionToLog): DecisionLeafFields {
  const fields: DecisionLeafFields = {
    reference: d.reference,
    action: d.action,
    fromState: d.fromState,
    toState: d.toState,
    decidedOn: d.decidedOn,
    issuingState: d.issuingState,
    authorityId: d.authorityId,
    destination: d.destination,
    controlEntries: [...new Set(d.controlEntries)].sort(),
    reasonCodes: [...d.reasons],
    licenceNumber: d.licence?.number ?? null,
    againstRecommendation: d.againstRecommendation,
  }
  if (d.issuesLicence && d.licence) {
    fields.validFrom = d.licence.validFrom
    fields.validUntil = d.licence.validUntil
  }
  const origin = leafOrigin(d.action, d.origin)
  if (origin) fields.origin = origin
  if (origin === 'import') {
    fields.imported = true
    if (d.sourceSha256) fields.sourceSha256 = d.sourceSha256
  }
  if (d.backfilled) fields.backfilled = true
  return fields
}

export type LoggedDecision = { index: number; salts: Record<string, string> }

/**
 * Appends the decisions, in order, as one batch inside the caller's transaction (one checkpoint
 * for the batch). Returns each decision's leaf index and the salts that open its commitments.
 */
export async function appendDecisions(
  trx: Transaction<Database>,
  log: DecisionLog,
  decisions: readonly DecisionToLog[],
): Promise<LoggedDecision[]> {
  if (decisions.length === 0) return []
  const salt = saltPool(decisions.length * 4)
  const made = decisions.map((d) =>
    decisionLeaf(
      leafFields(d),
      {
        actor: committedActor(d.actor, d.confirmedBy),
        explanation: d.explanation,
        justification: d.justification,
        publicReason: d.publicReason ?? null,
      },
      salt,
    ),
  )
  const appended = await log.append(
    trx,
    made.map((m) => m.leaf),
  )
  return made.map((m, i) => ({ index: appended.firstIndex + i, salts: m.salts }))
}
