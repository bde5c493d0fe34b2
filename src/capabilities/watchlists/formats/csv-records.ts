import { CsvError, parse } from 'csv-parse'
import { ListFormatError } from './list-format-error.ts'
import { type ReadListOptions, readListText } from './read-list-input.ts'

/** One CSV record and the line it starts on (1-based). */
export type CsvRecord = { fields: string[]; line: number }

/** One record far larger than any real row means a runaway quote, not data. */
const MAX_RECORD_CHARS = 1024 * 1024

/**
 * Streams the records of a CSV or TSV list file (RFC 4180 quoting, CRLF or LF) through csv-parse,
 * fed with the text `readListText` decoded (so encoding, size and the DOS EOF byte are handled
 * once). Blank lines are skipped; column counts are the caller's check.
 */
export async function* readCsvRecords(
  file: string,
  read: ReadListOptions,
  delimiter: ',' | '\t' = ',',
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    info: true,
  })
  const feed = (async () => {
    try {
      for await (const chunk of readListText(file, read)) {
        if (parser.destroyed) return
        if (!parser.write(chunk)) await drainedOrClosed(parser)
      }
      if (!parser.destroyed) parser.end()
    } catch (error) {
      parser.destroy(error as Error)
    }
  })()
  let nextLine = 1
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      // PostgreSQL cannot store a NUL in text: refuse it here, where the line is known.
      const nul = record.findIndex((field) => field.includes('\u0000'))
      if (nul !== -1)
        throw new ListFormatError(
          file,
          `line ${nextLine}`,
          `column ${nul + 1} contains a NUL character`,
        )
      yield { fields: record, line: nextLine }
      nextLine = info.lines + 1
    }
  } catch (error) {
    if (error instanceof ListFormatError) throw error
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? nextLine
      throw new ListFormatError(file, `line ${line}`, csvProblem(error))
    }
    throw error
  } finally {
    // The caller may stop early (a bad header): stop reading the file too.
    parser.destroy()
    await feed
  }
}

function drainedOrClosed(stream: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.once('drain', done)
    stream.once('close', done)
  })
}

const PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected text after a closing quote',
  CSV_MAX_RECORD_SIZE: `a record runs past ${MAX_RECORD_CHARS} characters (unclosed quote?)`,
}

function csvProblem(error: CsvError): string {
  return PROBLEMS[error.code] ?? error.message
}

/** Fails unless the record has exactly `expected` fields. */
export function expectColumns(file: string, record: CsvRecord, expected: number): void {
  if (record.fields.length !== expected) {
    throw new ListFormatError(
      file,
      `line ${record.line}`,
      `expected ${expected} columns, found ${record.fields.length}`,
    )
  }
}
