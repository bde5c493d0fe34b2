import { z } from '@hono/zod-openapi'
import { LEVELS } from '../risk-assessment/level.ts'
import {
  FINDING_KINDS,
  InvestigationScopeSchema,
  PROPOSAL_DECISIONS,
  PROPOSAL_OUTCOMES,
} from './investigation.ts'

const Level = z.enum(LEVELS)
const Scope = InvestigationScopeSchema.openapi('InvestigationScope')
const Kind = z.enum(FINDING_KINDS)

export const StartInvestigationSchema = z
  .object({
    reason: z.string().trim().min(3).max(2000).openapi({ example: 'Moratorium adopted' }),
    scope: Scope.optional().openapi({
      description:
        'Filters over granted, still valid licences and general-authorisation registrations; omitted: all of them',
    }),
  })
  .strict()
  .openapi('StartInvestigation')

export const WaitQuerySchema = z.object({
  wait: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: answer when the run has finished (small scopes)' }),
})

export const InvestigationIdSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
})

export const InvestigationSchema = z
  .object({
    id: z.number().int(),
    reason: z.string(),
    scope: Scope,
    authorityScope: z.string().nullable(),
    policyVersion: z.number().int(),
    asOf: z.string(),
    status: z.enum(['running', 'completed']),
    startedBy: z.string(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
    progress: z.object({
      inScope: z.number().int(),
      licencesDone: z.number().int(),
      pagesDone: z.number().int(),
      findings: z.number().int(),
      proposals: z.number().int(),
      cursor: z.number().int(),
    }),
  })
  .openapi('Investigation')

const EvidenceFindingSchema = z.object({
  rule: z.string(),
  severity: z.string(),
  title: z.string(),
  evidence: z.string(),
  reasonCodes: z.array(z.string()),
  public: z.boolean(),
})

export const InvestigationFindingSchema = z
  .object({
    reference: z.string(),
    authorityId: z.string(),
    issuingState: z.string(),
    kind: Kind,
    significant: z.boolean(),
    infringement: z.boolean(),
    levelThen: Level.nullable(),
    levelNow: Level,
    title: z.string(),
    evidence: z.array(EvidenceFindingSchema),
    public: z.boolean(),
  })
  .openapi('InvestigationFinding')

export const ProposalSchema = z
  .object({
    id: z.number().int(),
    investigationId: z.number().int(),
    reference: z.string(),
    authorityId: z.string(),
    issuingState: z.string(),
    licenceType: z.string(),
    gea: z.string().nullable(),
    destination: z.string(),
    state: z.string(),
    levelThen: Level.nullable(),
    levelNow: Level,
    kinds: z.array(Kind),
    evidence: z.array(z.record(z.string(), z.unknown())),
    outcome: z.enum(PROPOSAL_OUTCOMES),
    decision: z.enum(PROPOSAL_DECISIONS).nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reasons: z.array(z.string()),
    explanation: z.string().nullable(),
  })
  .openapi('RevocationProposal')

export const ProposalDecisionSchema = z
  .object({
    decision: z.enum(PROPOSAL_DECISIONS),
    reasons: z.array(z.string().trim().min(1).max(40)).max(20).openapi({
      description: 'revoke/suspend: revocation codes (e.g. NEW_EVIDENCE); maintain: grant codes',
    }),
    explanation: z.string().trim().min(1).max(8000).optional(),
  })
  .strict()
  .openapi('ProposalDecision')

export const ProposalParamsSchema = InvestigationIdSchema.extend({
  reference: z.string().min(1).max(100),
})

export const InfringementGroupSchema = z
  .object({
    authorityId: z.string(),
    authorityName: z.string(),
    memberState: z.string(),
    licences: z.array(
      z.object({ reference: z.string(), decidedOn: z.string().nullable(), kinds: z.array(Kind) }),
    ),
  })
  .openapi('InfringementGroup')

export const InvestigationReportSchema = z
  .object({
    investigation: z.object({
      id: z.number().int(),
      reason: z.string(),
      scope: Scope,
      authorityScope: z.string().nullable(),
      policyVersion: z.number().int(),
      asOf: z.string(),
      status: z.enum(['running', 'completed']),
      startedAt: z.string(),
      completedAt: z.string().nullable(),
      licencesInScope: z.number().int(),
      licencesReviewed: z.number().int(),
    }),
    totals: z.object({
      licencesWithFindings: z.number().int(),
      proposals: z.number().int(),
      infringements: z.number().int(),
      byKind: z.record(Kind, z.number().int()),
      byOutcome: z.record(z.enum(PROPOSAL_OUTCOMES), z.number().int()),
    }),
    byIssuingState: z.array(
      z.object({
        issuingState: z.string(),
        licencesWithFindings: z.number().int(),
        proposals: z.number().int(),
        revoked: z.number().int(),
        suspended: z.number().int(),
        maintained: z.number().int(),
        infringements: z.number().int(),
      }),
    ),
    licences: z.array(
      z.object({
        reference: z.string(),
        issuingState: z.string(),
        authorityId: z.string(),
        licenceType: z.string(),
        gea: z.string().nullable(),
        destination: z.string(),
        decidedOn: z.string().nullable(),
        levelThen: Level.nullable(),
        levelNow: Level,
        kinds: z.array(Kind),
        confidentialFindings: z.number().int(),
        infringement: z.boolean(),
        proposal: z.enum(PROPOSAL_OUTCOMES).nullable(),
      }),
    ),
  })
  .openapi('InvestigationReport')
