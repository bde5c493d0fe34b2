import type { WatchlistEntity } from '../watchlist-entity.ts'
import { countryCode } from './country-names.ts'
import { expectColumns, readCsvRecords } from './csv-records.ts'
import { cleanText, EntityBuilder, joinAddress, partialDate, stableId } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { looksLikeOrganization } from './organization-words.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'

/**
 * BIS Denied Persons List, the tab-separated download with a header row and every field quoted.
 * One row is one order against one name at one address, so the same party can appear on several
 * rows (AIR FREIGHT LTD has four addresses); each row stays its own entity, as the list has it.
 * Rows have no id: the id is a hash of name, effective date, FR citation and address, so it is
 * stable across downloads. The 2022-09 file repeats two rows verbatim (DAQING ZHOU, NEI-CHIEN CHU);
 * a repeat keeps its own entity with `-2` appended, so the count stays one per row.
 * The list does not say whether a row is a person or a company; see organization-words.ts.
 */
export const DPL_COLUMNS = [
  'Name',
  'Street_Address',
  'City',
  'State',
  'Country',
  'Postal_Code',
  'Effective_Date',
  'Expiration_Date',
  'Standard_Order',
  'Last_Update',
  'Action',
  'FR_Citation',
] as const

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

export async function parseBisDpl(
  file: string,
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  const entities: WatchlistEntity[] = []
  const seen = new Set<string>()
  let rows = 0
  let skippedWithoutName = 0
  let header = true
  for await (const record of readCsvRecords(file, readOptions(options), '\t')) {
    if (header) {
      const names = record.fields.map((field) => field.trim())
      if (names.join('\t') !== DPL_COLUMNS.join('\t')) {
        throw new ListFormatError(
          file,
          `line ${record.line}`,
          `expected the header ${DPL_COLUMNS.join(', ')}`,
        )
      }
      header = false
      continue
    }
    expectColumns(file, record, DPL_COLUMNS.length)
    const [
      name,
      street,
      city,
      state,
      country,
      postal,
      effective,
      expires,
      standard,
      updated,
      action,
      citation,
    ] = record.fields.map(cleanText)
    const id = uniqueId(stableId('dpl', [name, effective, citation, street, city, country]), seen)
    const entity = new EntityBuilder(
      id,
      name && looksLikeOrganization(name) ? 'Organization' : 'Person',
    )
    entity.name(name, 'primary').country(countryCode(country))
    entity.address(joinAddress([street, city, state, postal, country]))
    entity.listedOn = usDate(effective)
    entity.programme('DPL')
    if (standard)
      entity.programme(
        standard.toUpperCase() === 'Y' ? 'DPL standard order' : 'DPL non-standard order',
      )
    // Kept as text: Last_Update holds typos such as 3017-08-22 and must not stop the import.
    const facts = [
      action && `Action: ${action}`,
      citation && `FR citation: ${citation}`,
      expires && `Expires: ${expires}`,
      updated && `Last update: ${updated}`,
    ]
    entity.remark(facts.filter(Boolean).join('; '))
    rows += 1
    const built = entity.build()
    if (built) entities.push(built)
    else skippedWithoutName += 1
    options.onProgress?.(rows)
  }
  if (header) throw new ListFormatError(file, null, 'has no header row')
  return {
    source: 'bis-dpl',
    listDate: null,
    entities,
    stats: { rows, skippedWithoutName },
    deletedEntityIds: [],
  }
}

/** MM/DD/YYYY → YYYY-MM-DD, or null when it is not a real date. */
function usDate(value: string | null | undefined): string | null {
  const parts = value ? US_DATE.exec(value) : null
  if (!parts?.[3]) return null
  const date = partialDate(parts[3], parts[1], parts[2])
  return date && date.length === 10 ? date : null
}

function uniqueId(id: string, seen: Set<string>): string {
  let unique = id
  for (let n = 2; seen.has(unique); n += 1) unique = `${id}-${n}`
  seen.add(unique)
  return unique
}
