import { once } from 'node:events'
import { createWriteStream, statSync } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import { classifyItems } from '../src/capabilities/licensing/application.ts'
import { generateDemoRecords } from '../src/capabilities/licensing/demo/generate-demo.ts'
import {
  LICENCE_CSV_COLUMNS,
  type LicenceCsvColumn,
} from '../src/capabilities/licensing/interchange/licence-csv.ts'
import { publicDecision } from '../src/capabilities/licensing/lifecycle.ts'
import { formatMoney } from '../src/capabilities/licensing/money.ts'
import type { RecordToWrite } from '../src/capabilities/licensing/register-writer.ts'

export type LicenceFile = { path: string; lines: number; applications: number; bytes: number }

/**
 * Writes a deterministic licence CSV with exactly `lines` item lines, from the demo generator. Rows
 * are the full (non-public) export's: one per item, application columns repeated. The last
 * application is cut short if it would overshoot. `itemsPerApplication` keeps only each
 * application's first items (1: one line, so one application and one logged decision, per line).
 */
export async function writeLicenceCsv(
  path: string,
  lines: number,
  onProgress: (lines: number) => void,
  options: { itemsPerApplication?: number } = {},
): Promise<LicenceFile> {
  const perApplication = options.itemsPerApplication ?? Number.POSITIVE_INFINITY
  const out = createWriteStream(path)
  const failed = once(out, 'error').then(([error]) => Promise.reject(error))
  failed.catch(() => {})
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed])
  }

  await write(stringify([[...LICENCE_CSV_COLUMNS]]))
  let written = 0
  let applications = 0
  let chunk: string[][] = []
  // Every application has at least one item, so `lines` applications are always enough.
  for (const record of generateDemoRecords({ applications: lines, referencePrefix: 'BENCH' })) {
    const rows = csvRows(record).slice(0, Math.min(lines - written, perApplication))
    written += rows.length
    applications += 1
    chunk.push(...rows)
    if (chunk.length >= 2000 || written === lines) {
      await write(stringify(chunk))
      chunk = []
      onProgress(written)
    }
    if (written === lines) break
  }
  out.end()
  await Promise.race([once(out, 'finish'), failed])
  return { path, lines: written, applications, bytes: statSync(path).size }
}

/** The row values `exportLicences` writes for a record stored in the register (full export). */
function csvRows(record: RecordToWrite): string[][] {
  const application = {
    reference: record.reference,
    issuing_state: record.issuingState,
    authority: record.authorityId,
    licence_type: record.licenceType,
    gea: record.gea ?? '',
    exporter_name: record.exporter.name,
    exporter_country: record.exporter.country,
    exporter_id: record.exporter.id ?? '',
    consignee_name: record.consignee.name,
    consignee_country: record.consignee.country,
    end_user_name: record.endUser.name,
    end_user_country: record.endUser.country,
    end_user_type: record.endUser.type,
    end_user_description: record.endUser.description,
    government_agency: record.governmentAgency ?? '',
    destination: record.destination,
    intended_use: record.intendedUse,
    submitted_on: record.submittedOn ?? '',
    decision: publicDecision(record.state) ?? 'pending',
    decided_on: record.decidedOn ?? '',
    decision_reasons: record.decisionReasons.join(';'),
    decision_explanation: record.decisionExplanation ?? '',
    intended_use_public: record.intendedUsePublic ?? '',
    decision_public_reason: record.decisionPublicReason ?? '',
  }
  return classifyItems(record.items).map((item) => {
    const values: Record<LicenceCsvColumn, string> = {
      ...application,
      control_entry: item.controlEntry,
      item_description: item.description,
      quantity: item.quantity,
      value: formatMoney(item.valueMinor, item.currency),
      currency: item.currency,
    }
    return LICENCE_CSV_COLUMNS.map((column) => values[column])
  })
}
