import { type CsvTable, readCsvFile, requireColumns } from './csv-table.ts'
import type { LatestFigures, RsfFigures } from './evidence-tables.ts'
import { alpha3ToAlpha2 } from './iso-codes.ts'

/**
 * RSF World Press Freedom Index (one row per country × year): keeps each country's latest global
 * score (0–100, higher is freer since the 2022 methodology) and rank. RSF's own codes for the
 * OECS and Northern Cyprus have no ISO country and are listed as unmatched.
 */
export const RSF_COLUMNS = ['year', 'iso3', 'score', 'rank']

export async function parseRsf(path: string): Promise<LatestFigures<RsfFigures>> {
  return rsfFromTable(await readCsvFile(path))
}

export function rsfFromTable(table: CsvTable): LatestFigures<RsfFigures> {
  requireColumns(table, RSF_COLUMNS)
  const countries: Record<string, RsfFigures> = {}
  const unmatched = new Set<string>()
  let latest = 0
  for (const row of table.rows) {
    const year = row.integer('year', { min: 2002, max: 2100 })
    const score = row.number('score', { min: 0, max: 100 })
    const rank = row.integer('rank', { min: 1, max: 999, optional: true })
    const iso3 = row.text('iso3')
    if (!/^[A-Z]{3}$/.test(iso3))
      throw row.error('iso3', `expected a 3-letter code, found "${iso3}"`)
    latest = Math.max(latest, year)
    const iso2 = alpha3ToAlpha2(iso3)
    if (iso2 === undefined) {
      unmatched.add(iso3)
      continue
    }
    const seen = countries[iso2]
    if (seen?.year === year) throw row.error('iso3', `${iso3} appears twice in ${year}`)
    if (!seen || seen.year < year) countries[iso2] = { year, score, rank }
  }
  return {
    latest,
    rows: table.rows.length,
    countries,
    unmatched: [...unmatched].sort(),
    attribution: `RSF World Press Freedom Index ${latest} (score and rank; © Reporters sans frontières, published for free download, no open licence stated)`,
  }
}
