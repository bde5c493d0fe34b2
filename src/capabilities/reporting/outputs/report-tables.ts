import {
  type AnnualReport,
  type Breakdown,
  type LicenceRow,
  type MoneyTotal,
  OUTCOMES,
} from '../annual-report.ts'

export type FieldType = 'string' | 'integer' | 'number' | 'date' | 'boolean'
export type TableField = { name: string; type: FieldType; description: string }
export type Cell = string | number | boolean | null
/** One table of the report as published: CSV file, data-package resource and HTML table alike. */
export type ReportTable = {
  name: string
  title: string
  fields: TableField[]
  rows: Cell[][]
}

/** Amounts are written in major units with their currency's decimals, e.g. 2500000.00. */
function major(minor: number, currency: string): string {
  const digits = currency === 'JPY' || currency === 'ISK' ? 0 : 2
  return (minor / 10 ** digits).toFixed(digits)
}

function currenciesIn(rows: { valueGranted: MoneyTotal[]; valueRefused: MoneyTotal[] }[]) {
  const all = new Set<string>()
  for (const r of rows) for (const m of [...r.valueGranted, ...r.valueRefused]) all.add(m.currency)
  return [...all].sort()
}

function amount(totals: MoneyTotal[], currency: string): string {
  const found = totals.find((t) => t.currency === currency)
  return found ? major(found.minor, currency) : major(0, currency)
}

/** A breakdown as a table: counts per outcome, then one value column per currency (never converted). */
function breakdownTable(
  name: string,
  title: string,
  keyName: string,
  breakdown: Breakdown,
): ReportTable {
  const rows = [...breakdown.rows, breakdown.total]
  const currencies = currenciesIn(rows)
  return {
    name,
    title,
    fields: [
      { name: keyName, type: 'string', description: `The ${keyName.replace('_', ' ')}` },
      { name: 'label', type: 'string', description: 'Its name' },
      { name: 'received', type: 'integer', description: 'Applications received in the year' },
      ...OUTCOMES.map((o) => ({
        name: o,
        type: 'integer' as const,
        description: `Decisions taken in the year: ${o}`,
      })),
      ...currencies.flatMap((c) => [
        { name: `value_granted_${c}`, type: 'number' as const, description: `Value granted, ${c}` },
        { name: `value_refused_${c}`, type: 'number' as const, description: `Value refused, ${c}` },
      ]),
    ],
    rows: rows.map((r) => [
      r.key,
      r.label,
      r.received,
      ...OUTCOMES.map((o) => r.decisions[o]),
      ...currencies.flatMap((c) => [amount(r.valueGranted, c), amount(r.valueRefused, c)]),
    ]),
  }
}

export const LICENCE_FIELDS: TableField[] = [
  { name: 'reference', type: 'string', description: "The authority's application reference" },
  {
    name: 'licence_number',
    type: 'string',
    description: 'The licence number, when one was issued',
  },
  { name: 'authority', type: 'string', description: 'The competent authority' },
  { name: 'issuing_state', type: 'string', description: 'ISO 3166-1 alpha-2' },
  {
    name: 'licence_type',
    type: 'string',
    description: 'individual, global, general, large project',
  },
  { name: 'general_authorisation', type: 'string', description: 'EU001–EU008 when used' },
  { name: 'outcome', type: 'string', description: OUTCOMES.join(', ') },
  { name: 'decided_on', type: 'date', description: 'The date of the decision' },
  { name: 'control_entries', type: 'string', description: 'Control-list entries, separated by ;' },
  { name: 'technologies', type: 'string', description: 'Technology categories, separated by ;' },
  { name: 'items', type: 'string', description: 'Item descriptions, separated by ;' },
  { name: 'cyber_surveillance', type: 'boolean', description: 'Any cyber-surveillance item' },
  { name: 'exporter', type: 'string', description: 'The exporter' },
  {
    name: 'end_user',
    type: 'string',
    description: 'A description of the end user ("natural person" for individuals, never a name)',
  },
  { name: 'end_user_type', type: 'string', description: 'The kind of end user' },
  { name: 'end_user_country', type: 'string', description: 'ISO 3166-1 alpha-2' },
  { name: 'destination', type: 'string', description: 'ISO 3166-1 alpha-2' },
  {
    name: 'intended_use',
    type: 'string',
    description:
      'The exporter’s summary of the intended use, written for publication (empty: not stated)',
  },
  { name: 'government_agency', type: 'string', description: 'The government agency involved' },
  { name: 'value', type: 'string', description: 'The value per currency, e.g. "EUR 1200.00"' },
  { name: 'reasons', type: 'string', description: 'Reason codes, separated by ;' },
  {
    name: 'explanation',
    type: 'string',
    description: 'The authority’s public reason for the decision (empty: not stated)',
  },
]

export function licenceCells(row: LicenceRow): Cell[] {
  return [
    row.reference,
    row.licenceNumber,
    row.authorityId,
    row.issuingState,
    row.licenceType,
    row.gea,
    row.outcome,
    row.decidedOn,
    row.controlEntries.join('; '),
    row.technologies.join('; '),
    row.itemDescriptions.join('; '),
    row.cyberSurveillance,
    row.exporter,
    row.endUser,
    row.endUserType,
    row.endUserCountry,
    row.destination,
    row.intendedUse,
    row.governmentAgency,
    row.value.map((v) => `${v.currency} ${major(v.minor, v.currency)}`).join('; '),
    row.reasons.join('; '),
    row.explanation,
  ]
}

/** Every table of the report except the per-licence one (which is streamed on its own). */
export function reportTables(report: AnnualReport): ReportTable[] {
  const cyber = report.cyberSurveillance
  return [
    breakdownTable(
      'by-control-entry',
      'By control-list entry',
      'control_entry',
      report.byControlEntry,
    ),
    breakdownTable('by-technology', 'By technology category', 'technology', report.byTechnology),
    breakdownTable('by-destination', 'By destination', 'destination', report.byDestination),
    breakdownTable(
      'by-issuing-state',
      'By issuing member state',
      'issuing_state',
      report.byIssuingState,
    ),
    breakdownTable(
      'cyber-surveillance-by-item',
      'Cyber-surveillance items (Art. 26(2)): by item',
      'control_entry',
      cyber.byControlEntry,
    ),
    breakdownTable(
      'cyber-surveillance-by-issuing-state',
      'Cyber-surveillance items (Art. 26(2)): by issuing member state',
      'issuing_state',
      cyber.byIssuingState,
    ),
    breakdownTable(
      'cyber-surveillance-by-destination',
      'Cyber-surveillance items (Art. 26(2)): by destination',
      'destination',
      cyber.byDestination,
    ),
    breakdownTable(
      'general-authorisations',
      'Union general export authorisations used',
      'general_authorisation',
      report.generalAuthorisations,
    ),
    {
      name: 'refusals-by-reason',
      title: 'Refusals by reason',
      fields: [
        { name: 'code', type: 'string', description: 'The reason code' },
        { name: 'label', type: 'string', description: 'What it means' },
        { name: 'kind', type: 'string', description: 'The kind of decision it justifies' },
        { name: 'count', type: 'integer', description: 'Refusals citing it' },
      ],
      rows: report.refusalsByReason.map((r) => [r.code, r.label, r.kind, r.count]),
    },
    {
      name: 'decisions-by-month',
      title: 'Decisions by month',
      fields: [
        { name: 'month', type: 'string', description: 'YYYY-MM' },
        ...OUTCOMES.map((o) => ({
          name: o,
          type: 'integer' as const,
          description: `Decisions: ${o}`,
        })),
      ],
      rows: report.decisionsByMonth.map((m) => [m.month, ...OUTCOMES.map((o) => m.decisions[o])]),
    },
  ]
}
