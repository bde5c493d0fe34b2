import { z } from 'zod'
import { TechnologyCategorySchema } from '../../reference-data/control-entries.ts'
import { SEVERITIES } from '../finding.ts'

const Severity = z.enum(SEVERITIES)
const Fraction = z.number().min(0).max(1)
const Score = z.number().min(0).max(100)

/**
 * The moratorium the briefing asks for: while active, cyber-surveillance transactions in scope are
 * refused or held for review, whatever else the assessment finds.
 */
export const MoratoriumSchema = z
  .object({
    active: z.boolean(),
    scope: z
      .array(z.enum(['export', 'brokering', 'technical_assistance', 'transit']))
      .min(1, 'name at least one kind of transaction'),
    /** All cyber-surveillance items, or only these technology categories. */
    items: z.union([
      z.literal('all-cyber-surveillance'),
      z.object({ categories: z.array(TechnologyCategorySchema).min(1) }).strict(),
    ]),
    effect: z.enum(['refuse', 'hold']),
    legalBasis: z.string().min(10),
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
  })
  .strict()

/**
 * Which licence decisions, besides every revocation and a grant assessed high or prohibitive,
 * wait for a second officer of the authority (four-eyes). Policies stored before the setting
 * existed read as the default: annulments and suspensions are confirmed, reinstatements are not.
 */
export const FourEyesSchema = z
  .object({ annul: z.boolean(), suspend: z.boolean(), reinstate: z.boolean() })
  .strict()
export const DEFAULT_FOUR_EYES: z.infer<typeof FourEyesSchema> = {
  annul: true,
  suspend: true,
  reinstate: false,
}

/**
 * The versioned assessment policy. Rules read their parameters from here, so an authority changes
 * how much a factor weighs by publishing a new version, not by changing code.
 */
export const PolicySchema = z
  .object({
    name: z.string().min(1).max(200),
    /** How findings combine into a level. */
    levels: z
      .object({
        /** This many medium findings (or more) make the level high. */
        mediumFindingsForHigh: z.number().int().min(1).max(20),
      })
      .strict(),
    items: z
      .object({
        /** Severity of a listed cyber-surveillance item, by technology category. */
        technology: z.record(TechnologyCategorySchema, Severity),
        /** An Art. 5 catch-all item (not listed, but cyber-surveillance by its end use). */
        art5: Severity,
      })
      .strict(),
    destination: z
      .object({
        freedomHouse: z.object({ highBelow: Score, mediumBelow: Score }).strict(),
        vdemLiberalDemocracy: z.object({ highBelow: Fraction, mediumBelow: Fraction }).strict(),
        vdemCivilLiberties: z.object({ highBelow: Fraction, mediumBelow: Fraction }).strict(),
        rsf: z.object({ highBelow: Score, mediumBelow: Score }).strict(),
        pegasusProject: Severity,
        /** Documented spyware use: by the strength of the evidence, raised when civil society was targeted. */
        spyware: z
          .object({
            strong: Severity,
            weak: Severity,
            civilSocietyTargeted: Severity,
          })
          .strict(),
        embargo: z
          .object({
            full: Severity,
            partial: Severity,
            internalRepressionBan: Severity,
            monitoringEquipmentBan: Severity,
          })
          .strict(),
      })
      .strict(),
    endUser: z
      .object({
        type: z.record(z.string(), Severity),
        naturalPerson: Severity,
        intermediaryInThirdCountry: Severity,
      })
      .strict(),
    screening: z
      .object({
        /** A watchlist hit at or above this score is prohibitive; below it (but a hit) high. */
        prohibitiveFrom: Fraction,
      })
      .strict(),
    endUse: z.object({ flag: Severity, textCue: Severity }).strict(),
    history: z
      .object({ identicalDenial: Severity, exporterDenial: Severity, vendorAbuse: Severity })
      .strict(),
    dueDiligence: z
      .object({ missingForCyberSurveillance: Severity, globalWithoutIcp: Severity })
      .strict(),
    authorisation: z.object({ generalOutsideScope: Severity }).strict(),
    moratorium: MoratoriumSchema,
    fourEyes: FourEyesSchema.default(DEFAULT_FOUR_EYES),
  })
  .strict()

export type Policy = z.infer<typeof PolicySchema>
export type Moratorium = z.infer<typeof MoratoriumSchema>
export type FourEyes = z.infer<typeof FourEyesSchema>
