import { z } from 'zod'
import {
  EVIDENCE_STRENGTHS,
  type IndicatorTable,
  type SpywareOperatorRow,
  type VictimCaseTable,
} from './evidence-tables.ts'

/**
 * The `data` of a stored evidence set, checked when it is read back: a set written by an older
 * Glasshouse (or by hand) must fail loudly rather than feed the rules half-shaped evidence.
 */
const year = z.number().int().min(1789).max(2100)
const figuresOrNull = <T extends z.ZodType>(schema: T) => schema.nullable()

export const IndicatorTableSchema: z.ZodType<IndicatorTable> = z.object({
  attribution: z.object({ freedomHouse: z.string(), vdem: z.string(), rsf: z.string() }),
  countries: z.record(
    z.string().regex(/^[A-Z]{2}$/),
    z.object({
      freedomHouse: figuresOrNull(
        z.object({ edition: year, globalScore: z.number(), status: z.enum(['F', 'PF', 'NF']) }),
      ),
      vdem: figuresOrNull(
        z.object({ year, liberalDemocracy: z.number(), civilLiberties: z.number() }),
      ),
      rsf: figuresOrNull(z.object({ year, score: z.number(), rank: z.number().int().nullable() })),
    }),
  ),
})

export const SpywareOperatorsSchema: z.ZodType<SpywareOperatorRow[]> = z.array(
  z.object({
    country: z.string().regex(/^[A-Z]{2}$/),
    spyware: z.string(),
    vendor: z.string(),
    firstReported: year.nullable(),
    evidence: z.enum(EVIDENCE_STRENGTHS),
    civilSocietyTargeted: z.boolean().nullable(),
    pegasusProject: z.boolean(),
    source: z.string(),
    url: z.string(),
    verified: z.boolean(),
  }),
)

export const VictimCaseTableSchema: z.ZodType<VictimCaseTable> = z.object({
  source: z.string(),
  states: z.record(
    z.string().regex(/^[A-Z]{2}$/),
    z.object({
      total: z.number().int().min(0),
      civilSociety: z.number().int().min(0),
      firstYear: year.nullable(),
      lastYear: year.nullable(),
    }),
  ),
  unattributed: z.number().int().min(0),
})
