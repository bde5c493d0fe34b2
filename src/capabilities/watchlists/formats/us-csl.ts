import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'
import { countryCode } from './country-names.ts'
import { type CsvRecord, readCsvRecords } from './csv-records.ts'
import { cleanText, EntityBuilder, stableId } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { ofacDates, ofacIdentifierType } from './ofac-remarks.ts'
import { looksLikeOrganization } from './organization-words.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'

/**
 * US Consolidated Screening List (trade.gov) CSV with a header row; multi-valued cells are
 * `;`-separated. Rows from lists that give no `type` (Entity List, DPL, ISN, DTC …) are typed by
 * organization-words.ts, else Person for Denied Persons rows and Other for the rest.
 */
const COLUMNS = [
  'source',
  'entity_number',
  'type',
  'programs',
  'name',
  'title',
  'addresses',
  'federal_register_notice',
  'start_date',
  'end_date',
  'standard_order',
  'license_requirement',
  'license_policy',
  'call_sign',
  'vessel_type',
  'gross_tonnage',
  'gross_registered_tonnage',
  'vessel_flag',
  'vessel_owner',
  'remarks',
  'source_list_url',
  'alt_names',
  'citizenships',
  'dates_of_birth',
  'nationalities',
  'places_of_birth',
  'source_information_url',
  'ids',
] as const
type Column = (typeof COLUMNS)[number]

const SCHEMAS: Record<string, EntitySchema> = {
  individual: 'Person',
  entity: 'Organization',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
}
// `ids` cells also carry contact details and sanction notes; these are not identifiers.
const NOT_IDS =
  /website|e-?mail|phone|fax|additional sanctions|directive|secondary sanctions|former vessel flag|gender|nationality|listing date|effective date|transactions prohibited/i

export async function parseUsCsl(
  file: string,
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  const entities: WatchlistEntity[] = []
  const seen = new Set<string>()
  let index: Map<string, number> | undefined
  let rows = 0
  let skippedWithoutName = 0
  for await (const record of readCsvRecords(file, readOptions(options))) {
    if (!index) {
      index = header(file, record)
      continue
    }
    const columns = index
    const get = (column: Column) => cleanText(record.fields[columns.get(column) ?? -1])
    const list = (column: Column) =>
      (get(column) ?? '')
        .split(';')
        .map(cleanText)
        .filter((v) => v !== null)
    const source = get('source')
    const name = get('name')
    const fallbackId = stableId('csl', [
      source,
      name,
      get('start_date'),
      get('federal_register_notice'),
      get('addresses'),
    ])
    let id = get('entity_number') ?? fallbackId
    for (let n = 2; seen.has(id); n += 1) id = `${get('entity_number') ?? fallbackId}-${n}`
    seen.add(id)

    const entity = new EntityBuilder(id, schemaOf(get('type'), name, source))
    entity.name(name, 'primary')
    for (const alias of list('alt_names')) entity.name(alias, 'good', 'aka')
    for (const programme of list('programs')) entity.programme(programme)
    entity.programme(source?.split(' - ')[0])
    for (const code of [...list('citizenships'), ...list('nationalities')])
      entity.country(countryCode(code))
    entity.country(countryCode(get('vessel_flag')))
    for (const address of list('addresses')) {
      entity.address(address)
      entity.country(countryCode(address.split(',').at(-1)))
    }
    for (const date of list('dates_of_birth')) {
      if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) entity.birthDate(date)
      else for (const parsed of ofacDates(date)) entity.birthDate(parsed)
    }
    for (const item of list('ids')) addIdentifier(entity, item)
    entity.identifier('call-sign', get('call_sign'))
    const start = get('start_date')
    entity.listedOn = start && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : null
    for (const [label, column] of REMARK_COLUMNS) {
      const value = get(column)
      if (value) entity.remark(label ? `${label}: ${value}` : value)
    }
    rows += 1
    const built = entity.build()
    if (built) entities.push(built)
    else skippedWithoutName += 1
    options.onProgress?.(rows)
  }
  if (!index) throw new ListFormatError(file, null, 'has no header row')
  return {
    source: 'us-csl',
    listDate: null,
    entities,
    stats: { rows, skippedWithoutName },
    deletedEntityIds: [],
  }
}

const REMARK_COLUMNS: ReadonlyArray<readonly [string, Column]> = [
  ['', 'remarks'],
  ['Title', 'title'],
  ['Federal Register', 'federal_register_notice'],
  ['End date', 'end_date'],
  ['Licence requirement', 'license_requirement'],
  ['Licence policy', 'license_policy'],
  ['Vessel type', 'vessel_type'],
  ['Vessel owner', 'vessel_owner'],
]

function header(file: string, record: CsvRecord): Map<string, number> {
  const index = new Map(record.fields.map((name, i) => [name.trim(), i]))
  const missing = COLUMNS.filter((column) => !index.has(column))
  if (missing.length > 0) {
    throw new ListFormatError(
      file,
      `line ${record.line}`,
      `missing column(s) ${missing.join(', ')} (is this the CSL CSV?)`,
    )
  }
  return index
}

function schemaOf(type: string | null, name: string | null, source: string | null): EntitySchema {
  const schema = SCHEMAS[(type ?? '').toLowerCase()]
  if (schema) return schema
  if (name && looksLikeOrganization(name)) return 'Organization'
  return source?.startsWith('Denied Persons') ? 'Person' : 'Other'
}

/** `CC, number, label`, `number, label` or `IMO 1234567, Vessel Registration Identification`. */
function addIdentifier(entity: EntityBuilder, item: string): void {
  const parts = item.split(',').map((part) => part.trim())
  const label = parts.pop() ?? ''
  if (parts.length === 0 || NOT_IDS.test(label)) return
  const country = parts.length > 1 && /^[A-Z]{2}$/.test(parts[0] ?? '') ? parts.shift() : undefined
  const value = parts.join(', ')
  const imo = /^IMO (\d{7})$/.exec(value)
  if (imo) entity.identifier('imo', imo[1], country)
  else
    entity.identifier(
      ofacIdentifierType(label) ??
        label
          .toLowerCase()
          .replace(/[.#:]+$/, '')
          .trim(),
      value,
      country,
    )
}
