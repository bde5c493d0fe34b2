import { readFile } from 'node:fs/promises'
import { CsvError, parse } from 'csv-parse/sync'
import { EvidenceFormatError } from './evidence-format-error.ts'

/**
 * The evidence files are small (a few thousand rows), so each is read whole and parsed with
 * csv-parse; every cell is then read through a typed accessor that throws an
 * EvidenceFormatError naming the file, line and column instead of letting a bad value through.
 */
export type CsvTable = { file: string; header: string[]; rows: CsvRow[] }

export async function readCsvFile(file: string): Promise<CsvTable> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new EvidenceFormatError(
      file,
      null,
      null,
      `cannot be read (${(error as Error).message})`,
      {
        cause: error,
      },
    )
  }
  return parseCsvText(file, text)
}

export function parseCsvText(file: string, text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null
      throw new EvidenceFormatError(file, line, null, `not valid CSV (${error.code})`, {
        cause: error,
      })
    }
    throw error
  }
  const [first, ...rest] = records
  if (!first) throw new EvidenceFormatError(file, null, null, 'is empty: no header row')
  const header = first.record.map((name) => name.trim())
  const index = new Map(header.map((name, i) => [name, i]))
  let nextLine = first.info.lines + 1
  const rows: CsvRow[] = []
  for (const { record, info } of rest) {
    if (record.length !== header.length) {
      throw new EvidenceFormatError(
        file,
        nextLine,
        null,
        `expected ${header.length} columns, found ${record.length}`,
      )
    }
    rows.push(new CsvRow(file, nextLine, record, index))
    nextLine = info.lines + 1
  }
  if (rows.length === 0) throw new EvidenceFormatError(file, null, null, 'has no data rows')
  return { file, header, rows }
}

/** Fails unless every column the parser reads is in the header row. */
export function requireColumns(table: CsvTable, columns: readonly string[]): void {
  const present = new Set(table.header)
  const missing = columns.filter((column) => !present.has(column))
  if (missing.length > 0) {
    throw new EvidenceFormatError(
      table.file,
      1,
      missing[0] ?? null,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    )
  }
}

export class CsvRow {
  readonly file: string
  readonly line: number
  readonly #fields: string[]
  readonly #index: ReadonlyMap<string, number>

  constructor(file: string, line: number, fields: string[], index: ReadonlyMap<string, number>) {
    this.file = file
    this.line = line
    this.#fields = fields
    this.#index = index
  }

  /** The trimmed cell; '' when empty. */
  text(column: string): string {
    const at = this.#index.get(column)
    if (at === undefined) throw this.error(column, 'column is missing from the header')
    return (this.#fields[at] ?? '').trim()
  }

  error(column: string | null, problem: string): EvidenceFormatError {
    return new EvidenceFormatError(this.file, this.line, column, problem)
  }

  /** A non-empty cell. */
  required(column: string): string {
    const value = this.text(column)
    if (value === '') throw this.error(column, 'is empty')
    return value
  }

  /** An upper-case ISO 3166-1 alpha-2 code. */
  alpha2(column: string): string {
    const code = this.text(column)
    if (!/^[A-Z]{2}$/.test(code)) {
      throw this.error(column, `expected an ISO alpha-2 code, found "${code}"`)
    }
    return code
  }

  url(column: string): string {
    const value = this.text(column)
    if (!/^https?:\/\/\S+$/.test(value)) {
      throw this.error(column, `expected an http(s) URL, found "${value}"`)
    }
    return value
  }

  /** A decimal number within [min, max]; null when the cell is empty and `optional`. */
  number(column: string, range: { min: number; max: number; optional: true }): number | null
  number(column: string, range: { min: number; max: number; optional?: false }): number
  number(column: string, range: { min: number; max: number; optional?: boolean }): number | null {
    const raw = this.text(column)
    if (raw === '' && range.optional) return null
    if (!/^-?\d+(\.\d+)?$/.test(raw)) throw this.error(column, `expected a number, found "${raw}"`)
    const value = Number(raw)
    if (value < range.min || value > range.max) {
      throw this.error(column, `${raw} is outside ${range.min}–${range.max}`)
    }
    return value
  }

  integer(column: string, range: { min: number; max: number; optional: true }): number | null
  integer(column: string, range: { min: number; max: number; optional?: false }): number
  integer(column: string, range: { min: number; max: number; optional?: boolean }): number | null {
    const raw = this.text(column)
    if (raw === '' && range.optional) return null
    if (!/^-?\d+$/.test(raw)) throw this.error(column, `expected a whole number, found "${raw}"`)
    return this.number(column, { min: range.min, max: range.max })
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const raw = this.text(column)
    if (!(allowed as readonly string[]).includes(raw)) {
      throw this.error(column, `expected one of ${allowed.join(', ')}, found "${raw}"`)
    }
    return raw as T
  }

  /** `true`/`false` (any case); `unknown` or '' give null when allowed. */
  boolean(column: string, { unknown = false }: { unknown?: boolean } = {}): boolean | null {
    const raw = this.text(column).toLowerCase()
    if (raw === 'true') return true
    if (raw === 'false') return false
    if (unknown && (raw === 'unknown' || raw === '')) return null
    throw this.error(
      column,
      `expected true or false${unknown ? ' or unknown' : ''}, found "${this.text(column)}"`,
    )
  }
}
