import { z } from '@hono/zod-openapi'
import { TechnologyCategorySchema } from '../reference-data/control-entries.ts'
import { EndUseFlagSchema } from '../reference-data/end-use-flags.ts'
import { GeaCodeSchema } from '../reference-data/general-authorisations.ts'
import { itemPurposeProblem } from '../reference-data/item-purpose.ts'
import {
  controlEntry,
  countryCode,
  currencyCode,
  decimalText,
  isoDate,
  LicenceTypeSchema,
  moneyIssue,
  PartyTypeSchema,
  referenceText,
  text,
} from './fields.ts'
import { ApplicationStateSchema, LifecycleActionSchema, PublicDecisionSchema } from './lifecycle.ts'

const ItemInputSchema = z
  .object({
    controlEntry: controlEntry(),
    forEntry: z.string().max(40).nullish().openapi({
      description:
        'A software (D) or technology (E) line: the Annex I equipment or software entry it is for (5D001.a for 5A001.j). 5D001.a/.c, 4E001.a and 5E001.a are cyber-surveillance only when they are for a listed item; EU005 covers 5B001/5D001/5E001.a only for 5A001.b.2/.c/.d',
      example: '5A001.j',
    }),
    description: text(2000),
    quantity: decimalText(),
    value: decimalText().openapi({ description: 'decimal in `currency`', example: '125000.00' }),
    currency: currencyCode(),
  })
  .superRefine((item, ctx) => {
    const issue = moneyIssue(item.value, item.currency)
    if (issue) ctx.addIssue({ code: 'custom', path: ['value'], message: issue })
    const purpose = item.forEntry ? itemPurposeProblem(item.controlEntry, item.forEntry) : null
    if (purpose) ctx.addIssue({ code: 'custom', path: ['forEntry'], message: purpose })
  })
  .openapi('ItemInput')

const DueDiligenceSchema = z
  .object({
    summary: text(8000),
    completedOn: isoDate().nullish(),
  })
  .strict()
  .openapi('DueDiligence', {
    description: "The exporter's human-rights due diligence for this transaction",
  })

const PartyInputSchema = z
  .object({
    role: z.enum(['intermediary', 'agent']),
    name: text(300),
    country: countryCode(),
    type: PartyTypeSchema,
    description: text(2000).optional(),
  })
  .openapi('PartyInput')

/** The body of a draft: Annex III-A boxes that Glasshouse keeps, in API form. */
export const ApplicationInputSchema = z
  .object({
    reference: referenceText().optional().openapi({
      description:
        "Leave it out to have the register number the application (an exporter always does). An official may choose one that begins with their authority's id and a dot (`de-bafa.AZ-2026-17`); any other is refused (400), whoever holds it, so no answer tells another tenant's references.",
      example: 'de-bafa.AZ-2026-17',
    }),
    authorityId: z.string().min(1).max(40),
    licenceType: LicenceTypeSchema,
    gea: GeaCodeSchema.nullish(),
    exporter: z.object({ name: text(300), country: countryCode(), id: text(64).nullish() }),
    consignee: z.object({ name: text(300), country: countryCode() }),
    endUser: z.object({
      name: text(300),
      country: countryCode(),
      type: PartyTypeSchema,
      description: text(2000),
    }),
    parties: z.array(PartyInputSchema).max(20).default([]),
    governmentAgency: text(300).nullish(),
    destination: countryCode().openapi({
      description:
        "Country of final destination (box 12): outside the Union, since an export leaves its customs territory (Art. 2(2)). A member state is refused (400) when the authority is a member state's",
      example: 'NO',
    }),
    intendedUse: text(4000).openapi({
      description: 'What the items will be used for, in detail. Confidential: never published',
    }),
    intendedUsePublic: text(1000).nullish().openapi({
      description:
        'A summary of the intended use written for publication in the public register (no names of persons). Absent: the register says "not stated"',
    }),
    items: z.array(ItemInputSchema).min(1, 'at least one item').max(500),
    endUseFlags: z.array(EndUseFlagSchema).max(20).nullish().openapi({
      description:
        'Red flags the exporter declares (2024/2659 guidelines); an empty list means "none apply", absent means "not answered"',
    }),
    dueDiligence: DueDiligenceSchema.nullish(),
    internalComplianceProgramme: z.boolean().nullish().openapi({
      description: 'Whether the exporter runs an internal compliance programme (Art. 12(4))',
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.licenceType === 'eu_general' && !body.gea) {
      ctx.addIssue({
        code: 'custom',
        path: ['gea'],
        message: 'required when licenceType is eu_general',
      })
    }
    if (body.licenceType !== 'eu_general' && body.gea) {
      ctx.addIssue({
        code: 'custom',
        path: ['gea'],
        message: 'only allowed when licenceType is eu_general',
      })
    }
  })
  .openapi('ApplicationInput')
export type ApplicationInput = z.output<typeof ApplicationInputSchema>

export const DecisionInputSchema = z
  .object({
    reasons: z.array(z.string()).max(20).default([]),
    explanation: text(8000)
      .optional()
      .openapi({ description: 'Internal: kept by the authority, never published' }),
    publicReason: text(2000).optional().openapi({
      description:
        'The reason the public register shows (with the reason codes). Written to be public: no names of parties or natural persons. Committed in the decision’s log leaf',
    }),
    acknowledgePublicText: z.boolean().optional().openapi({
      description:
        'Publish although the public-text check warned that the public reason or the intended-use summary names a party or a natural person (422 public_text_warning otherwise)',
    }),
    decidedOn: isoDate().optional(),
    validUntil: isoDate().optional().openapi({
      description:
        'grant only; default two years after the decision. At most two years, or four for a large project, unless `justification` says why (Art. 12(3)); never more than ten',
    }),
    largeProject: z.boolean().optional().openapi({
      description:
        'grant only: issue an individual or global licence as a large-project authorisation (Art. 12(3)), valid up to four years',
    }),
    justification: text(8000).optional().openapi({
      description:
        'Required when the decision goes against the risk assessment’s recommendation (granting what it recommends refusing or referring, or refusing what it recommends approving), or when a licence runs longer than Art. 12(3) allows without one; recorded and committed in the decision’s log leaf',
    }),
  })
  .strict()
  .openapi('DecisionInput')
export type DecisionInput = z.output<typeof DecisionInputSchema>

export const DecideInputSchema = DecisionInputSchema.extend({
  decision: z.enum(['granted', 'refused']),
}).openapi('DecideInput')

const ItemSchema = z
  .object({
    lineNo: z.number().int(),
    controlEntry: z.string(),
    forEntry: z.string().nullable(),
    technology: TechnologyCategorySchema,
    cyberSurveillance: z.boolean(),
    description: z.string(),
    quantity: z.string(),
    value: z.string(),
    valueMinor: z.number().int(),
    currency: z.string(),
  })
  .openapi('Item')

export const DecisionRecordSchema = z
  .object({
    id: z.number().int(),
    action: z.union([LifecycleActionSchema, z.literal('import')]),
    fromState: ApplicationStateSchema.nullable(),
    toState: ApplicationStateSchema,
    actor: z.string(),
    decidedAt: z.string(),
    decidedOn: z.string(),
    reasons: z.array(z.string()),
    explanation: z.string().nullable(),
    publicReason: z.string().nullable(),
    againstRecommendation: z.boolean(),
    justification: z.string().nullable(),
    confirmedBy: z
      .string()
      .nullable()
      .openapi({ description: 'The second officer who confirmed it (four-eyes)' }),
  })
  .openapi('DecisionRecord')

export const IdenticalDenialSchema = z
  .object({
    denialNoticeId: z.number().int(),
    matchedOn: z.enum(['end_user', 'consignee']),
    controlEntry: z.string(),
    nameScore: z.number().openapi({
      description: 'How closely the party names match (1 = the same normalised name)',
    }),
    authorityId: z.string(),
    issuingState: z.string(),
    kind: z.enum(['refusal', 'revocation', 'annulment']),
    notifiedOn: z.string(),
    reasons: z.array(z.string()),
  })
  .openapi('IdenticalDenial')

/** The decisions that may wait for a second officer (four-eyes). */
export const ProposedActionSchema = z.enum(['grant', 'revoke', 'annul', 'suspend', 'reinstate'])

export const PendingConfirmationSchema = z
  .object({
    id: z.number().int(),
    action: ProposedActionSchema,
    why: z.string().openapi({ description: 'Why a second officer must confirm' }),
    proposedBy: z.string(),
    proposedAt: z.string(),
    reasons: z.array(z.string()),
    explanation: z.string().nullable(),
    publicReason: z.string().nullable(),
  })
  .openapi('PendingConfirmation')

export const ProposalRecordSchema = z
  .object({
    id: z.number().int(),
    action: ProposedActionSchema,
    status: z.enum(['pending', 'confirmed', 'rejected', 'voided']),
    summary: z.string().openapi({
      description:
        'What became of it, e.g. "Proposal to revoke voided: the application was annulled on 2026-12-07"',
    }),
    why: z.string(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    reasons: z.array(z.string()),
    explanation: z.string().nullable(),
    publicReason: z.string().nullable(),
    answeredBy: z.string().nullable().openapi({ description: 'The second officer who answered' }),
    answeredAt: z.string().nullable(),
    note: z.string().nullable(),
    voidedAt: z.string().nullable(),
    voidedReason: z.string().nullable(),
    voidedByDecision: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The decision (history id) whose state change voided it' }),
  })
  .openapi('ProposalRecord')

export const InformationRequestSchema = z
  .object({
    id: z.number().int(),
    question: z.string(),
    askedAt: z.string(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .openapi('InformationRequest')

export const ApplicationSchema = z
  .object({
    reference: z.string(),
    authorityId: z.string(),
    organisationId: z
      .string()
      .nullable()
      .openapi({ description: "The exporter's organisation when it applied through Glasshouse" }),
    issuingState: z.string(),
    state: ApplicationStateSchema,
    decision: PublicDecisionSchema.nullable(),
    licenceType: LicenceTypeSchema,
    gea: z.string().nullable(),
    exporter: z.object({ name: z.string(), country: z.string(), id: z.string().nullable() }),
    consignee: z.object({ name: z.string(), country: z.string() }),
    endUser: z.object({
      name: z.string(),
      country: z.string(),
      type: PartyTypeSchema,
      description: z.string(),
    }),
    parties: z.array(
      z.object({
        role: z.string(),
        name: z.string(),
        country: z.string(),
        type: z.string(),
        description: z.string().nullable(),
      }),
    ),
    governmentAgency: z.string().nullable(),
    destination: z.string(),
    intendedUse: z.string(),
    intendedUsePublic: z.string().nullable(),
    items: z.array(ItemSchema),
    submittedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    decisionReasons: z.array(z.string()),
    decisionExplanation: z.string().nullable(),
    decisionPublicReason: z.string().nullable(),
    licence: z
      .object({
        number: z.string(),
        validFrom: z.string(),
        validUntil: z.string().nullable(),
        largeProject: z.boolean(),
      })
      .nullable(),
    allowedActions: z.array(LifecycleActionSchema),
    identicalDenials: z.array(IdenticalDenialSchema),
    endUseFlags: z.array(z.string()).nullable(),
    dueDiligence: z.object({ summary: z.string(), completedOn: z.string().nullable() }).nullable(),
    internalComplianceProgramme: z.boolean().nullable(),
    history: z.array(DecisionRecordSchema),
    pendingConfirmation: PendingConfirmationSchema.nullable().openapi({
      description:
        'A decision waiting for a second officer (four-eyes): a grant assessed high, a revocation, or an annulment, suspension or reinstatement the policy puts under four-eyes',
    }),
    proposals: z.array(ProposalRecordSchema).openapi({
      description:
        'Every four-eyes proposal on the application, oldest first, with what became of it (confirmed, rejected, or voided by a later state change); officials only, empty for the exporter',
    }),
    informationRequests: z.array(InformationRequestSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Application')
export type Application = z.infer<typeof ApplicationSchema>
