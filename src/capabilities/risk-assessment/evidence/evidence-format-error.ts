import { basename } from 'node:path'

/**
 * A publisher's or curator's file that cannot be read as the table it claims to be. Kept apart
 * from raw TypeErrors so `glasshouse reference import-indicators` can tell the officer exactly
 * what to fix: `rsf_2025.csv line 14, column score: expected a number, found "n/a"`.
 */
export class EvidenceFormatError extends Error {
  override readonly name = 'EvidenceFormatError'
  /** The path as it was given. */
  readonly file: string
  /** 1-based line of the record, or null for the whole file. */
  readonly line: number | null
  /** The column by its header name, or null when the problem is not one cell. */
  readonly column: string | null

  constructor(
    file: string,
    line: number | null,
    column: string | null,
    problem: string,
    options?: ErrorOptions,
  ) {
    const at = [line === null ? null : `line ${line}`, column === null ? null : `column ${column}`]
      .filter((part) => part !== null)
      .join(', ')
    super(`${basename(file)}${at ? ` ${at}` : ''}: ${problem}`, options)
    this.file = file
    this.line = line
    this.column = column
  }
}
