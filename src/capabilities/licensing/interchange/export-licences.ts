import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Selectable } from 'kysely'
import { writeCsv } from '../../../platform/csv/csv-writer.ts'
import type { Db } from '../../../platform/db/database.ts'
import type { ApplicationItemsTable, ApplicationsTable } from '../../../platform/db/schema.ts'
import { type ApplicationState, publicDecision } from '../lifecycle.ts'
import { formatMoney } from '../money.ts'
import { filteredApplications, itemsFor, type RegisterFilter } from '../register-query.ts'
import { NATURAL_PERSON } from '../register-views.ts'
import { LICENCE_CSV_COLUMNS } from './licence-csv.ts'

/** The public CSV: the register's public fields only (ARCHITECTURE §4); natural persons never named. */
export const PUBLIC_CSV_COLUMNS = [
  'reference',
  'issuing_state',
  'authority',
  'licence_type',
  'gea',
  'exporter_name',
  'exporter_country',
  'end_user_type',
  'end_user_description',
  'end_user_country',
  'government_agency',
  'destination',
  'control_entry',
  'technology',
  'cyber_surveillance',
  'item_description',
  'quantity',
  'value',
  'currency',
  'intended_use_public',
  'submitted_on',
  'decision',
  'decided_on',
  'decision_reasons',
  'decision_public_reason',
] as const

type Row = Selectable<ApplicationsTable>
type ItemRow = Selectable<ApplicationItemsTable>

export type ExportOptions = {
  format: 'csv' | 'json'
  public: boolean
  filter?: RegisterFilter
  onProgress?: (applications: number) => void
}

/**
 * Streams the register in the licence CSV or JSON, oldest first, page by page (keyset), so memory
 * stays flat. Drafts are never exported; the public export holds only decided applications. The
 * CSV goes through the shared writer, which neutralises formula-like text (`readLicenceCsv` undoes
 * it, so an export imports back to the same values).
 */
export async function exportLicences(
  db: Db,
  out: Writable,
  options: ExportOptions,
): Promise<{ applications: number; items: number }> {
  const columns = options.public ? PUBLIC_CSV_COLUMNS : LICENCE_CSV_COLUMNS
  const unpublished: ApplicationState[] = options.public
    ? ['draft', 'submitted', 'under_review']
    : ['draft']
  let afterId = 0
  let applications = 0
  let items = 0
  let first = true
  await write(out, options.format === 'csv' ? writeCsv([columns]) : '[\n')
  for (;;) {
    const rows = await filteredApplications(db, options.filter ?? {})
      .selectAll('a')
      .where('a.state', 'not in', unpublished)
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(1000)
      .execute()
    if (rows.length === 0) break
    afterId = (rows.at(-1) as Row).id
    const itemsById = await itemsFor(
      db,
      rows.map((r) => r.id),
    )
    let chunk = ''
    for (const row of rows) {
      const rowItems = itemsById.get(row.id) ?? []
      items += rowItems.length
      if (options.format === 'csv') {
        const lines = rowItems.map((item) => csvValues(row, item, options.public))
        chunk += writeCsv(lines.map((values) => columns.map((c) => values[c] ?? '')))
      } else {
        chunk += `${first ? '' : ',\n'}${JSON.stringify(jsonApplication(row, rowItems, options.public))}`
        first = false
      }
    }
    applications += rows.length
    options.onProgress?.(applications)
    await write(out, chunk)
  }
  if (options.format === 'json') await write(out, '\n]\n')
  return { applications, items }
}

function applicationValues(row: Row, isPublic: boolean): Record<string, string> {
  const individual = row.end_user_type === 'individual'
  const values: Record<string, string> = {
    reference: row.reference,
    issuing_state: row.issuing_state,
    authority: row.authority_id,
    licence_type: row.licence_type,
    gea: row.gea ?? '',
    exporter_name: row.exporter_name,
    exporter_country: row.exporter_country,
    end_user_country: row.end_user_country,
    end_user_type: row.end_user_type,
    end_user_description: isPublic && individual ? NATURAL_PERSON : row.end_user_description,
    government_agency: row.government_agency ?? '',
    destination: row.destination,
    intended_use_public: row.intended_use_public ?? '',
    submitted_on: row.submitted_on ?? '',
    decision: publicDecision(row.state as ApplicationState) ?? 'pending',
    decided_on: row.decided_on ?? '',
    decision_reasons: row.decision_reasons.join(';'),
    decision_public_reason: row.decision_public_reason ?? '',
  }
  if (!isPublic) {
    // Confidential texts: only in the authority's own export, never in the public one.
    values.intended_use = row.intended_use
    values.decision_explanation = row.decision_explanation ?? ''
    values.exporter_id = row.exporter_id ?? ''
    values.consignee_name = row.consignee_name
    values.consignee_country = row.consignee_country
    values.end_user_name = row.end_user_name
  }
  return values
}

function itemValues(item: ItemRow, isPublic: boolean): Record<string, string> {
  return {
    control_entry: item.control_entry,
    item_description: item.description,
    quantity: item.quantity,
    value: formatMoney(item.value_minor, item.currency),
    currency: item.currency,
    ...(isPublic
      ? { technology: item.technology, cyber_surveillance: String(item.cyber_surveillance) }
      : {}),
  }
}

function csvValues(row: Row, item: ItemRow, isPublic: boolean) {
  return { ...applicationValues(row, isPublic), ...itemValues(item, isPublic) }
}

function jsonApplication(row: Row, items: ItemRow[], isPublic: boolean) {
  return {
    ...applicationValues(row, isPublic),
    items: items.map((item) => itemValues(item, isPublic)),
  }
}

/** Writes with back-pressure; `once` removes its listeners, so a long export adds none. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}
