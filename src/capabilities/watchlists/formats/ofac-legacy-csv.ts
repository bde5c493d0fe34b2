import { basename } from 'node:path'
import type { EntitySchema } from '../watchlist-entity.ts'
import { countryCode } from './country-names.ts'
import { expectColumns, readCsvRecords } from './csv-records.ts'
import { cleanText, EntityBuilder, joinAddress } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { applyOfacRemarks } from './ofac-remarks.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'

/**
 * OFAC's legacy CSV ("sdn.csv and friends"): no header, `-0- ` for empty, Windows-1252, CRLF and a
 * closing 0x1A byte. Columns as documented by OFAC and in shared/data/sanctions/PROVENANCE.md:
 *   primary  ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
 *            Vess_flag, Vess_owner, Remarks
 *   add      ent_num, Add_num, Address, City/State/Province/Postal, Country, Add_remarks
 *   alt      ent_num, alt_num, alt_type (aka|fka|nka), alt_name, alt_remarks
 *   comments ent_num, Remarks_Extended (the rest of a Remarks cell cut at 1,000 characters)
 */
export type OfacList = 'ofac-sdn' | 'ofac-cons'
type Role = 'primary' | 'addresses' | 'aliases' | 'comments'
type OfacFiles = Record<Role, string[]>

const NAMES: Record<OfacList, ReadonlyArray<readonly [RegExp, Role]>> = {
  'ofac-sdn': [
    [/^sdn\.csv$/, 'primary'],
    [/^add\.csv$/, 'addresses'],
    [/^alt\.csv$/, 'aliases'],
    [/^sdn_comments.*\.csv$/, 'comments'],
  ],
  'ofac-cons': [
    [/^cons_prim\.csv$/, 'primary'],
    [/^cons_add\.csv$/, 'addresses'],
    [/^cons_alt\.csv$/, 'aliases'],
    [/^cons_comments.*\.csv$/, 'comments'],
  ],
}
const PRIMARY_NAME: Record<OfacList, string> = {
  'ofac-sdn': 'sdn.csv',
  'ofac-cons': 'cons_prim.csv',
}

const SCHEMAS: Record<string, EntitySchema> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
  entity: 'Organization',
  '': 'Organization',
}

/** Recognises each file by its OFAC name; the primary file is required, the others optional. */
export function classifyOfacFiles(list: OfacList, paths: readonly string[]): OfacFiles {
  const files: OfacFiles = { primary: [], addresses: [], aliases: [], comments: [] }
  const expected = NAMES[list].map(([pattern]) => pattern.source.replace(/[\\^$]/g, '')).join(', ')
  for (const path of paths) {
    const name = basename(path).toLowerCase()
    const role = NAMES[list].find(([pattern]) => pattern.test(name))?.[1]
    if (!role)
      throw new ListFormatError(
        path,
        null,
        `is not a file of the ${list} set (expected ${expected})`,
      )
    files[role].push(path)
  }
  if (files.primary.length !== 1) {
    const file = paths[0] ?? PRIMARY_NAME[list]
    const problem =
      files.primary.length === 0
        ? `the ${list} set needs ${PRIMARY_NAME[list]}, which was not among the files given (${paths.map((p) => basename(p)).join(', ') || 'none'})`
        : `${PRIMARY_NAME[list]} was given more than once`
    throw new ListFormatError(file, null, problem)
  }
  return files
}

/** OFAC writes `-0- ` for an empty cell. */
function value(field: string | undefined): string | null {
  const cleaned = cleanText(field)
  return cleaned === '-0-' ? null : cleaned
}

const read = (options: ParseOptions) => ({
  encoding: 'windows-1252' as const,
  ...readOptions(options),
})

export async function parseOfacLegacyCsv(
  list: OfacList,
  paths: readonly string[],
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  const files = classifyOfacFiles(list, paths)
  const primary = files.primary[0] as string
  const entities = new Map<
    string,
    { builder: EntityBuilder; remarks: string; extra: (string | null)[] }
  >()
  const stats = { rows: 0, aliases: 0, addresses: 0, comments: 0, skippedWithoutName: 0 }

  for await (const record of readCsvRecords(primary, read(options))) {
    expectColumns(primary, record, 12)
    const [
      entNum,
      name,
      type,
      program,
      title,
      callSign,
      vesselType,
      tonnage,
      grt,
      flag,
      owner,
      remarks,
    ] = record.fields.map(value)
    const id = entityNumber(primary, record.line, entNum)
    const schema = SCHEMAS[(type ?? '').toLowerCase()] ?? 'Other'
    const builder = new EntityBuilder(id, schema).name(name, 'primary')
    for (const part of (program ?? '').split(/\]\s*\[/))
      builder.programme(part.replace(/^\[|\]$/g, ''))
    builder.identifier('call-sign', callSign).country(countryCode(flag))
    const vessel = [
      vesselType,
      tonnage && `tonnage ${tonnage}`,
      grt && `GRT ${grt}`,
      owner && `owner ${owner}`,
    ]
    const extra = [
      title ? `Title: ${title}` : null,
      vessel.some(Boolean) ? `Vessel: ${vessel.filter(Boolean).join(', ')}` : null,
    ]
    // Raw remarks: the comments file continues them mid-word, so they are joined before cleaning.
    entities.set(id, { builder, remarks: remarks === null ? '' : (record.fields[11] ?? ''), extra })
    stats.rows += 1
    options.onProgress?.(stats.rows)
  }
  if (stats.rows === 0) throw new ListFormatError(primary, null, 'has no records')

  const owner = (file: string, line: number, field: string | undefined) => {
    const id = entityNumber(file, line, value(field))
    const entry = entities.get(id)
    if (!entry)
      throw new ListFormatError(
        file,
        `line ${line}`,
        `ent_num ${id} is not in ${basename(primary)}`,
      )
    return entry
  }
  for (const file of files.comments) {
    for await (const record of readCsvRecords(file, read(options))) {
      expectColumns(file, record, 2)
      owner(file, record.line, record.fields[0]).remarks += record.fields[1] ?? ''
      stats.comments += 1
    }
  }
  for (const file of files.aliases) {
    for await (const record of readCsvRecords(file, read(options))) {
      expectColumns(file, record, 5)
      const kind = value(record.fields[2])?.toLowerCase() ?? 'aka'
      owner(file, record.line, record.fields[0]).builder.name(value(record.fields[3]), 'good', kind)
      stats.aliases += 1
    }
  }
  for (const file of files.addresses) {
    for await (const record of readCsvRecords(file, read(options))) {
      expectColumns(file, record, 6)
      const [, , street, city, country] = record.fields.map(value)
      const { builder } = owner(file, record.line, record.fields[0])
      builder.address(joinAddress([street, city, country])).country(countryCode(country))
      stats.addresses += 1
    }
  }

  const built = []
  for (const { builder, remarks, extra } of entities.values()) {
    applyOfacRemarks(remarks, builder)
    builder.remark(remarks)
    for (const line of extra) builder.remark(line)
    const entity = builder.build()
    if (entity) built.push(entity)
    else stats.skippedWithoutName += 1
  }
  return { source: list, listDate: null, entities: built, stats, deletedEntityIds: [] }
}

function entityNumber(file: string, line: number, field: string | null | undefined): string {
  if (!field || !/^\d+$/.test(field)) {
    throw new ListFormatError(
      file,
      `line ${line}`,
      `ent_num must be a number, found ${JSON.stringify(field ?? '')}`,
    )
  }
  return field
}
