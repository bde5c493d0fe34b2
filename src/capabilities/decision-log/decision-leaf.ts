import type { NewLogLeaf } from './log-store.ts'
import { makeLeaf, newSalt } from './tlog/index.ts'

/** The public fields of one decision, as the register publishes them. */
export type DecisionLeafFields = {
  reference: string
  action: string
  fromState: string | null
  toState: string
  decidedOn: string
  issuingState: string
  authorityId: string
  destination: string
  controlEntries: string[]
  reasonCodes: string[]
  licenceNumber: string | null
  againstRecommendation: boolean
}

/** Fields the authority keeps confidential but commits to: it can later prove what it recorded. */
export type DecisionLeafSecrets = {
  actor: string
  explanation: string | null
  justification: string | null
}

/**
 * Who decided, as committed in the leaf: the officer, and for a four-eyes decision the officer
 * who confirmed it too, so the commitment binds both names.
 */
export function committedActor(actor: string, confirmedBy: string | null): string {
  return confirmedBy ? `${actor} (confirmed by ${confirmedBy})` : actor
}

/**
 * One decision as a log leaf: the RFC 8785 canonical JSON of its public fields, with salted
 * SHA-256 commitments in place of the confidential ones. No personal data enters the leaf; the
 * salts stay with the decision record so the authority can open a commitment for a court.
 */
export function decisionLeaf(
  fields: DecisionLeafFields,
  secrets: DecisionLeafSecrets,
): { leaf: NewLogLeaf; salts: Record<string, string> } {
  const salts = Object.fromEntries(
    Object.keys(secrets).map((name) => [name, Buffer.from(newSalt()).toString('hex')]),
  )
  const made = makeLeaf(
    { type: 'decision', ...fields },
    secrets,
    Object.fromEntries(Object.entries(salts).map(([k, v]) => [k, Buffer.from(v, 'hex')])),
  )
  return { leaf: { kind: 'decision', subject: fields.reference, leaf: made.json }, salts }
}

/** A policy change (the moratorium included) as a log leaf: all of it is public. */
export function policyLeaf(fields: {
  version: number
  sha256: string
  moratoriumActive: boolean
  changedAt: string
  reason: string
}): NewLogLeaf {
  const made = makeLeaf({ type: 'policy', ...fields })
  return { kind: 'policy', subject: `policy-${fields.version}`, leaf: made.json }
}

/** A published annual report as a log leaf: which report, and the SHA-256 of each of its files. */
export function reportLeaf(fields: {
  year: number
  scope: string
  version: number
  publishedAt: string
  files: Record<string, string>
}): NewLogLeaf {
  const made = makeLeaf({ type: 'report', ...fields })
  return {
    kind: 'report',
    subject: `report-${fields.scope}-${fields.year}-v${fields.version}`,
    leaf: made.json,
  }
}
