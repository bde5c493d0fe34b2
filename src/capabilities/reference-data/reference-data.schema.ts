import { z } from '@hono/zod-openapi'
import { TechnologyCategorySchema } from './control-entries.ts'
import { GeaCodeSchema } from './general-authorisations.ts'
import { DecisionKindSchema, ReasonCodeSchema } from './reason-codes.ts'
import { VerificationSchema } from './verification.ts'

// Response schemas for the reference data (camelCase JSON). The enumerations are rebuilt from the
// domain modules' options so that there is one list of values.

const Verification = z.enum(VerificationSchema.options).openapi('Verification', {
  description:
    'verified = checked against the legal or primary text; secondary = reliable secondary ' +
    'source; unverified = from memory or partly checked',
})

const Alpha2 = z.string().regex(/^[A-Z]{2}$/)

export const CountrySchema = z
  .object({
    alpha2: Alpha2.openapi({ example: 'DE' }),
    alpha3: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .openapi({ example: 'DEU' }),
    name: z.string().min(1).openapi({ example: 'Germany' }),
    euMember: z.boolean(),
  })
  .openapi('Country')

export const ControlEntrySchema = z
  .object({
    code: z.string().min(1).openapi({ example: '5A001.j' }),
    title: z.string().min(1),
    cyberSurveillance: z.boolean(),
    technology: z.enum(TechnologyCategorySchema.options).openapi('TechnologyCategory'),
    source: z.string().min(1),
    verification: Verification,
  })
  .openapi('ControlEntry')

export const GeneralAuthorisationSchema = z
  .object({
    code: z.enum(GeaCodeSchema.options).openapi('GeaCode'),
    version: z.string().min(1).openapi({ example: '2021/821 as amended by 2022/699' }),
    validFrom: z.iso.date().openapi({ example: '2022-05-05' }),
    title: z.string().min(1),
    items: z.object({
      include: z.array(z.string()),
      exclude: z.array(z.string()),
      note: z.string().optional(),
    }),
    destinations: z.union([z.array(Alpha2), z.literal('not_applicable')]),
    conditions: z.array(z.string()),
    sources: z.array(z.string()),
    verification: z.object({ items: Verification, destinations: Verification }),
    unverified: z.array(z.string()),
  })
  .openapi('GeneralAuthorisation')

export const ReasonCodeInfoSchema = z
  .object({
    code: z.enum(ReasonCodeSchema.options).openapi('ReasonCode'),
    title: z.string().min(1),
    appliesTo: z.array(z.enum(DecisionKindSchema.options)).min(1),
    legalBasis: z.string().min(1),
    source: z.string().min(1),
    verification: Verification,
  })
  .openapi('ReasonCodeInfo')

export const AuthoritySchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z]{2}-[a-z0-9-]+$/)
      .openapi({ example: 'de-bafa' }),
    memberState: Alpha2.openapi({ example: 'DE' }),
    name: z.string().min(1),
    source: z.string().min(1),
    verification: Verification,
  })
  .openapi('Authority')
