import { z } from '@hono/zod-openapi'
import { ApplicationStateSchema, PublicDecisionSchema } from './lifecycle.ts'

const MoneySchema = z.object({
  currency: z.string(),
  value: z.string(),
  valueMinor: z.number().int(),
})

export const ApplicationSummarySchema = z
  .object({
    reference: z.string(),
    authorityId: z.string(),
    issuingState: z.string(),
    state: ApplicationStateSchema,
    licenceType: z.string(),
    gea: z.string().nullable(),
    exporterName: z.string(),
    endUserName: z.string(),
    endUserCountry: z.string(),
    destination: z.string(),
    controlEntries: z.array(z.string()),
    technologies: z.array(z.string()),
    totalValue: z.array(MoneySchema),
    submittedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
  })
  .openapi('ApplicationSummary')

export const ApplicationPageSchema = z
  .object({ items: z.array(ApplicationSummarySchema), nextCursor: z.string().nullable() })
  .openapi('ApplicationPage')

export const PublicLicenceSchema = z
  .object({
    reference: z.string(),
    issuingState: z.string(),
    authority: z.object({ id: z.string(), name: z.string() }),
    licenceType: z.string(),
    gea: z.string().nullable(),
    exporterName: z.string(),
    endUser: z.object({ description: z.string(), type: z.string(), country: z.string() }),
    destination: z.string(),
    intendedUse: z.string().nullable().openapi({
      description:
        'The exporter’s summary of the intended use, written for publication; null: not stated (the confidential detail is never published)',
    }),
    governmentAgency: z.string().nullable(),
    items: z.array(
      z.object({
        controlEntry: z.string(),
        technology: z.string(),
        cyberSurveillance: z.boolean(),
        description: z.string(),
        quantity: z.string(),
        value: z.string(),
        currency: z.string(),
      }),
    ),
    totalValue: z.array(MoneySchema),
    decision: PublicDecisionSchema,
    decisionReasons: z.array(z.string()),
    publicReason: z.string().nullable().openapi({
      description:
        'The authority’s public reason for the decision (committed in its log leaf); null: not stated. The officer’s internal explanation is never published',
    }),
    submittedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    licenceNumber: z.string().nullable(),
    validUntil: z.string().nullable(),
  })
  .openapi('PublicLicence')

export const PublicLicencePageSchema = z
  .object({ items: z.array(PublicLicenceSchema), nextCursor: z.string().nullable() })
  .openapi('PublicLicencePage')

export const DenialNoticeSchema = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    authorityId: z.string(),
    issuingState: z.string(),
    kind: z.enum(['refusal', 'revocation', 'annulment']),
    destination: z.string(),
    endUser: z.object({ name: z.string(), country: z.string() }),
    consignee: z.object({ name: z.string(), country: z.string() }),
    controlEntries: z.array(z.string()),
    reasons: z.array(z.string()),
    notifiedOn: z.string(),
    reviewDue: z.string(),
    status: z.string(),
  })
  .openapi('DenialNotice')

export const AuthorityInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and -')
      .openapi({ example: 'gb-ecju' }),
    memberState: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2'),
    name: z.string().trim().min(1).max(300),
    source: z.string().max(1000).default(''),
  })
  .strict()
  .openapi('AuthorityInput')

export const AuthoritySchema = z
  .object({
    id: z.string(),
    memberState: z.string(),
    name: z.string(),
    source: z.string(),
    builtIn: z.boolean(),
  })
  .openapi('RegisteredAuthority')

export { PublicDecisionSchema }
