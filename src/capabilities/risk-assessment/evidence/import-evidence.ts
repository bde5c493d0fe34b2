import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { z } from 'zod'
import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import { ValidationError } from '../../../platform/http/errors.ts'
import { combineIndicators } from './combine-indicators.ts'
import { type CsvTable, parseCsvText } from './csv-table.ts'
import { EvidenceFormatError } from './evidence-format-error.ts'
import {
  type EvidenceFile,
  type EvidenceKind,
  insertEvidenceSet,
  newestEvidenceSets,
} from './evidence-set.repository.ts'
import {
  IndicatorTableSchema,
  SpywareOperatorsSchema,
  VictimCaseTableSchema,
} from './evidence-set.schema.ts'
import type { EvidenceTables } from './evidence-tables.ts'
import { FREEDOM_HOUSE_COLUMNS, freedomHouseFromTable } from './parse-freedom-house.ts'
import { operatorStatesFromTable } from './parse-operator-states.ts'
import { RSF_COLUMNS, rsfFromTable } from './parse-rsf.ts'
import { VDEM_COLUMNS, vdemFromTable } from './parse-vdem.ts'
import { victimCasesFromTables } from './parse-victim-cases.ts'

export type ImportedEvidenceSet = {
  id: number
  kind: EvidenceKind
  importedAt: Date
  files: EvidenceFile[]
  /** Countries (indicators), rows (spyware operators) or states (victim cases) stored. */
  entries: number
  summary: string
}

/**
 * `glasshouse reference import-indicators` and its siblings: parse the files completely (each
 * file is read once, so the sha256 recorded is of the bytes parsed), then store one evidence set.
 * A file that fails to parse stores nothing. The newest set of each kind replaces the authored
 * table of that kind in `loadEvidenceTables`.
 */
export async function importEvidence(
  db: Db,
  clock: Clock,
  { kind, paths, actor }: { kind: EvidenceKind; paths: readonly string[]; actor: string },
): Promise<ImportedEvidenceSet> {
  const files: EvidenceFile[] = []
  const tables: CsvTable[] = []
  for (const path of paths) {
    const { file, table } = await readEvidenceFile(path)
    files.push(file)
    tables.push(table)
  }
  const { data, entries, summary } = parseSet(kind, tables)
  const stored = await insertEvidenceSet(db, clock, { kind, actor, files, data })
  return { ...stored, kind, files, entries, summary }
}

/** The newest imported set of each kind, ready for `createCountryEvidenceSource`. */
export async function loadEvidenceTables(db: Db): Promise<Partial<EvidenceTables>> {
  const tables: Partial<EvidenceTables> = {}
  for (const set of await newestEvidenceSets(db)) {
    const where = `evidence set ${set.id} (${set.kind})`
    switch (set.kind) {
      case 'indicators':
        tables.indicators = check(IndicatorTableSchema, set.data, where)
        break
      case 'spyware-operators':
        tables.spyware = check(SpywareOperatorsSchema, set.data, where)
        break
      case 'victim-cases':
        tables.victimCases = check(VictimCaseTableSchema, set.data, where)
        break
    }
  }
  return tables
}

function check<T>(schema: z.ZodType<T>, data: unknown, where: string): T {
  const result = schema.safeParse(data)
  if (!result.success) throw new Error(`${where} has an unexpected shape: ${result.error.message}`)
  return result.data
}

function parseSet(
  kind: EvidenceKind,
  tables: CsvTable[],
): { data: unknown; entries: number; summary: string } {
  if (kind === 'indicators') {
    const { freedomHouse, vdem, rsf } = sortIndicatorFiles(tables)
    const data = combineIndicators(
      freedomHouseFromTable(freedomHouse),
      vdemFromTable(vdem),
      rsfFromTable(rsf),
    )
    const entries = Object.keys(data.countries).length
    return {
      data,
      entries,
      summary: `${entries} countries: ${Object.values(data.attribution).join('; ')}`,
    }
  }
  if (kind === 'spyware-operators') {
    const [table, ...more] = tables
    if (!table || more.length > 0) {
      throw new ValidationError(
        'Give exactly one operator_states.csv file',
        [],
        'evidence_files_invalid',
      )
    }
    const data = operatorStatesFromTable(table)
    const states = new Set(data.map((row) => row.country)).size
    return { data, entries: data.length, summary: `${data.length} rows for ${states} states` }
  }
  if (tables.length === 0) {
    throw new ValidationError('Give at least one victim-case file', [], 'evidence_files_invalid')
  }
  const data = victimCasesFromTables(tables)
  const states = Object.keys(data.states).length
  const cases = Object.values(data.states).reduce((sum, state) => sum + state.total, 0)
  return { data, entries: states, summary: `${cases} attributed cases for ${states} states` }
}

const PUBLISHERS = [
  { key: 'freedomHouse', name: 'Freedom House', columns: FREEDOM_HOUSE_COLUMNS },
  { key: 'vdem', name: 'V-Dem', columns: VDEM_COLUMNS },
  { key: 'rsf', name: 'RSF', columns: RSF_COLUMNS },
] as const

/** Tells the three publishers' files apart by their header rows, in any order. */
function sortIndicatorFiles(
  tables: CsvTable[],
): Record<(typeof PUBLISHERS)[number]['key'], CsvTable> {
  const found = new Map<string, CsvTable>()
  for (const table of tables) {
    const header = new Set(table.header)
    const publisher = PUBLISHERS.find((p) => p.columns.every((column) => header.has(column)))
    if (!publisher) {
      const expected = PUBLISHERS.map((p) => `${p.name} (${p.columns.join(', ')})`).join('; ')
      throw new EvidenceFormatError(table.file, 1, null, `header matches none of: ${expected}`)
    }
    const earlier = found.get(publisher.key)
    if (earlier) {
      throw new EvidenceFormatError(
        table.file,
        null,
        null,
        `a second ${publisher.name} file (the first was ${basename(earlier.file)})`,
      )
    }
    found.set(publisher.key, table)
  }
  const missing = PUBLISHERS.filter((p) => !found.has(p.key)).map((p) => p.name)
  const [freedomHouse, vdem, rsf] = PUBLISHERS.map((p) => found.get(p.key))
  if (!freedomHouse || !vdem || !rsf) {
    throw new ValidationError(
      `The indicator import needs one file from each publisher; missing: ${missing.join(', ')}`,
      [],
      'evidence_files_invalid',
    )
  }
  return { freedomHouse, vdem, rsf }
}

async function readEvidenceFile(path: string): Promise<{ file: EvidenceFile; table: CsvTable }> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new EvidenceFormatError(
      path,
      null,
      null,
      `cannot be read (${(error as Error).message})`,
      {
        cause: error,
      },
    )
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const table = parseCsvText(path, bytes.toString('utf8'))
  return { file: { name: basename(path), bytes: bytes.length, sha256 }, table }
}
