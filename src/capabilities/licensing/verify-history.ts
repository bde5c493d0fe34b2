// One application's history as the log tells it: the logged decisions, in the register's
// order, must follow the lifecycle one from another, end in the state the register shows, and
// the licence and denial notices must be the ones those decisions made.
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import {
  type ApplicationState,
  DENIAL_KIND,
  LICENSED_STATES,
  type LifecycleAction,
  TRANSITIONS,
} from './lifecycle.ts'
import type { RegisterProblem } from './verify-register.ts'

export type LoggedEntry = {
  decisionId: number
  leafIndex: number
  /** The parsed leaf: trusted, since the tree was verified first. */
  leaf: Record<string, unknown>
}

type Licence = { number: string; valid_from: string; valid_until: string | null }
type Notice = {
  id: number
  decision_id: number
  kind: string
  authority_id: string
  issuing_state: string
  destination: string
  control_entries: string[]
  reason_codes: string[]
  notified_on: string
  status: string
}

/** States a register reaches by steps that are not logged decisions (submission, review). */
const UNLOGGED_MOVES: Record<string, readonly string[]> = {
  draft: ['draft', 'submitted', 'under_review'],
  submitted: ['submitted', 'under_review'],
  under_review: ['under_review'],
}

function reachable(from: string, to: string): boolean {
  return from === to || (UNLOGGED_MOVES[from]?.includes(to) ?? false)
}

/** Standing denials that an imported or demo record brings with it (Art. 16). */
const DENIAL_OF_STATE: Record<string, string> = {
  refused: 'refusal',
  revoked: 'revocation',
  annulled: 'annulment',
}

function denialKindOf(leaf: Record<string, unknown>): string | undefined {
  const action = String(leaf.action)
  if (action === 'import') return DENIAL_OF_STATE[String(leaf.toState)]
  return DENIAL_KIND[action as LifecycleAction]
}

export function checkApplicationHistory(app: {
  reference: string
  state: string
  entries: LoggedEntry[]
  licence: Licence | null
  notices: Notice[]
}): RegisterProblem[] {
  const problems: RegisterProblem[] = []
  const where = app.reference
  // Lifecycle: each logged decision starts where the previous one (plus unlogged steps) left it.
  let at = 'draft'
  let first = true
  for (const { leaf, leafIndex } of app.entries) {
    const action = String(leaf.action)
    const from = leaf.fromState === null ? null : String(leaf.fromState)
    const to = String(leaf.toState)
    const rule = TRANSITIONS[action as LifecycleAction]
    const legal =
      action === 'import'
        ? first && from === null
        : rule !== undefined &&
          from !== null &&
          reachable(at, from) &&
          rule.from.includes(from as ApplicationState) &&
          rule.to === to
    if (!legal) {
      problems.push({
        kind: 'state not what the log leads to',
        message: `${where}: log leaf ${leafIndex} (${action} from ${from ?? 'nothing'} to ${to}) does not follow from ${first ? 'the start' : at} in the lifecycle`,
      })
      break
    }
    at = to
    first = false
  }
  if (problems.length === 0 && !reachable(at, app.state))
    problems.push({
      kind: 'state not what the log leads to',
      message: `${where}: the register shows ${app.state}, but its logged decisions lead to ${first ? 'no decision yet' : at}`,
    })

  // The licence: issued by exactly the leaf that carries its number and validity.
  const issuing = app.entries.filter(
    (e) =>
      (e.leaf.action === 'grant' || e.leaf.action === 'import') &&
      LICENSED_STATES.includes(e.leaf.toState as ApplicationState),
  )
  const grant = issuing.at(-1)
  if (app.licence && !grant)
    problems.push({
      kind: 'licence differs from its grant',
      message: `${where}: licence ${app.licence.number} exists, but no logged decision granted it`,
    })
  if (!app.licence && grant)
    problems.push({
      kind: 'licence differs from its grant',
      message: `${where}: log leaf ${grant.leafIndex} grants a licence the register no longer holds`,
    })
  if (app.licence && grant) {
    const l = grant.leaf
    const differs =
      l.licenceNumber !== app.licence.number
        ? `number ${app.licence.number}, the log ${String(l.licenceNumber)}`
        : 'validFrom' in l &&
            (l.validFrom !== app.licence.valid_from || l.validUntil !== app.licence.valid_until)
          ? `validity ${app.licence.valid_from} – ${app.licence.valid_until ?? 'open'}, the log ${String(l.validFrom)} – ${String(l.validUntil ?? 'open')}`
          : null
    if (differs)
      problems.push({
        kind: 'licence differs from its grant',
        message: `${where}: the register says ${differs} (log leaf ${grant.leafIndex})`,
      })
  }
  for (const e of app.entries) {
    const expected = LICENSED_STATES.includes(e.leaf.toState as ApplicationState)
      ? (app.licence?.number ?? null)
      : null
    if (e.leaf.licenceNumber !== expected && app.licence) {
      problems.push({
        kind: 'licence differs from its grant',
        message: `${where}: log leaf ${e.leafIndex} names licence ${String(e.leaf.licenceNumber)}, the register ${app.licence.number}`,
      })
      break
    }
  }

  problems.push(...checkNotices(app))
  return problems
}

/** Every denial decision of an EU authority has its notice, and each notice says what it says. */
function checkNotices(app: {
  reference: string
  entries: LoggedEntry[]
  notices: Notice[]
}): RegisterProblem[] {
  const kind = 'denial notice differs from its decision' as const
  const byDecision = new Map(app.entries.map((e) => [e.decisionId, e]))
  for (const notice of app.notices) {
    const where = `${app.reference}: denial notice ${notice.id}`
    const entry = byDecision.get(Number(notice.decision_id))
    if (!entry) return [{ kind, message: `${where} rests on no logged decision` }]
    const l = entry.leaf
    const expected: Record<string, unknown> = {
      kind: denialKindOf(l),
      authority_id: l.authorityId,
      issuing_state: l.issuingState,
      destination: l.destination,
      control_entries: l.controlEntries,
      reason_codes: l.reasonCodes,
      notified_on: l.decidedOn,
      status: 'active',
    }
    const actual: Record<string, unknown> = {
      ...notice,
      control_entries: [...new Set(notice.control_entries)].sort(),
    }
    for (const [field, value] of Object.entries(expected)) {
      if (!sameValue(actual[field], value))
        return [
          {
            kind,
            message: `${where} says ${field} ${JSON.stringify(actual[field])}, its decision (log leaf ${entry.leafIndex}) ${JSON.stringify(value)}`,
          },
        ]
    }
  }
  const last = app.entries.at(-1)
  if (
    last &&
    denialKindOf(last.leaf) &&
    EU_MEMBER_STATES.includes(String(last.leaf.issuingState)) &&
    !app.notices.some((n) => Number(n.decision_id) === last.decisionId)
  )
    return [
      {
        kind,
        message: `${app.reference}: log leaf ${last.leafIndex} records a ${String(last.leaf.action)} whose Art. 16 denial notice is missing`,
      },
    ]
  return []
}

/** Equal as JSON values of the shapes a leaf holds (scalars, arrays of strings), without
 * stringifying: verification compares a dozen fields of a million rows. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
