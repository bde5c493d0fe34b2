import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'
import { cleanText, EntityBuilder } from './entity-builder.ts'
import { ListFormatError } from './list-format-error.ts'
import { type ParsedListFiles, type ParseOptions, readOptions } from './parsed-list-files.ts'
import { readListText } from './read-list-input.ts'

/**
 * OpenSanctions FollowTheMoney JSON lines: `entities.ftm.json` (one entity per line) and
 * `entities.delta.json` (`{"op":"ADD"|"MOD"|"DEL","entity":{…}}`). ADD and MOD lines are entities;
 * DEL lines are returned as `deletedEntityIds` for the store to remove. Only parties that can be
 * screened become entities; Address entities are kept aside to spell out `addressEntity` links.
 */
const SCHEMAS: Record<string, EntitySchema> = {
  Person: 'Person',
  Organization: 'Organization',
  Company: 'Company',
  LegalEntity: 'Organization',
  PublicBody: 'Organization',
  Vessel: 'Vessel',
  Airplane: 'Aircraft',
}

const IDENTIFIERS: ReadonlyArray<readonly [string, string]> = [
  ['idNumber', 'id-number'],
  ['passportNumber', 'passport'],
  ['registrationNumber', 'registration'],
  ['taxNumber', 'tax-id'],
  ['imoNumber', 'imo'],
  ['mmsi', 'mmsi'],
  ['callSign', 'call-sign'],
  ['leiCode', 'lei'],
  ['innCode', 'inn'],
  ['ogrnCode', 'ogrn'],
  ['swiftBic', 'swift-bic'],
]

type FtmEntity = {
  id: string
  schema: string
  caption?: unknown
  properties: Record<string, unknown>
  referents?: unknown
  datasets?: unknown
}

/** Real entity lines are kilobytes: one of 16 M characters is a missing line break, not data. */
const MAX_LINE_CHARS = 16 * 1024 * 1024

/** True when any string (key or value) anywhere in a parsed JSON value holds a NUL. */
function containsNul(root: unknown): boolean {
  const stack = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true
    } else if (Array.isArray(value)) for (const inner of value) stack.push(inner)
    else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) stack.push(key, inner)
  }
  return false
}

export async function parseFtm(file: string, options: ParseOptions = {}): Promise<ParsedListFiles> {
  const parties: { entity: FtmEntity; line: number }[] = []
  const addresses = new Map<string, string>()
  const deletedEntityIds: string[] = []
  let line = 0
  let rows = 0
  let pending = ''
  let delta = false

  const handle = (text: string) => {
    line += 1
    if (text.trim().length === 0) return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ListFormatError(file, `line ${line}`, `not valid JSON (${reason})`, {
        cause: error,
      })
    }
    // PostgreSQL cannot store a NUL in text; only an escaped one (\u0000) gets past JSON.parse.
    if (/\\u0000/i.test(text) && containsNul(value))
      throw new ListFormatError(file, `line ${line}`, 'a string contains a NUL character (\\u0000)')
    const op = isObject(value) && typeof value.op === 'string' ? value.op : null
    const entity = asEntity(op === null ? value : isObject(value) ? value.entity : undefined)
    if (!entity)
      throw new ListFormatError(
        file,
        `line ${line}`,
        'expected an FtM entity with id, schema and properties',
      )
    rows += 1
    options.onProgress?.(rows)
    if (op !== null) delta = true
    if (op === 'DEL') deletedEntityIds.push(entity.id)
    else if (op !== null && op !== 'ADD' && op !== 'MOD') {
      throw new ListFormatError(file, `line ${line}`, `unknown delta op ${JSON.stringify(op)}`)
    } else if (entity.schema === 'Address') {
      const full = cleanText(
        strings(entity.properties.full)[0] ??
          (typeof entity.caption === 'string' ? entity.caption : null),
      )
      if (full)
        for (const key of [entity.id, ...strings(entity.referents)]) addresses.set(key, full)
    } else if (SCHEMAS[entity.schema]) parties.push({ entity, line })
  }

  for await (const chunk of readListText(file, readOptions(options))) {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop() ?? ''
    for (const text of lines) handle(text)
    // Without a cap, one line without a break would be joined chunk by chunk (quadratic) and
    // parsed whole; the cap also bounds how deep a line can nest.
    if (pending.length > MAX_LINE_CHARS)
      throw new ListFormatError(
        file,
        `line ${line + 1}`,
        `a line runs past ${MAX_LINE_CHARS.toLocaleString('en')} characters`,
      )
  }
  handle(pending)

  const entities: WatchlistEntity[] = []
  let skippedWithoutName = 0
  const datasets = new Set<string>()
  for (const { entity } of parties) {
    const built = ftmEntity(entity, addresses)
    if (built) entities.push(built)
    else skippedWithoutName += 1
    const dataset = strings(entity.datasets)[0]
    if (dataset) datasets.add(dataset)
  }
  const source = datasets.size === 1 ? `opensanctions:${[...datasets][0]}` : 'opensanctions'
  return {
    source,
    listDate: null,
    entities,
    stats: { rows, skippedWithoutName },
    deletedEntityIds,
    delta,
  }
}

function ftmEntity(entity: FtmEntity, addresses: Map<string, string>): WatchlistEntity | null {
  const props = (name: string) => strings(entity.properties[name])
  const builder = new EntityBuilder(entity.id, SCHEMAS[entity.schema] ?? 'Other')
  builder.name(typeof entity.caption === 'string' ? entity.caption : props('name')[0], 'primary')
  for (const name of props('name')) builder.name(name, 'good')
  for (const name of props('alias')) builder.name(name, 'good', 'aka')
  for (const name of props('previousName')) builder.name(name, 'good', 'fka')
  for (const name of props('weakAlias')) builder.name(name, 'low', 'aka')
  for (const property of ['country', 'nationality', 'citizenship', 'jurisdiction']) {
    for (const code of props(property)) builder.country(code)
  }
  for (const date of props('birthDate'))
    builder.birthDate(/^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)?.[0])
  for (const [property, type] of IDENTIFIERS)
    for (const value of props(property)) builder.identifier(type, value)
  for (const programme of [...props('program'), ...props('programId')]) builder.programme(programme)
  const listed = [...props('listingDate'), ...props('createdAt')]
    .map((d) => d.slice(0, 10))
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
  builder.listedOn = listed.sort()[0] ?? null
  for (const id of props('addressEntity')) builder.address(addresses.get(id))
  for (const address of props('address')) builder.address(address)
  for (const note of props('notes')) builder.remark(note)
  return builder.build()
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asEntity(value: unknown): FtmEntity | null {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.schema !== 'string')
    return null
  if (!isObject(value.properties)) return null
  return value as FtmEntity
}

/** FtM property values are lists of strings; anything else is ignored. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
