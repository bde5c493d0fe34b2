import type { Db } from '../../platform/db/database.ts'
import type { ProposedAction } from '../../platform/db/schema.ts'
import { AppError } from '../../platform/http/errors.ts'
import { accountControl } from '../accounts/activation.ts'
import type { Principal } from '../accounts/principal.ts'
import { latestAssessment } from '../risk-assessment/assessment.repository.ts'
import { listPolicyVersions, policyVersion } from '../risk-assessment/policy/policy.repository.ts'
import { DEFAULT_FOUR_EYES, type FourEyes } from '../risk-assessment/policy/policy.schema.ts'
import type { DecisionInput } from './application.schema.ts'
import type { LifecycleAction } from './lifecycle.ts'

/** What a proposal stores: the decision exactly as the first officer wrote it. */
export type ConfirmationInput = DecisionInput

/** The decisions the policy may put under four-eyes, besides revocations and risky grants. */
const BY_POLICY = ['annul', 'suspend', 'reinstate'] as const satisfies readonly ProposedAction[]

const NOUN: Record<(typeof BY_POLICY)[number], string> = {
  annul: 'annulment',
  suspend: 'suspension',
  reinstate: 'reinstatement',
}

/**
 * Why this action needs a second officer, or null: every revocation; a grant whose latest risk
 * assessment is high or prohibitive (the LITE countersigning practice, made a rule); and the
 * annulments, suspensions and reinstatements the policy in force names (`fourEyes`).
 */
export async function fourEyesReason(
  db: Db,
  applicationId: number,
  action: LifecycleAction,
): Promise<string | null> {
  if (action === 'revoke') return 'Every revocation is confirmed by a second officer'
  if (action === 'grant') {
    const latest = await latestAssessment(db, applicationId)
    if (latest && (latest.level === 'high' || latest.level === 'prohibitive'))
      return `The application is assessed ${latest.level}: a grant is confirmed by a second officer`
    return null
  }
  const byPolicy = BY_POLICY.find((a) => a === action)
  if (!byPolicy) return null
  const { version, fourEyes } = await fourEyesInForce(db)
  if (!fourEyes[byPolicy]) return null
  return `The policy in force${version ? ` (version ${version})` : ''} has every ${NOUN[byPolicy]} confirmed by a second officer`
}

/**
 * The actions that go ahead while a proposal waits, and void it: the exporter's withdrawal (theirs
 * to make, and they do not see proposals) and recording an expiry (a fact the licence's dates
 * prove, not a judgement). Every other decision waits until the proposal is confirmed or
 * rejected: one officer alone cannot overtake a decision that needs two.
 */
export const OVERTAKES_PROPOSALS: readonly LifecycleAction[] = ['withdraw', 'expire']

/** Whether a proposal waiting on the application keeps this action from going ahead. */
export function blockedByProposal(action: LifecycleAction): boolean {
  return !OVERTAKES_PROPOSALS.includes(action)
}

/**
 * The four-eyes setting of the newest policy version (read only: a database without one uses the
 * default, as the seeded version 1 would).
 */
async function fourEyesInForce(db: Db): Promise<{ version: number | null; fourEyes: FourEyes }> {
  const [newest] = await listPolicyVersions(db)
  const version = newest ? await policyVersion(db, newest.version) : null
  return version
    ? { version: version.version, fourEyes: version.policy.fourEyes }
    : { version: null, fourEyes: DEFAULT_FOUR_EYES }
}

/**
 * The second pair of eyes must be a person, not an account an administrator holds the keys to:
 * only an account its owner activated (their own password through the one-time activation
 * link, or a linked sign-in through their identity provider) and whose password no
 * administrator chose may confirm or reject a proposal (403 otherwise).
 */
export async function assertMayAnswerProposals(db: Db, principal: Principal): Promise<void> {
  const control = await accountControl(db, principal.userId)
  if (control === 'administrator_password')
    throw new AppError(
      403,
      'password_set_by_administrator',
      'Four-eyes: an administrator chose the password of your account, so it cannot be the second pair of eyes. Set your own password with the one-time activation link an administrator gives you (glasshouse users activation-link EMAIL), then answer again.',
    )
  if (control === 'not_activated')
    throw new AppError(
      403,
      'account_not_activated',
      'Four-eyes: your account has not been activated by its owner (a password you set yourself through the one-time activation link, or a sign-in through your identity provider), so it cannot be the second pair of eyes.',
    )
}
