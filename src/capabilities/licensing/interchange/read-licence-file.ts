import { pipeline, type Readable, Transform } from 'node:stream'
import { JSONParser, TokenType } from '@streamparser/json'
import { CsvError, parse } from 'csv-parse'
import { restoreCsvCell } from '../../../platform/csv/csv-writer.ts'
import { ImportFailedError } from './import-licences.ts'
import {
  type ImportIssue,
  ITEM_COLUMNS,
  LICENCE_CSV_COLUMNS,
  OPTIONAL_CSV_COLUMNS,
  type RawRow,
} from './licence-csv.ts'

const MAX_RECORD_BYTES = 1024 * 1024

function fatal(issue: ImportIssue): never {
  throw new ImportFailedError([issue], 1)
}

/** Decodes bytes as UTF-8, refusing invalid sequences with the line they are on. */
function strictUtf8() {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lines = 1
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const text = decoder.decode(chunk, { stream: true })
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1
        callback(null, text)
      } catch {
        // Find the line of the first bad byte: decode leniently and look for the replacement mark.
        const lenient = new TextDecoder('utf-8').decode(chunk)
        const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')))
        const line = lines + (before.match(/\n/g)?.length ?? 0)
        callback(
          new ImportFailedError(
            [{ location: `line ${line}`, line, field: 'file', message: 'not valid UTF-8' }],
            1,
          ),
        )
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode())
      } catch {
        callback(
          new ImportFailedError(
            [
              {
                location: `line ${lines}`,
                line: lines,
                field: 'file',
                message: 'not valid UTF-8 at the end of the file',
              },
            ],
            1,
          ),
        )
      }
    },
  })
}

/**
 * A row's values by column. The writer puts a `'` before a cell that starts like a formula
 * (`=`, `+`, `-`, `@`, tab, CR; docs/formats/licence-csv.md); exactly that quote is removed again,
 * so an exported file imports back to the values it was written from.
 */
function cellValues(header: string[], record: string[]): Record<string, string> {
  return Object.fromEntries(header.map((h, i) => [h, restoreCsvCell(record[i] ?? '')]))
}

/** Reads the Glasshouse licence CSV: checks the header, yields one raw row per line with its number. */
export async function* readLicenceCsv(input: Readable): AsyncGenerator<RawRow> {
  // pipeline (not pipe) so a decoding error reaches the loop below instead of stalling it.
  const parser = pipeline(
    input,
    strictUtf8(),
    parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
    }),
    () => {},
  )
  let header: string[] | undefined
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      const line = info.lines
      if (!header) {
        header = record.map((h) => h.trim())
        checkHeader(header)
        continue
      }
      const location = `line ${line}`
      if (record.length !== header.length) {
        const issue = {
          location,
          line,
          field: 'row',
          message: `has ${record.length} fields; the header has ${header.length}`,
        }
        yield {
          location,
          line,
          values: cellValues(header, record),
          issue,
        }
        continue
      }
      yield {
        location,
        line,
        values: cellValues(header, record),
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0
      const message =
        error.code === 'CSV_MAX_RECORD_SIZE'
          ? `a record is larger than ${MAX_RECORD_BYTES} bytes`
          : error.message
      fatal({ location: `line ${line}`, line, field: 'file', message })
    }
    throw error
  }
  if (!header) fatal({ location: 'line 1', line: 1, field: 'header', message: 'the file is empty' })
}

function checkHeader(header: string[]) {
  const missing = LICENCE_CSV_COLUMNS.filter(
    (c) => !header.includes(c) && !OPTIONAL_CSV_COLUMNS.includes(c),
  )
  const extra = header.filter((h) => !(LICENCE_CSV_COLUMNS as readonly string[]).includes(h))
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i)
  const problems = [
    ...(missing.length > 0 ? [`missing column(s): ${missing.join(', ')}`] : []),
    ...(extra.length > 0 ? [`unknown column(s): ${extra.slice(0, 10).join(', ')}`] : []),
    ...(duplicated.length > 0 ? [`repeated column(s): ${duplicated.join(', ')}`] : []),
  ]
  if (problems.length > 0)
    fatal({ location: 'line 1', line: 1, field: 'header', message: problems.join('; ') })
}

/**
 * Reads the JSON form: an array of applications, each with the CSV's application columns and an
 * `items` array of {control_entry, item_description, quantity, value, currency}. Streamed.
 */
export async function* readLicenceJson(input: Readable): AsyncGenerator<RawRow> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false })
  const pending: unknown[] = []
  let index = 0
  let sawArray = false
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 1) pending.push(value)
  }
  parser.onToken = ({ token }) => {
    if (!sawArray) sawArray = token === TokenType.LEFT_BRACKET
    if (!sawArray) throw new Error('the top level must be an array of applications')
    parser.onToken = () => {}
  }
  const decoder = pipeline(input, strictUtf8(), () => {})
  try {
    for await (const chunk of decoder) {
      parser.write(chunk as string)
      yield* drain()
    }
    if (!parser.isEnded) parser.end()
  } catch (error) {
    if (error instanceof ImportFailedError) throw error
    fatal({
      location: `application ${index + 1}`,
      field: 'file',
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  yield* drain()

  function* drain(): Generator<RawRow> {
    while (pending.length > 0) {
      const application = pending.shift()
      index += 1
      const location = `application ${index}`
      if (typeof application !== 'object' || application === null || Array.isArray(application)) {
        yield {
          location,
          values: {},
          issue: { location, field: 'application', message: 'must be an object' },
        }
        continue
      }
      const { items, ...fields } = application as Record<string, unknown>
      const extra = Object.keys(fields).filter(
        (k) =>
          !(LICENCE_CSV_COLUMNS as readonly string[]).includes(k) ||
          ITEM_COLUMNS.includes(k as never),
      )
      if (extra.length > 0) {
        yield {
          location,
          values: fields,
          issue: { location, field: extra[0] as string, message: 'unknown field' },
        }
        continue
      }
      if (!Array.isArray(items) || items.length === 0) {
        yield {
          location,
          values: fields,
          issue: { location, field: 'items', message: 'must be a non-empty array' },
        }
        continue
      }
      for (const [n, item] of items.entries()) {
        const itemLocation = `${location} items[${n}]`
        const values = {
          ...fields,
          ...(typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}),
        }
        yield { location: itemLocation, values }
      }
    }
  }
}
