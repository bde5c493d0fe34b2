import { z } from 'zod'

export const ApplicationStateSchema = z.enum([
  'draft',
  'submitted',
  'under_review',
  'granted',
  'refused',
  'withdrawn',
  'suspended',
  'revoked',
  'annulled',
  'expired',
])
export type ApplicationState = z.infer<typeof ApplicationStateSchema>

export const LifecycleActionSchema = z.enum([
  'submit',
  'start_review',
  'grant',
  'refuse',
  'withdraw',
  'suspend',
  'reinstate',
  'revoke',
  'annul',
  'expire',
])
export type LifecycleAction = z.infer<typeof LifecycleActionSchema>

/**
 * The lifecycle as data: for each action, the states it may start from and where it leads.
 * Art. 16(1) of Regulation 2021/821 lets an authority refuse, and annul, suspend or revoke an
 * authorisation it granted; a suspension ends in reinstatement or revocation.
 */
export const TRANSITIONS: Record<
  LifecycleAction,
  { from: readonly ApplicationState[]; to: ApplicationState }
> = {
  submit: { from: ['draft'], to: 'submitted' },
  start_review: { from: ['submitted'], to: 'under_review' },
  grant: { from: ['under_review'], to: 'granted' },
  refuse: { from: ['under_review'], to: 'refused' },
  withdraw: { from: ['submitted', 'under_review'], to: 'withdrawn' },
  suspend: { from: ['granted'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'granted' },
  revoke: { from: ['granted', 'suspended'], to: 'revoked' },
  annul: { from: ['granted'], to: 'annulled' },
  expire: { from: ['granted'], to: 'expired' },
}

export type TransitionResult =
  | { ok: true; from: ApplicationState; to: ApplicationState }
  | { ok: false; from: ApplicationState; allowedActions: LifecycleAction[] }

export function transition(from: ApplicationState, action: LifecycleAction): TransitionResult {
  const rule = TRANSITIONS[action]
  if (rule.from.includes(from)) return { ok: true, from, to: rule.to }
  return { ok: false, from, allowedActions: allowedActions(from) }
}

export function allowedActions(from: ApplicationState): LifecycleAction[] {
  return LifecycleActionSchema.options.filter((action) => TRANSITIONS[action].from.includes(from))
}

/** What kind of reasons an action must carry (reason codes are grouped by this in reference data). */
export function reasonKindFor(
  action: LifecycleAction,
): 'grant' | 'refusal' | 'revocation' | undefined {
  if (action === 'grant') return 'grant'
  if (action === 'refuse') return 'refusal'
  if (action === 'suspend' || action === 'revoke' || action === 'annul') return 'revocation'
  return undefined
}

/** Decisions that create an Art. 16 denial notice visible to every authority. */
export const DENIAL_KIND: Partial<Record<LifecycleAction, 'refusal' | 'revocation' | 'annulment'>> =
  {
    refuse: 'refusal',
    revoke: 'revocation',
    annul: 'annulment',
  }

/** The register's public "decision" column: applications still being examined are pending. */
export const PublicDecisionSchema = z.enum([
  'pending',
  'granted',
  'refused',
  'withdrawn',
  'revoked',
  'suspended',
  'annulled',
  'expired',
])
export type PublicDecision = z.infer<typeof PublicDecisionSchema>

export function publicDecision(state: ApplicationState): PublicDecision | undefined {
  if (state === 'draft') return undefined
  if (state === 'submitted' || state === 'under_review') return 'pending'
  return state
}

export function stateForDecision(decision: PublicDecision): ApplicationState {
  return decision === 'pending' ? 'submitted' : decision
}

/** States in which a licence exists (it was granted at some point). */
export const LICENSED_STATES: readonly ApplicationState[] = [
  'granted',
  'suspended',
  'revoked',
  'annulled',
  'expired',
]
