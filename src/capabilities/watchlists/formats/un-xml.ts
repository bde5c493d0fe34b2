import type { WatchlistEntity } from '../watchlist-entity.ts'
import { countryCode } from './country-names.ts'
import { cleanText, EntityBuilder, joinAddress, yearRange } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'
import { children, childText, readXmlRecords, type XmlNode } from './xml-records.ts'

/**
 * UN Security Council Consolidated List XML (schema https://www.un.org/sc/resources/sc-sanctions.xsd):
 * CONSOLIDATED_LIST[@dateGenerated]/INDIVIDUALS/INDIVIDUAL and /ENTITIES/ENTITY.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/
const YEAR = /^\d{4}$/

// Individuals' aliases carry a quality (Good/Low); entities' carry the kind (a.k.a./f.k.a.).
const ALIAS_QUALITY: Record<string, { quality: 'good' | 'low'; kind: string }> = {
  good: { quality: 'good', kind: 'aka' },
  low: { quality: 'low', kind: 'aka' },
  'a.k.a.': { quality: 'good', kind: 'aka' },
  'f.k.a.': { quality: 'good', kind: 'fka' },
  'n.k.a.': { quality: 'good', kind: 'nka' },
}

export async function parseUnXml(
  file: string,
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  const entities: WatchlistEntity[] = []
  let listDate: string | null = null
  let rows = 0
  let skippedWithoutName = 0
  await readXmlRecords(file, readOptions(options), {
    root: 'CONSOLIDATED_LIST',
    onRoot: (attributes) => {
      const date = attributes.dateGenerated?.slice(0, 10) ?? ''
      listDate = DATE.test(date) ? date : null
    },
    isRecord: (name, depth) => depth === 2 && (name === 'INDIVIDUAL' || name === 'ENTITY'),
    onRecord: (node, position) => {
      rows += 1
      const entity = unEntity(file, node, position)
      if (entity) entities.push(entity)
      else skippedWithoutName += 1
      options.onProgress?.(rows)
    },
  })
  return {
    source: 'un-sc',
    listDate,
    entities,
    stats: { rows, skippedWithoutName },
    deletedEntityIds: [],
  }
}

function unEntity(file: string, node: XmlNode, position: string): WatchlistEntity | null {
  const person = node.name === 'INDIVIDUAL'
  const id = cleanText(childText(node, 'DATAID'))
  if (!id) throw new ListFormatError(file, position, `<${node.name}> without a DATAID`)
  const entity = new EntityBuilder(id, person ? 'Person' : 'Organization')
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) =>
    childText(node, n),
  )
  entity.name(parts.map(cleanText).filter(Boolean).join(' '), 'primary')
  entity.name(childText(node, 'NAME_ORIGINAL_SCRIPT'), 'good', 'original-script')
  for (const alias of children(node, person ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const quality = ALIAS_QUALITY[cleanText(childText(alias, 'QUALITY'))?.toLowerCase() ?? 'good']
    entity.name(childText(alias, 'ALIAS_NAME'), quality?.quality ?? 'good', quality?.kind ?? 'aka')
  }

  for (const nationality of children(node, 'NATIONALITY')) {
    for (const value of children(nationality, 'VALUE')) entity.country(countryCode(value.text))
  }
  for (const address of children(node, person ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) {
    const country = childText(address, 'COUNTRY')
    entity.country(countryCode(country))
    const fields = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE'].map((n) =>
      childText(address, n),
    )
    entity.address(joinAddress([...fields, country]))
  }
  for (const birth of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const date = cleanText(childText(birth, 'DATE'))
    const year = cleanText(childText(birth, 'YEAR'))
    const from = cleanText(childText(birth, 'FROM_YEAR'))
    const to = cleanText(childText(birth, 'TO_YEAR'))
    if (date && DATE.test(date)) entity.birthDate(date)
    else if (year && YEAR.test(year)) entity.birthDate(year)
    else if (from && to) for (const y of yearRange(from, to)) entity.birthDate(y)
  }
  for (const document of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const type = documentType(
      `${childText(document, 'TYPE_OF_DOCUMENT')} ${childText(document, 'TYPE_OF_DOCUMENT2')}`,
    )
    const country =
      childText(document, 'ISSUING_COUNTRY') || childText(document, 'COUNTRY_OF_ISSUE')
    entity.identifier(type, childText(document, 'NUMBER'), countryCode(country))
  }
  entity.identifier('un-reference', childText(node, 'REFERENCE_NUMBER'))
  entity.programme(childText(node, 'UN_LIST_TYPE'))
  const listed = cleanText(childText(node, 'LISTED_ON'))
  entity.listedOn = listed && DATE.test(listed) ? listed : null
  entity.remark(childText(node, 'COMMENTS1'))
  return entity.build()
}

/** The UN writes document types freely, in three languages; passports and national ids are the common ones. */
function documentType(text: string): string {
  if (/passport|passeport|pasaporte/i.test(text)) return 'passport'
  if (/national|identi|tazkira/i.test(text)) return 'national-id'
  return (
    cleanText(text)
      ?.toLowerCase()
      .replace(/[:.]+$/, '') || 'other'
  )
}
