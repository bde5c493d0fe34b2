import { z } from '@hono/zod-openapi'
import { clip, controlCharacterProblem } from '../../platform/text.ts'
import { resolveControlEntry } from '../reference-data/control-entries.ts'
import { findCountry, isCountryCode } from '../reference-data/countries.ts'
import { isCurrency, parseMoney } from './money.ts'

/** Field rules shared by the API bodies and the licence CSV/JSON importers. */

export const LicenceTypeSchema = z.enum([
  'individual',
  'global',
  'national_general',
  'eu_general',
  'brokering',
  'technical_assistance',
])
export type LicenceType = z.infer<typeof LicenceTypeSchema>

/**
 * Why a member state's authority licenses no export to another member state, or null. An export
 * leaves the Union's customs territory (Art. 2(2) of Regulation (EU) 2021/821); a transfer within
 * the Union needs an authorisation only for Annex IV items (Art. 11), and that is not an export
 * licence. A third country's authority (the UK's, imported) exports to member states as it likes.
 */
export function intraUnionDestinationProblem(issuingState: string, destination: string) {
  if (!findCountry(issuingState)?.euMember || !findCountry(destination)?.euMember) return null
  return `${destination} is a member state of the Union: an export leaves the Union's customs territory (Art. 2(2)); a transfer within the Union needs an authorisation only for Annex IV items (Art. 11), not an export licence`
}

export const PartyTypeSchema = z.enum([
  'government_intelligence',
  'government_police',
  'government_military',
  'government_other',
  'telecom_operator',
  'private_company',
  'research',
  'individual',
  'other',
])
export type PartyType = z.infer<typeof PartyTypeSchema>

export const countryCode = () =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (!isCountryCode(value))
        ctx.addIssue({ code: 'custom', message: `unknown country "${clip(value)}"` })
    })
    .openapi({ description: 'ISO 3166-1 alpha-2 code', example: 'DE' })

export const controlEntry = () =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (!resolveControlEntry(value)) {
        ctx.addIssue({ code: 'custom', message: `unknown control-list entry "${clip(value)}"` })
      }
    })
    .openapi({
      description: 'Annex I entry (5A001.j), ART5, or NATIONAL:<code>',
      example: '5A001.j',
    })

export const currencyCode = () =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (!isCurrency(value))
        ctx.addIssue({ code: 'custom', message: `unknown currency "${clip(value)}"` })
    })
    .openapi({ description: 'ISO 4217 code', example: 'EUR' })

export const isoDate = () =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (!isRealDate(value))
        ctx.addIssue({ code: 'custom', message: `not a date (YYYY-MM-DD): "${clip(value)}"` })
    })
    .openapi({ format: 'date', example: '2026-03-01' })

export const decimalText = () =>
  z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .superRefine((value, ctx) => {
      if (/^-/.test(value))
        ctx.addIssue({ code: 'custom', message: `must not be negative: "${clip(value)}"` })
      else if (!/^\d{1,15}(\.\d{1,6})?$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `not a non-negative decimal number: "${clip(value)}"`,
        })
      }
    })

/**
 * Free text: trimmed, not empty, at most `max` characters, and no control characters other than
 * tab and line breaks (the HTTP layer refuses them too; this covers the importers).
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = controlCharacterProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

export const referenceText = () =>
  z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'letters, digits and . _ - only, at most 64 characters',
    )
    .openapi({ example: 'DE-2026-000123' })

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The `{reference}` path parameter of the register's routes. */
export const ReferenceParamSchema = z.object({
  reference: referenceText().openapi({ param: { name: 'reference', in: 'path' } }),
})

/** YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2023-02-29 and 2024-02-30 no). */
export function isRealDate(value: string): boolean {
  if (value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const year = Number(value.slice(0, 4))
  const month = Number(value.slice(5, 7))
  const day = Number(value.slice(8, 10))
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const last = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number)
  return day <= last
}

/** Validates a value against its currency; returns the error message or the minor units. */
export function moneyIssue(value: string, currency: string): string | undefined {
  // A bad currency or a non-decimal value is reported on its own field, not twice.
  if (!isCurrency(currency) || !/^\d+(\.\d+)?$/.test(value)) return undefined
  const parsed = parseMoney(value, currency)
  return parsed.ok ? undefined : parsed.message
}
