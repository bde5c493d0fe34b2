import { z } from 'zod'
import { GeaCodeSchema } from '../../reference-data/general-authorisations.ts'
import { reasonCodesFor } from '../../reference-data/reason-codes.ts'
import {
  controlEntry,
  countryCode,
  currencyCode,
  decimalText,
  intraUnionDestinationProblem,
  isoDate,
  LicenceTypeSchema,
  moneyIssue,
  PartyTypeSchema,
  referenceText,
} from '../fields.ts'
import { PublicDecisionSchema } from '../lifecycle.ts'

/** The Glasshouse licence CSV (ARCHITECTURE §5): one row per item line, in this column order. */
export const LICENCE_CSV_COLUMNS = [
  'reference',
  'issuing_state',
  'authority',
  'licence_type',
  'gea',
  'exporter_name',
  'exporter_country',
  'exporter_id',
  'consignee_name',
  'consignee_country',
  'end_user_name',
  'end_user_country',
  'end_user_type',
  'end_user_description',
  'government_agency',
  'destination',
  'control_entry',
  'item_description',
  'quantity',
  'value',
  'currency',
  'intended_use',
  'submitted_on',
  'decision',
  'decided_on',
  'decision_reasons',
  'decision_explanation',
  // Optional, after ARCHITECTURE §5's columns: the texts written for publication. intended_use
  // and decision_explanation stay confidential and are never published.
  'intended_use_public',
  'decision_public_reason',
] as const
export type LicenceCsvColumn = (typeof LICENCE_CSV_COLUMNS)[number]

/** Columns a file may leave out (read as empty). */
export const OPTIONAL_CSV_COLUMNS: readonly LicenceCsvColumn[] = [
  'intended_use_public',
  'decision_public_reason',
]

/** Columns that describe the application, so every row of one reference must repeat them. */
export const ITEM_COLUMNS: readonly LicenceCsvColumn[] = [
  'control_entry',
  'item_description',
  'quantity',
  'value',
  'currency',
]
export const APPLICATION_COLUMNS = LICENCE_CSV_COLUMNS.filter((c) => !ITEM_COLUMNS.includes(c))

const required = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`)
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))

const RowSchema = z
  .object({
    reference: referenceText(),
    issuing_state: countryCode(),
    authority: required(40),
    licence_type: LicenceTypeSchema,
    gea: z.union([z.literal(''), GeaCodeSchema]).transform((v) => (v === '' ? null : v)),
    exporter_name: required(300),
    exporter_country: countryCode(),
    exporter_id: optional(64),
    consignee_name: required(300),
    consignee_country: countryCode(),
    end_user_name: required(300),
    end_user_country: countryCode(),
    end_user_type: PartyTypeSchema,
    end_user_description: required(2000),
    government_agency: optional(300),
    destination: countryCode(),
    control_entry: controlEntry(),
    item_description: required(2000),
    quantity: decimalText(),
    value: decimalText(),
    currency: currencyCode(),
    intended_use: required(4000),
    submitted_on: isoDate(),
    decision: PublicDecisionSchema,
    decided_on: z.union([z.literal(''), isoDate()]).transform((v) => (v === '' ? null : v)),
    decision_reasons: z.string().transform((v) =>
      v
        .split(';')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    ),
    decision_explanation: optional(8000),
    intended_use_public: optional(1000),
    decision_public_reason: optional(2000),
  })
  .superRefine((row, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message })
    if (row.licence_type === 'eu_general' && !row.gea)
      issue('gea', 'required when licence_type is eu_general')
    if (row.licence_type !== 'eu_general' && row.gea)
      issue('gea', 'only allowed when licence_type is eu_general')
    const intraUnion = intraUnionDestinationProblem(row.issuing_state, row.destination)
    if (intraUnion) issue('destination', intraUnion)
    const money = moneyIssue(row.value, row.currency)
    if (money) issue('value', money)
    if (row.decision === 'pending') {
      if (row.decided_on) issue('decided_on', 'must be empty while the decision is pending')
      if (row.decision_reasons.length > 0)
        issue('decision_reasons', 'must be empty while the decision is pending')
    } else {
      if (!row.decided_on) issue('decided_on', `required when the decision is ${row.decision}`)
      else if (row.decided_on < row.submitted_on)
        issue('decided_on', `before submitted_on (${row.submitted_on})`)
      const kind = reasonKind(row.decision)
      const allowed = kind ? reasonCodesFor(kind) : ['OTHER']
      const wrong = row.decision_reasons.find((r) => !allowed.includes(r))
      if (wrong)
        issue(
          'decision_reasons',
          `"${wrong}" is not a reason for ${row.decision} (allowed: ${allowed.join(', ')})`,
        )
    }
  })
export type LicenceCsvRow = z.output<typeof RowSchema>

function reasonKind(decision: string) {
  if (decision === 'granted') return 'grant' as const
  if (decision === 'refused') return 'refusal' as const
  if (decision === 'revoked' || decision === 'suspended' || decision === 'annulled')
    return 'revocation' as const
  return undefined
}

/** One row as read, before validation; a reader that already found a problem attaches it. */
export type RawRow = {
  location: string
  line?: number
  values: Record<string, unknown>
  issue?: ImportIssue
}

/** A problem with an input file: where (line or record), which field, what is wrong. */
export type ImportIssue = { location: string; line?: number; field: string; message: string }

export function formatIssue(issue: ImportIssue): string {
  return `${issue.location}, ${issue.field}: ${issue.message}`
}

export type ParsedRow =
  | { ok: true; row: LicenceCsvRow; raw: RawRow }
  | { ok: false; issues: ImportIssue[]; raw: RawRow }

/** Validates one row; every issue names the field and the line (or record) it came from. */
export function parseLicenceRow(raw: RawRow): ParsedRow {
  if (raw.issue) return { ok: false, issues: [raw.issue], raw }
  const values = Object.fromEntries(
    LICENCE_CSV_COLUMNS.map((c) => [
      c,
      raw.values[c] === undefined || raw.values[c] === null ? '' : String(raw.values[c]),
    ]),
  )
  const parsed = RowSchema.safeParse(values)
  if (parsed.success) return { ok: true, row: parsed.data, raw }
  const issues = parsed.error.issues.map((issue) => ({
    location: raw.location,
    field: String(issue.path[0] ?? 'row'),
    message: issue.message,
    ...(raw.line === undefined ? {} : { line: raw.line }),
  }))
  return { ok: false, issues, raw }
}
