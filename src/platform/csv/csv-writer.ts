import { stringify } from 'csv-stringify/sync'

/**
 * The one CSV writer: every CSV Glasshouse produces (the licence export and the register
 * download, the annual report's files and data package, the investigation report, the screening
 * answer) goes through it.
 *
 * RFC 4180 quoting (a cell with a comma, double quote, CR or LF is quoted, quotes doubled), built on
 * csv-stringify. Against CSV (formula) injection, OWASP's rule: a text cell that begins with `=`,
 * `+`, `-`, `@`, tab or carriage return gets a single quote `'` in front and is quoted, so a
 * spreadsheet shows it as text instead of running it. The full-width forms of `= + - @`
 * (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheets fold into the ASCII ones, count too,
 * as in csv-stringify's `escape_formulas`.
 *
 * Types decide what is text: every string cell is text, whatever its column, and is checked; a
 * number the system computed and hands over as a JS number (a count, a rank, a score) is written as
 * it is, so a negative number stays a number. Booleans are `true`/`false`, null and undefined empty.
 *
 * So that a file the system wrote reads back as it was written (the licence CSV is also the import
 * format), the quote is added to a cell that begins with any number of quotes followed by a trigger
 * (`'=x` becomes `''=x`); `restoreCsvCell` removes exactly one such quote again. Every other cell
 * is written unchanged.
 */
export type CsvCell = string | number | boolean | null | undefined

export type CsvOptions = {
  /** A header row, written first (also when there are no rows). */
  header?: readonly string[]
  /** `\n` (the default) or `\r\n`. */
  lineEnding?: '\n' | '\r\n'
}

/** Quotes, then a character that starts a formula. */
const NEUTRALISED = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
const QUOTE = 0x27

/** Whether a text cell is written with a `'` in front. */
export function needsNeutralising(text: string): boolean {
  if (text === '') return false
  const first = text.charCodeAt(0)
  // A fast answer for the usual cell, which starts with a letter or digit.
  if (first > 0x40 && first < 0xff00) return false
  return NEUTRALISED.test(text)
}

/** The text of a cell as the writer puts it (before RFC 4180 quoting). */
export function neutraliseCsvCell(text: string): string {
  return needsNeutralising(text) ? `'${text}` : text
}

/** Undoes `neutraliseCsvCell`: the value of a cell read back from a file the writer produced. */
export function restoreCsvCell(text: string): string {
  return text.charCodeAt(0) === QUOTE && NEUTRALISED.test(text.slice(1)) ? text.slice(1) : text
}

/** The rows (and the header, if given) as CSV text, each record ended by the line ending. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const records = (options.header ? [options.header, ...rows] : rows) as CsvCell[][]
  return stringify(records, {
    record_delimiter: options.lineEnding === '\r\n' ? 'windows' : 'unix',
    // Given a record delimiter, csv-stringify would stop quoting a lone LF or CR; keep quoting them.
    quote_record_delimiter: true,
    cast: {
      boolean: (value) => String(value),
      string: (value) => (needsNeutralising(value) ? { value: `'${value}`, quoted: true } : value),
    },
  })
}
