import { type CsvTable, readCsvFile, requireColumns } from './csv-table.ts'
import { EVIDENCE_STRENGTHS, type SpywareOperatorRow } from './evidence-tables.ts'

/**
 * `operator_states.csv`: states documented as operators or customers of mercenary spyware, one
 * row per state × product, each with the kind of evidence and its source. The free-text `notes`
 * column is read past on purpose: several notes mention individuals (officials, targets), and
 * the risk rules need only facts about states.
 */
export const OPERATOR_STATE_COLUMNS = [
  'iso2',
  'spyware',
  'vendor',
  'first_reported',
  'evidence',
  'targets_civil_society',
  'pegasus_project_2021',
  'source_title',
  'source_url',
  'verified',
]

export async function parseOperatorStates(path: string): Promise<SpywareOperatorRow[]> {
  return operatorStatesFromTable(await readCsvFile(path))
}

export function operatorStatesFromTable(table: CsvTable): SpywareOperatorRow[] {
  requireColumns(table, OPERATOR_STATE_COLUMNS)
  return table.rows.map((row) => ({
    country: row.alpha2('iso2'),
    spyware: row.required('spyware'),
    vendor: row.required('vendor'),
    firstReported: row.integer('first_reported', { min: 1990, max: 2100, optional: true }),
    evidence: row.oneOf('evidence', EVIDENCE_STRENGTHS),
    civilSocietyTargeted: row.boolean('targets_civil_society', { unknown: true }),
    pegasusProject: row.boolean('pegasus_project_2021') === true,
    source: row.required('source_title'),
    url: row.url('source_url'),
    verified: row.oneOf('verified', ['V', 'S'] as const) === 'V',
  }))
}
