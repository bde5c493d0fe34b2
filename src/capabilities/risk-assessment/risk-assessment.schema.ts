import { z } from '@hono/zod-openapi'
import { SEVERITIES } from './finding.ts'
import { LEVELS, RECOMMENDATIONS } from './level.ts'
import { MoratoriumSchema } from './policy/policy.schema.ts'

export const FindingSchema = z
  .object({
    rule: z.string(),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    evidence: z.string(),
    legalBasis: z.string(),
    reasonCodes: z.array(z.string()),
    public: z.boolean(),
  })
  .openapi('Finding')

export const AssessmentSchema = z
  .object({
    id: z.number().int(),
    assessedAt: z.string(),
    actor: z.string(),
    trigger: z.enum(['submission', 'on_demand', 'investigation']),
    policyVersion: z.number().int(),
    inputSha256: z.string(),
    level: z.enum(LEVELS),
    recommendation: z.enum(RECOMMENDATIONS),
    reasonCodes: z.array(z.string()),
    findings: z.array(FindingSchema),
    summary: z.string(),
  })
  .openapi('Assessment')

export const PolicyVersionSchema = z
  .object({
    version: z.number().int(),
    sha256: z.string(),
    changedAt: z.string(),
    actor: z.string(),
    reason: z.string(),
    policy: z.record(z.string(), z.unknown()).openapi({ description: 'The policy document' }),
  })
  .openapi('PolicyVersion')

export const PolicyChangeSchema = z
  .object({
    policy: z.unknown().openapi({ description: 'The whole policy document (see GET /policy)' }),
    reason: z.string().min(3).max(2000),
  })
  .strict()
  .openapi('PolicyChange')

export const MoratoriumChangeSchema = z
  .object({
    active: z.boolean(),
    reason: z.string().min(3).max(2000),
    effect: MoratoriumSchema.shape.effect.optional(),
    scope: MoratoriumSchema.shape.scope.optional(),
    items: MoratoriumSchema.shape.items.optional(),
    legalBasis: MoratoriumSchema.shape.legalBasis.optional(),
  })
  .strict()
  .openapi('MoratoriumChange')
