import { basename } from 'node:path'
import { type CsvRow, type CsvTable, readCsvFile, requireColumns } from './csv-table.ts'
import type { LatestFigures, VdemFigures } from './evidence-tables.ts'
import { alpha3ToAlpha2 } from './iso-codes.ts'

/**
 * V-Dem Country–Year data (any subset with `country_text_id`, `year`, `v2x_libdem`,
 * `v2x_civlib`): keeps each country's latest year in which both indices (0–1) are present; an
 * empty or `NA` cell is V-Dem's missing value, not an error. V-Dem units without an ISO country
 * (Gaza, Somaliland, Zanzibar) are listed as unmatched.
 */
export const VDEM_COLUMNS = ['country_text_id', 'year', 'v2x_libdem', 'v2x_civlib']

export async function parseVdem(path: string): Promise<LatestFigures<VdemFigures>> {
  return vdemFromTable(await readCsvFile(path))
}

export function vdemFromTable(table: CsvTable): LatestFigures<VdemFigures> {
  requireColumns(table, VDEM_COLUMNS)
  const countries: Record<string, VdemFigures> = {}
  const unmatched = new Set<string>()
  let latest = 0
  for (const row of table.rows) {
    const year = row.integer('year', { min: 1789, max: 2100 })
    const liberalDemocracy = index(row, 'v2x_libdem')
    const civilLiberties = index(row, 'v2x_civlib')
    const code = row.text('country_text_id')
    if (!/^[A-Z]{3}$/.test(code)) {
      throw row.error('country_text_id', `expected a 3-letter code, found "${code}"`)
    }
    latest = Math.max(latest, year)
    const iso2 = alpha3ToAlpha2(code)
    if (iso2 === undefined) {
      unmatched.add(code)
      continue
    }
    if (liberalDemocracy === null || civilLiberties === null) continue
    const seen = countries[iso2]
    if (seen?.year === year) throw row.error('country_text_id', `${code} appears twice in ${year}`)
    if (!seen || seen.year < year) countries[iso2] = { year, liberalDemocracy, civilLiberties }
  }
  return {
    latest,
    rows: table.rows.length,
    countries,
    unmatched: [...unmatched].sort(),
    attribution: vdemAttribution(basename(table.file), latest),
  }
}

function index(row: CsvRow, column: string): number | null {
  if (row.text(column).toUpperCase() === 'NA') return null
  return row.number(column, { min: 0, max: 1, optional: true })
}

/** The dataset version is not in the data; it is taken from a file name like `vdem_v14_…`. */
function vdemAttribution(file: string, latest: number): string {
  const version = /(?:^|[^a-z])v(\d{1,2})(?!\d)/i.exec(file)?.[1]
  const dataset = version ? `V-Dem Country–Year Dataset v${version}` : 'V-Dem Country–Year Dataset'
  return `V-Dem Institute, ${dataset}, Varieties of Democracy Project (liberal democracy and civil liberties indices to ${latest}; CC BY-SA 4.0)`
}
