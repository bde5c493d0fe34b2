import { type CsvRow, type CsvTable, readCsvFile, requireColumns } from './csv-table.ts'
import type { VictimCaseAggregate, VictimCaseTable } from './evidence-tables.ts'
import { alpha3ToAlpha2 } from './iso-codes.ts'

/**
 * The anonymised Granitt victim-case tables (Pegasus, Candiru), reduced to counts per operating
 * state: cases, cases against civil society, first and last year of attack. Nothing about a
 * person leaves this function — no row, no role list, only aggregates.
 *
 * Civil society, by the `role` values found in the files: Journalist, Activist, Lawyer,
 * Politician, Academic, Clergy (and, for future editions, human rights defender, opposition,
 * NGO staff). Not civil society: Staff (the affiliation column was dropped, so an NGO's staff
 * cannot be told from a ministry's), Family, Royal, Criminal, Actor, Group and an empty role —
 * so the civil-society count is a lower bound. An unknown role is refused rather than guessed.
 */
export const VICTIM_CASE_COLUMNS = ['spyware', 'role', 'occurred', 'operator_iso3']

// biome-ignore format: role lists read better on few lines
export const CIVIL_SOCIETY_ROLES: readonly string[] = Object.freeze([
  'journalist', 'activist', 'lawyer', 'politician', 'academic', 'clergy',
  'human rights defender', 'human-rights defender', 'opposition', 'ngo staff',
])
// biome-ignore format: role lists read better on few lines
export const OTHER_ROLES: readonly string[] = Object.freeze([
  '', 'staff', 'family', 'royal', 'criminal', 'actor', 'group',
])

const civilSocietyRoles = new Set(CIVIL_SOCIETY_ROLES)
const otherRoles = new Set(OTHER_ROLES)

export async function parseVictimCases(paths: readonly string[]): Promise<VictimCaseTable> {
  const tables: CsvTable[] = []
  for (const path of paths) tables.push(await readCsvFile(path))
  return victimCasesFromTables(tables)
}

export function victimCasesFromTables(tables: readonly CsvTable[]): VictimCaseTable {
  const states = new Map<string, VictimCaseAggregate>()
  const products = new Set<string>()
  let unattributed = 0
  for (const table of tables) {
    requireColumns(table, VICTIM_CASE_COLUMNS)
    for (const row of table.rows) {
      products.add(databaseName(row.required('spyware')))
      const civilSociety = isCivilSociety(row)
      const years = list(row.text('occurred')).map((year) => toYear(row, year))
      const operators = list(row.text('operator_iso3')).map((code) => toAlpha2(row, code))
      if (operators.length === 0) unattributed++
      operators.forEach((state, i) => {
        // `MEX; SLV` with `2016; 2021`: Granitt lists several values in step, so pair them.
        const own = operators.length === years.length ? [years[i] as number] : years
        const aggregate = states.get(state) ?? {
          total: 0,
          civilSociety: 0,
          firstYear: null,
          lastYear: null,
        }
        aggregate.total++
        if (civilSociety) aggregate.civilSociety++
        for (const year of own) {
          aggregate.firstYear = Math.min(aggregate.firstYear ?? year, year)
          aggregate.lastYear = Math.max(aggregate.lastYear ?? year, year)
        }
        states.set(state, aggregate)
      })
    }
  }
  const sorted = [...states].sort(([a], [b]) => a.localeCompare(b))
  return {
    source: `Granitt ${[...products].sort().reverse().join('/')} Victim Database (CC BY-NC-SA 4.0, non-commercial), anonymised and aggregated per operating state`,
    states: Object.fromEntries(sorted),
    unattributed,
  }
}

function isCivilSociety(row: CsvRow): boolean {
  const role = row.text('role').toLowerCase()
  if (civilSocietyRoles.has(role)) return true
  if (otherRoles.has(role)) return false
  throw row.error(
    'role',
    `unknown role "${row.text('role')}": add it to the civil-society mapping or to the other roles`,
  )
}

function list(cell: string): string[] {
  return cell === '' ? [] : cell.split(';').map((part) => part.trim())
}

function toYear(row: CsvRow, text: string): number {
  const year = Number(text)
  if (!/^\d{4}$/.test(text) || year < 1990 || year > 2100) {
    throw row.error(
      'occurred',
      `expected years like 2019 or 2019; 2020, found "${row.text('occurred')}"`,
    )
  }
  return year
}

function toAlpha2(row: CsvRow, code: string): string {
  const alpha2 = alpha3ToAlpha2(code)
  if (alpha2 === undefined) throw row.error('operator_iso3', `unknown ISO alpha-3 code "${code}"`)
  return alpha2
}

/** `Pegasus (NSO Group)` → Pegasus; `DevilsTongue (Candiru)` → Candiru, as Granitt names its databases. */
function databaseName(spyware: string): string {
  if (/candiru/i.test(spyware)) return 'Candiru'
  if (/pegasus/i.test(spyware)) return 'Pegasus'
  return spyware
}
