import { type CsvTable, readCsvFile, requireColumns } from './csv-table.ts'
import type { FreedomHouseFigures, LatestFigures } from './evidence-tables.ts'

/**
 * Freedom House, Freedom in the World ("All data FIW" sheet as CSV, one row per country or
 * territory × edition): keeps each country's latest edition — global score (`Total`, 0–100; a
 * few territories score below 0 through the discretionary question) and status F/PF/NF.
 * Territories without an ISO code (disputed areas) are left out and listed as unmatched.
 */
export const FREEDOM_HOUSE_COLUMNS = ['country_territory', 'iso2', 'edition', 'status', 'Total']

export async function parseFreedomHouse(path: string): Promise<LatestFigures<FreedomHouseFigures>> {
  return freedomHouseFromTable(await readCsvFile(path))
}

export function freedomHouseFromTable(table: CsvTable): LatestFigures<FreedomHouseFigures> {
  requireColumns(table, FREEDOM_HOUSE_COLUMNS)
  const countries: Record<string, FreedomHouseFigures> = {}
  const unmatched = new Set<string>()
  let latest = 0
  for (const row of table.rows) {
    const edition = row.integer('edition', { min: 1973, max: 2100 })
    const status = row.oneOf('status', ['F', 'PF', 'NF'] as const)
    const globalScore = row.integer('Total', { min: -10, max: 100 })
    const iso2 = row.text('iso2')
    latest = Math.max(latest, edition)
    if (iso2 === '') {
      unmatched.add(row.text('country_territory'))
      continue
    }
    if (!/^[A-Z]{2}$/.test(iso2))
      throw row.error('iso2', `expected an ISO alpha-2 code, found "${iso2}"`)
    const seen = countries[iso2]
    if (seen?.edition === edition)
      throw row.error('iso2', `${iso2} appears twice in edition ${edition}`)
    if (!seen || seen.edition < edition) countries[iso2] = { edition, globalScore, status }
  }
  return {
    latest,
    rows: table.rows.length,
    countries,
    unmatched: [...unmatched].sort(),
    attribution: `Freedom House, Freedom in the World ${latest} (global score and status; © Freedom House, reused with attribution)`,
  }
}
