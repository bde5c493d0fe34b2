import { z } from 'zod'
import { TechnologyCategorySchema } from '../reference-data/control-entries.ts'

const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166-1 code')
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`)
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === d
  }, 'not a day of the calendar')

export const LICENCE_TYPES = [
  'individual',
  'global',
  'national_general',
  'eu_general',
  'brokering',
  'technical_assistance',
] as const

/**
 * Which licences an investigation looks at: every granted, still valid licence and general
 * authorisation registration (EU005 included), narrowed by these filters (all optional; within one
 * filter any value matches, across filters all must).
 */
export const InvestigationScopeSchema = z
  .object({
    issuingStates: z.array(Country).min(1).optional(),
    authorities: z.array(z.string().min(1).max(100)).min(1).optional(),
    destinations: z.array(Country).min(1).optional(),
    controlEntries: z.array(z.string().trim().min(1).max(40)).min(1).optional(),
    technologies: z.array(TechnologyCategorySchema).min(1).optional(),
    /** Part of the exporter's name, or its exporter id (EORI). */
    exporter: z.string().trim().min(2).max(200).optional(),
    licenceTypes: z.array(z.enum(LICENCE_TYPES)).min(1).optional(),
    /** Union general export authorisations, e.g. EU005. */
    geas: z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^EU00[1-8]$/, 'EU001 … EU008'),
      )
      .min(1)
      .optional(),
    decidedFrom: Day.optional(),
    decidedTo: Day.optional(),
  })
  .strict()
  .refine((s) => !s.decidedFrom || !s.decidedTo || s.decidedFrom <= s.decidedTo, {
    message: 'decidedFrom must not be after decidedTo',
    path: ['decidedTo'],
  })
export type InvestigationScope = z.infer<typeof InvestigationScopeSchema>

export const FINDING_KINDS = [
  'newly_significant_risk',
  'granted_despite_risk',
  'granted_despite_moratorium',
  'gea_outside_scope',
  'vendor_abuse',
  'pegasus_destination',
  'moratorium_applies',
] as const
export type FindingKind = (typeof FINDING_KINDS)[number]

export const FINDING_KIND_TITLES: Record<FindingKind, string> = {
  newly_significant_risk: 'Risk now high or prohibitive, lower at grant time',
  granted_despite_risk: 'Granted although assessed high or prohibitive at the time',
  granted_despite_moratorium: 'Granted while a moratorium applied to it',
  gea_outside_scope: 'Union general authorisation used outside its scope',
  vendor_abuse: 'Exporter or vendor linked to documented abuse',
  pegasus_destination: 'Destination named by the Pegasus Project',
  moratorium_applies: 'The moratorium in force now covers this licence',
}

export const PROPOSAL_DECISIONS = ['revoke', 'suspend', 'maintain'] as const
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number]

/** What became of a proposal, read from the licence's state and the proposal's decision. */
export const PROPOSAL_OUTCOMES = [
  'open',
  'revocation_awaiting_confirmation',
  'suspension_awaiting_confirmation',
  'revoked',
  'suspended',
  'maintained',
  'ended_otherwise',
] as const
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number]

export function proposalOutcome(
  decision: ProposalDecision | null,
  state: string,
  /** A four-eyes proposal of the officer's decision waits for a second officer. */
  confirmationPending: boolean,
): ProposalOutcome {
  if (state === 'revoked') return 'revoked'
  if (state === 'suspended') return 'suspended'
  if (decision === 'revoke' && confirmationPending) return 'revocation_awaiting_confirmation'
  if (decision === 'suspend' && confirmationPending) return 'suspension_awaiting_confirmation'
  if (decision === 'maintain') return 'maintained'
  if (state !== 'granted') return 'ended_otherwise'
  return 'open'
}
