import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'
import { countryCode } from './country-names.ts'
import { cleanText, EntityBuilder, joinAddress, partialDate, yearRange } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'
import { children, readXmlRecords, type XmlNode } from './xml-records.ts'

/**
 * EU Financial Sanctions Files, XML v1.1 ("Consolidated list of persons, groups and entities
 * subject to EU financial sanctions", webgate.ec.europa.eu/fsd/fsf xmlFullSanctionsList_1_1).
 *
 * Schema as checked against published parsers (search of public code, 2026):
 *  - opensanctions/opensanctions zavod/zavod/shed/fsf.py (the eu_fsf crawler): root in namespace
 *    http://eu.europa.ec/fpi/fsd/export, `.//sanctionEntity` with @euReferenceNumber @logicalId
 *    @designationDate @unitedNationId; children `remark`, `regulation` (@programme
 *    @publicationDate @entryIntoForceDate @numberTitle, child publicationUrl), `subjectType`
 *    (@code person|enterprise), `nameAlias` (@wholeName @firstName @middleName @lastName @strong
 *    @nameLanguage @title @function @gender, child remark — "low quality" marks a weak alias too),
 *    `identification` (@identificationTypeCode passport|id|regnumber|fiscalcode|imo|swiftbic|…
 *    @number @latinNumber @countryIso2Code), `address` (@street @poBox @zipCode @city @region
 *    @place @countryIso2Code @countryDescription), `birthdate` (@birthdate @year @monthOfYear
 *    @dayOfMonth @yearRangeFrom @yearRangeTo @circa), `citizenship` (@countryIso2Code).
 *  - moov-io/watchman pkg/sources/csl_eu reads the CSV twin of this file with the same fields
 *    (Entity_LogicalId, NameAlias_WholeName, NameAlias_Strong …).
 *  - Published examples use countryIso2Code="00" with countryDescription="UNKNOWN"; it is dropped.
 */
export const EU_FSF_NAMESPACE = 'http://eu.europa.ec/fpi/fsd/export'

const SCHEMAS: Record<string, EntitySchema> = { person: 'Person', enterprise: 'Organization' }
const ID_TYPES: Record<string, string> = {
  passport: 'passport',
  id: 'national-id',
  regnumber: 'registration',
  fiscalcode: 'tax-id',
  imo: 'imo',
  swiftbic: 'swift-bic',
}
const DATE = /^\d{4}-\d{2}-\d{2}$/

export async function parseEuFsf(
  file: string,
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  const entities: WatchlistEntity[] = []
  let listDate: string | null = null
  let rows = 0
  let skippedWithoutName = 0
  await readXmlRecords(file, readOptions(options), {
    root: 'export',
    onRoot: (attributes) => {
      const namespace = attributes.xmlns
      if (namespace !== undefined && namespace !== EU_FSF_NAMESPACE) {
        throw new ListFormatError(
          file,
          'line 1',
          `namespace ${namespace} is not the EU FSF export namespace`,
        )
      }
      const date = attributes.generationDate?.slice(0, 10) ?? ''
      listDate = DATE.test(date) ? date : null
    },
    isRecord: (name, depth) => depth === 1 && name === 'sanctionEntity',
    onRecord: (node, position) => {
      rows += 1
      const entity = euEntity(file, node, position)
      if (entity) entities.push(entity)
      else skippedWithoutName += 1
      options.onProgress?.(rows)
    },
  })
  return {
    source: 'eu-fsf',
    listDate,
    entities,
    stats: { rows, skippedWithoutName },
    deletedEntityIds: [],
  }
}

function euEntity(file: string, node: XmlNode, position: string): WatchlistEntity | null {
  const a = node.attributes
  const id = cleanText(a.logicalId) ?? cleanText(a.euReferenceNumber)
  if (!id) throw new ListFormatError(file, position, '<sanctionEntity> without logicalId')
  const type = children(node, 'subjectType')[0]?.attributes.code ?? ''
  const entity = new EntityBuilder(id, SCHEMAS[type.toLowerCase()] ?? 'Other')

  for (const alias of children(node, 'nameAlias')) {
    const n = alias.attributes
    const whole =
      cleanText(n.wholeName) ?? cleanText([n.firstName, n.middleName, n.lastName].join(' '))
    const remark = children(alias, 'remark')
      .map((r) => r.text)
      .join(' ')
    const weak = n.strong === 'false' || /lo?w quality/i.test(remark)
    // The file has no primary flag; the first strong name is the one the EU lists first.
    entity.name(
      whole,
      weak ? 'low' : entity.hasPrimaryName ? 'good' : 'primary',
      weak ? 'aka' : null,
    )
  }
  for (const citizenship of children(node, 'citizenship'))
    entity.country(countryCode(citizenship.attributes.countryIso2Code))
  for (const birth of children(node, 'birthdate')) {
    const b = birth.attributes
    const full = cleanText(b.birthdate)
    if (full && DATE.test(full)) entity.birthDate(full)
    else if (b.year) entity.birthDate(partialDate(b.year, b.monthOfYear, b.dayOfMonth))
    else if (b.yearRangeFrom && b.yearRangeTo)
      for (const y of yearRange(b.yearRangeFrom, b.yearRangeTo)) entity.birthDate(y)
  }
  for (const identification of children(node, 'identification')) {
    const d = identification.attributes
    const code = cleanText(d.identificationTypeCode)?.toLowerCase() ?? 'other'
    entity.identifier(
      ID_TYPES[code] ?? code,
      d.number || d.latinNumber,
      countryCode(d.countryIso2Code),
    )
  }
  for (const address of children(node, 'address')) {
    const d = address.attributes
    const code = countryCode(d.countryIso2Code)
    entity.country(code)
    const country = code ? d.countryDescription : null
    entity.address(joinAddress([d.street, d.poBox, d.zipCode, d.city, d.region, d.place, country]))
    for (const remark of children(address, 'remark')) entity.remark(remark.text)
  }
  for (const remark of children(node, 'remark')) entity.remark(remark.text)
  const regulations = children(node, 'regulation')
  for (const regulation of regulations) {
    entity.programme(regulation.attributes.programme)
    const title = cleanText(regulation.attributes.numberTitle)
    if (title) entity.remark(`Regulation ${title}`)
  }
  const published = regulations
    .map((r) => r.attributes.publicationDate ?? '')
    .filter((d) => DATE.test(d))
  const designated = cleanText(a.designationDate)
  entity.listedOn = designated && DATE.test(designated) ? designated : (published.sort()[0] ?? null)
  entity.identifier('eu-reference', a.euReferenceNumber)
  entity.identifier('un-reference', a.unitedNationId)
  return entity.build()
}
