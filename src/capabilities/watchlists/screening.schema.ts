import { z } from '@hono/zod-openapi'
import { isCountryCode } from '../reference-data/countries.ts'
import { ENTITY_SCHEMAS } from './watchlist-entity.ts'

/** A name of up to 10,000 characters is answered (an odd query gets no hit, never an error). */
const MAX_NAME_LENGTH = 10_000

export const PartyQuerySchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
    schema: z.enum([...ENTITY_SCHEMAS, 'Any']).default('Any'),
    country: z
      .string()
      .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 code, e.g. DE')
      .optional(),
    birthDate: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    identifiers: z
      .array(z.object({ type: z.string().max(40).optional(), value: z.string().min(1).max(100) }))
      .max(20)
      .optional(),
  })
  .strict()
  .openapi('PartyQuery')

export const ScreeningRequestSchema = z
  .object({
    parties: z.array(PartyQuerySchema).min(1).max(1000),
    threshold: z.number().min(0.3).max(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .openapi('ScreeningRequest')

const ExplanationSchema = z
  .object({
    summary: z.string(),
    matchedName: z.string(),
    parts: z.array(
      z.object({
        query: z.string(),
        candidate: z.string().nullable(),
        how: z.string(),
        score: z.number(),
        weight: z.number(),
      }),
    ),
    qualifiers: z.array(z.object({ code: z.string(), effect: z.number(), detail: z.string() })),
  })
  .openapi('MatchExplanation')

export const ScreeningHitSchema = z
  .object({
    source: z.string(),
    entityId: z.string(),
    caption: z.string(),
    schema: z.string(),
    score: z.number(),
    matchedName: z.string(),
    programmes: z.array(z.string()),
    countries: z.array(z.string()),
    listedOn: z.string().nullable(),
    explanation: ExplanationSchema,
  })
  .openapi('ScreeningHit')

const ListVersionUsedSchema = z.object({
  source: z.string(),
  versionId: z.number().int(),
  listDate: z.string().nullable(),
})

export const ScreeningResultSchema = z
  .object({
    threshold: z.number(),
    lists: z.array(ListVersionUsedSchema),
    results: z.array(z.object({ query: PartyQuerySchema, hits: z.array(ScreeningHitSchema) })),
  })
  .openapi('ScreeningResult')

export const ListStatusSchema = z
  .object({
    source: z.string(),
    format: z.string(),
    versionId: z.number().int(),
    listDate: z.string().nullable(),
    importedAt: z.string(),
    entities: z.number().int(),
    names: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    modified: z.number().int(),
  })
  .openapi('WatchlistStatus')

export const ListChangeSchema = z
  .object({
    entityId: z.string(),
    change: z.enum(['added', 'removed', 'modified']),
    caption: z.string(),
  })
  .openapi('WatchlistChange')

export const ApplicationScreeningSchema = z
  .object({
    id: z.number().int(),
    screenedAt: z.string(),
    actor: z.string(),
    threshold: z.number(),
    lists: z.array(ListVersionUsedSchema),
    partyCount: z.number().int(),
    hitCount: z.number().int(),
    maxScore: z.number().nullable(),
    parties: z.array(
      z.object({
        role: z.string(),
        lineNo: z.number().int().nullable(),
        name: z.string(),
        country: z.string(),
        hits: z.array(ScreeningHitSchema),
      }),
    ),
  })
  .openapi('ApplicationScreening')
