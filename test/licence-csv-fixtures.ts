import { Readable } from 'node:stream'
import { LICENCE_CSV_COLUMNS } from '../src/capabilities/licensing/interchange/licence-csv.ts'

/** A valid licence CSV row; override the columns a test is about. */
export function csvRow(
  overrides: Partial<Record<(typeof LICENCE_CSV_COLUMNS)[number], string>> = {},
): Record<string, string> {
  return {
    reference: 'R-1',
    issuing_state: 'DE',
    authority: 'de-bafa',
    licence_type: 'individual',
    gea: '',
    exporter_name: 'Nordlicht Systems GmbH',
    exporter_country: 'DE',
    exporter_id: 'DE123',
    consignee_name: 'Gulf Secure Networks LLC',
    consignee_country: 'AE',
    end_user_name: 'State Security Directorate',
    end_user_country: 'AE',
    end_user_type: 'government_intelligence',
    end_user_description: 'National intelligence service',
    government_agency: 'State Security Directorate',
    destination: 'AE',
    control_entry: '5A001.j',
    item_description: 'IP network surveillance system',
    quantity: '1',
    value: '2500000.00',
    currency: 'EUR',
    intended_use: 'Lawful interception',
    submitted_on: '2024-01-15',
    decision: 'granted',
    decided_on: '2024-03-01',
    decision_reasons: 'NO_SIGNIFICANT_RISK',
    decision_explanation: 'No significant risk, says the officer',
    ...overrides,
  }
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export function csvText(
  rows: Record<string, string>[],
  columns: readonly string[] = LICENCE_CSV_COLUMNS,
): string {
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(',')),
  ]
  return `${lines.join('\n')}\n`
}

export function stream(text: string | Buffer): Readable {
  return Readable.from([typeof text === 'string' ? Buffer.from(text) : text])
}
