import { readCsvFile, requireColumns } from './csv-table.ts'
import { EMBARGO_SCOPES, type EmbargoRow } from './evidence-tables.ts'

/**
 * `arms_embargoes.csv`: EU and UN arms embargoes, one row per country × regime × instrument,
 * with the EU bans on internal-repression and telecommunications-monitoring equipment. The notes
 * are kept: they say what the row's scope leaves out and what was not verified.
 */
export const EMBARGO_COLUMNS = [
  'iso2',
  'regime',
  'instrument',
  'scope',
  'internal_repression_ban',
  'monitoring_equipment_ban',
  'since',
  'source_url',
  'verified',
  'notes',
]

export async function parseEmbargoes(path: string): Promise<EmbargoRow[]> {
  const table = await readCsvFile(path)
  requireColumns(table, EMBARGO_COLUMNS)
  return table.rows.map((row) => ({
    country: row.alpha2('iso2'),
    regime: row.oneOf('regime', ['EU', 'UN'] as const),
    instrument: row.required('instrument'),
    scope: row.oneOf('scope', EMBARGO_SCOPES),
    internalRepressionBan: row.boolean('internal_repression_ban') === true,
    monitoringEquipmentBan: row.boolean('monitoring_equipment_ban') === true,
    since: row.integer('since', { min: 1945, max: 2100, optional: true }),
    sourceUrl: row.url('source_url'),
    verified: row.oneOf('verified', ['V', 'S'] as const) === 'V',
    note: row.text('notes'),
  }))
}
