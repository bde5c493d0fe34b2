import { randomBytes } from 'node:crypto'
import type { NewLogLeaf } from './log-store.ts'
import { type JsonObject, makeLeaf, newSalt, SALT_BYTES } from './tlog/index.ts'

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
  /** The licence's validity, on the leaf that issues it (a grant, or an imported licence). */
  validFrom?: string
  validUntil?: string | null
  /**
   * How the decision reached the register when not through an officer's action: 'import' (a
   * past decision brought in from a file, `imported` and the file's SHA-256 with it), 'demo'
   * (fictional demo data) or 'clock' (a licence that expired at the end of its validity).
   */
  origin?: 'import' | 'demo' | 'clock'
  imported?: true
  sourceSha256?: string
  /** Logged after the fact by `glasshouse log backfill`: recorded before the log covered it. */
  backfilled?: true
}

/** Fields the authority keeps confidential but commits to: it can later prove what it recorded. */
export type DecisionLeafSecrets = {
  actor: string
  explanation: string | null
  justification: string | null
  /**
   * The reason the register publishes. Committed rather than logged in clear: the published text
   * can be proven against the leaf, and destroying the salt can still take it back if a person's
   * name slipped into it. Leaves written before it existed have no such commitment.
   */
  publicReason?: string | null
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
  salt: () => Uint8Array = newSalt,
): { leaf: NewLogLeaf; salts: Record<string, string> } {
  const saltBytes = Object.fromEntries(Object.keys(secrets).map((name) => [name, salt()]))
  // Optional fields are left out when absent, so a decision taken by an officer keeps the
  // leaf shape it has always had.
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  const made = makeLeaf({ type: 'decision', ...present } as JsonObject, secrets, saltBytes)
  const salts = Object.fromEntries(
    Object.entries(saltBytes).map(([k, v]) => [k, Buffer.from(v).toString('hex')]),
  )
  return { leaf: { kind: 'decision', subject: fields.reference, leaf: made.json }, salts }
}

/**
 * Salts for many leaves from one random buffer: a bulk import logs hundreds of thousands of
 * decisions, and one `randomBytes` call per salt would cost more than the hashing.
 */
export function saltPool(count: number): () => Uint8Array {
  const pool = randomBytes(Math.max(1, count) * SALT_BYTES)
  let next = 0
  return () => {
    if (next + SALT_BYTES > pool.length) return newSalt()
    const salt = new Uint8Array(pool.buffer, pool.byteOffset + next, SALT_BYTES)
    next += SALT_BYTES
    return salt
  }
}

/** A policy change (the moratorium included) as a log leaf: all of it is public. */
export function policyLeaf(fields: {
  version: number
  sha256: string
  moratoriumActive: boolean
  changedAt: string
  reason: string
  /** Logged late by `glasshouse log backfill`. */
  backfilled?: true
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
