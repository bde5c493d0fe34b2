import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import type { Db } from '../../../platform/db/database.ts'
import { clip } from '../../../platform/text.ts'
import { resolveControlEntry } from '../../reference-data/control-entries.ts'
import { COUNTRIES } from '../../reference-data/countries.ts'
import { type AuthorityRecord, findAuthority, insertAuthority } from '../authority.repository.ts'
import { ImportFailedError } from './import-licences.ts'
import type { ImportIssue, LicenceCsvColumn, RawRow } from './licence-csv.ts'

/**
 * Maps CAAT's compilation of the UK strategic export licensing statistics (values.csv, with
 * refusal-criteria.csv and ratings*.csv beside it) to Glasshouse licence rows. The mapping, its
 * assumptions and the country aliases are explained in docs/formats/uk-caat-mapping.md.
 */

/** The UK is not an EU member state: its authority is not built in but added by an admin. */
export const UK_AUTHORITY = Object.freeze({
  id: 'gb-ecju',
  memberState: 'GB',
  name: 'Export Control Joint Unit (UK)',
  source:
    'Added for historical UK licensing data (the UK is not an EU member state): UK Export ' +
    'Control Joint Unit strategic export licensing statistics, as compiled by CAAT ' +
    '(caat.org.uk); contains public sector information licensed under the Open Government ' +
    'Licence v3.0',
})

/** Adds the UK authority unless it is already there; returns it either way. */
export async function ensureUkAuthority(db: Db): Promise<AuthorityRecord> {
  const existing = await findAuthority(db, UK_AUTHORITY.id)
  if (existing) return existing
  return insertAuthority(db, UK_AUTHORITY)
}

/** Placeholder for the parties: the UK statistics name no exporter, consignee or end user. */
export const NOT_PUBLISHED_PARTY = 'Not published (UK statistics)'
export const NOT_PUBLISHED_TEXT = 'Not published in the UK statistics'

/**
 * CAAT country names that are not, word for word, the English name of a code in COUNTRIES.
 * Names with no ISO 3166-1 code of their own get the most defensible current code; each such
 * choice is marked "choice" and explained in docs/formats/uk-caat-mapping.md.
 */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Aland Islands', 'AX'],
  // choice: the UK's Antarctic claim has no code of its own (ISO 3166-3 BQAQ merged into AQ).
  ['British Antarctic Territory', 'AQ'],
  ['British Virgin Islands', 'VG'],
  ['Brunei', 'BN'],
  ['Burma', 'MM'],
  // choice: no code covers both bailiwicks; Jersey (JE) is the larger. Guernsey (GG) is possible.
  ['Channel Islands', 'JE'],
  ['China', 'CN'],
  ['Congo, Democratic Republic of', 'CD'],
  // choice: offshore installations on a state's continental shelf go to that coastal state.
  ['Continental Shelf Danish Sector', 'DK'],
  ['Continental Shelf Netherlands Sector', 'NL'],
  ['Continental Shelf Norwegian Sector', 'NO'],
  ['Continental Shelf: United Kingdom sector', 'GB'],
  // choice: the one unqualified row (licence 40567, 2012-02-28, 6A001, £238,944) is a twin of
  // licence 40608 to the Norwegian sector on the same day, rating and value.
  ['Continental Shelf', 'NO'],
  ['East Timor', 'TL'],
  ['Falkland Islands', 'FK'],
  // choice: the territory is not named; France is the state responsible for all of them.
  ['French Overseas Territory', 'FR'],
  ['Gambia', 'GM'],
  ['Guinea, Republic of', 'GN'],
  ['Hong Kong Special Administrative Region', 'HK'],
  ['Iran', 'IR'],
  ['Ivory Coast', 'CI'],
  ['Korea, North', 'KP'],
  ['Korea, South', 'KR'],
  ['Laos', 'LA'],
  ['Macedonia', 'MK'],
  ['Mayotte (Grand Terre and Pamanzi)', 'YT'],
  // choice: dissolved 2010-10-10 (ISO 3166-3 ANHH → BQ, CW, SX) yet still used by the UK
  // statistics to 2014; Curaçao (CW) was its seat of government and holds most of its people.
  ['Netherlands Antilles', 'CW'],
  ['Republic of Congo', 'CG'],
  ['Russia', 'RU'],
  // choice: a Malaysian state, no code of its own.
  ['Sarawak', 'MY'],
  ['St Helena', 'SH'],
  ['St Lucia', 'LC'],
  ['St Vincent (including the Grenadines)', 'VC'],
  ['Sudan, South', 'SS'],
  ['Surinam', 'SR'],
  // (sic) Svalbard; SJ is "Svalbard and Jan Mayen".
  ['Svelbard Archipelago', 'SJ'],
  ['Swaziland', 'SZ'],
  ['Syria', 'SY'],
  ['Taiwan', 'TW'],
  ['Tanzania', 'TZ'],
  ['Turkey', 'TR'],
]

export const UK_CAAT_COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map(ALIASES)

const codeByEnglishName = new Map(COUNTRIES.map((country) => [country.name, country.alpha2]))

/** ISO alpha-2 code for a CAAT destination name: the alias table, else the exact English name. */
export function ukCaatCountryCode(name: string): string | undefined {
  const trimmed = name.trim()
  return UK_CAAT_COUNTRY_ALIASES.get(trimmed) ?? codeByEnglishName.get(trimmed)
}

/**
 * A UK control-list rating as a Glasshouse control entry: an Annex I entry (5A002) as it is, in
 * its canonical spelling; anything else (ML10, PL5017, 'End Use', 'IRN') as NATIONAL:UK-<rating>,
 * upper-case with spaces as hyphens ('End Use' → NATIONAL:UK-END-USE).
 */
export function ukControlEntry(rating: string): string {
  const resolved = resolveControlEntry(rating)
  if (resolved?.kind === 'annex_i') return resolved.code
  return `NATIONAL:UK-${rating.trim().toUpperCase().replace(/\s+/g, '-')}`
}

export type UkCaatOptions = {
  /** Default: refusal-criteria.csv beside values.csv. */
  refusalCriteriaPath?: string
  /** Earlier files win. Default: ratings*.csv beside values.csv, newest (by name) first. */
  ratingsPaths?: string[]
}

const VALUES_COLUMNS = ['licence_group', 'date', 'rating', 'count', 'value', 'country', 'refused']
type ValuesColumn = 'licence_group' | 'date' | 'rating' | 'count' | 'value' | 'country' | 'refused'
type SourceRow = { line: number; location: string; fields: Record<ValuesColumn, string> }
type Context = {
  criteria: Map<string, Set<string>>
  criteriaFile: string
  descriptions: Map<string, string>
}

/**
 * Streams values.csv and yields one Glasshouse row per line (one item line each). A licence group
 * becomes one application per destination, `UK-<licence_group>-<ISO2>`, with `-R` on the refused
 * part when one group has refused and issued lines for the same destination. The rows of a group
 * are buffered until the group ends, so they come out adjacent as importLicenceRows needs; CAAT's
 * file keeps each group's rows together (checked: 61,132 groups, none split).
 */
export async function* readUkCaatLicences(
  valuesPath: string,
  options: UkCaatOptions = {},
): AsyncGenerator<RawRow> {
  const folder = dirname(valuesPath)
  const criteriaPath = options.refusalCriteriaPath ?? join(folder, 'refusal-criteria.csv')
  const context: Context = {
    criteria: await loadRefusalCriteria(criteriaPath),
    criteriaFile: basename(criteriaPath),
    descriptions: await loadRatingDescriptions(
      options.ratingsPaths ?? (await defaultRatingsPaths(folder)),
    ),
  }
  const file = basename(valuesPath)
  // pipeline, not pipe: a read error (a missing file) must reach the loop below.
  const parser = pipeline(
    createReadStream(valuesPath),
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
    () => {}, // the error is thrown by the loop
  )
  let header: Map<string, number> | undefined
  let run: SourceRow[] = []
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      const line = info.lines
      if (!header) {
        header = valuesHeader(record, file)
        continue
      }
      const location = `${file} line ${line}`
      if (record.length !== header.size) {
        const message = `has ${record.length} fields; the header has ${header.size}`
        yield { location, line, values: {}, issue: { location, line, field: 'row', message } }
        continue
      }
      const columns = header
      const value = (column: ValuesColumn) => (record[columns.get(column) ?? -1] ?? '').trim()
      const fields = {
        licence_group: value('licence_group'),
        date: value('date'),
        rating: value('rating'),
        count: value('count'),
        value: value('value'),
        country: value('country'),
        refused: value('refused'),
      }
      const first = run[0]
      if (first && first.fields.licence_group !== fields.licence_group) {
        yield* mapGroup(run, context)
        run = []
      }
      run.push({ line, location, fields })
    }
  } catch (error) {
    throw fileError(error, valuesPath)
  }
  if (!header)
    fatal({ location: `${file} line 1`, line: 1, field: 'header', message: 'the file is empty' })
  yield* mapGroup(run, context)
}

function* mapGroup(run: SourceRow[], context: Context): Generator<RawRow> {
  type Part = { destination: string | undefined; refused: string; rows: SourceRow[] }
  const parts = new Map<string, Part>()
  const decisionsByDestination = new Map<string, Set<string>>()
  for (const row of run) {
    const destination = ukCaatCountryCode(row.fields.country)
    const place = destination ?? `?${row.fields.country}`
    const key = `${place}|${row.fields.refused}`
    const part = parts.get(key) ?? { destination, refused: row.fields.refused, rows: [] }
    part.rows.push(row)
    parts.set(key, part)
    const decisions = decisionsByDestination.get(place) ?? new Set()
    decisions.add(row.fields.refused)
    decisionsByDestination.set(place, decisions)
  }
  for (const part of parts.values()) {
    const first = part.rows[0] as SourceRow
    const group = first.fields.licence_group
    const place = part.destination ?? `?${first.fields.country}`
    const split = part.refused === '1' && (decisionsByDestination.get(place)?.size ?? 0) > 1
    const reference = `UK-${group}-${part.destination ?? 'XX'}${split ? '-R' : ''}`
    const decision = decisionOf(part.refused, group, context)
    for (const row of part.rows) yield toRawRow(row, reference, part.destination, decision, context)
  }
}

type Decision = {
  decision: string
  reasons: string
  explanation: string
  problem?: { field: LicenceCsvColumn; message: string }
}

function decisionOf(refused: string, group: string, context: Context): Decision {
  if (refused === '0') return { decision: 'granted', reasons: '', explanation: '' }
  if (refused !== '1') {
    const message = `refused must be 0 or 1, not "${clip(refused)}"`
    return { decision: '', reasons: '', explanation: '', problem: { field: 'decision', message } }
  }
  const criteria = [...(context.criteria.get(group) ?? [])]
  const wrong = criteria.find((c) => !/^[1-8]$/.test(c))
  const numbers = criteria.sort((a, b) => Number(a) - Number(b))
  const reasons = numbers.map((c) => `CP${c}`).join(';')
  const explanation =
    numbers.length === 0
      ? 'Refused; the UK statistics (as compiled by CAAT) name no criterion for this licence'
      : `Refused under the Consolidated EU and National Arms Export Licensing Criteria: ` +
        `${numbers.length === 1 ? 'criterion' : 'criteria'} ${numbers.join(', ')} ` +
        '(as matched by CAAT from the UK statistics)'
  if (wrong === undefined) return { decision: 'refused', reasons, explanation }
  const message = `${context.criteriaFile} gives criterion "${clip(wrong)}" for licence_group ${clip(group)}; only 1–8 exist`
  return {
    decision: 'refused',
    reasons,
    explanation,
    problem: { field: 'decision_reasons', message },
  }
}

function toRawRow(
  row: SourceRow,
  reference: string,
  destination: string | undefined,
  decision: Decision,
  context: Context,
): RawRow {
  const { fields, location, line } = row
  const country = destination ?? ''
  const refused = decision.decision === 'refused'
  const values: Record<LicenceCsvColumn, string> = {
    reference,
    issuing_state: UK_AUTHORITY.memberState,
    authority: UK_AUTHORITY.id,
    licence_type: 'individual',
    gea: '',
    exporter_name: NOT_PUBLISHED_PARTY,
    exporter_country: 'GB',
    exporter_id: '',
    consignee_name: NOT_PUBLISHED_PARTY,
    consignee_country: country,
    end_user_name: NOT_PUBLISHED_PARTY,
    end_user_country: country,
    end_user_type: 'other',
    end_user_description: NOT_PUBLISHED_TEXT,
    government_agency: '',
    destination: country,
    control_entry: ukControlEntry(fields.rating),
    item_description: describeRating(fields.rating, context.descriptions),
    quantity: fields.count,
    // The UK publishes no value for refused licences.
    value: refused && fields.value === '' ? '0' : fields.value,
    currency: 'GBP',
    intended_use: NOT_PUBLISHED_TEXT,
    submitted_on: fields.date,
    decision: decision.decision,
    decided_on: fields.date,
    decision_reasons: decision.reasons,
    decision_explanation: decision.explanation,
    // The UK publishes the criteria, so the reason built from them is public text already; it
    // publishes no intended use (not stated).
    intended_use_public: '',
    decision_public_reason: decision.explanation,
  }
  const issue = rowIssue(row, destination, decision)
  return issue ? { location, line, values, issue } : { location, line, values }
}

function rowIssue(
  row: SourceRow,
  destination: string | undefined,
  decision: Decision,
): ImportIssue | undefined {
  const where = { location: row.location, line: row.line }
  if (row.fields.licence_group === '') {
    return { ...where, field: 'reference', message: 'licence_group is empty' }
  }
  if (destination === undefined) {
    const message =
      `no ISO 3166 code for the country name "${clip(row.fields.country)}"; add it to ` +
      'UK_CAAT_COUNTRY_ALIASES (uk-caat-mapping.ts)'
    return { ...where, field: 'destination', message }
  }
  if (decision.problem) return { ...where, ...decision.problem }
  return undefined
}

function describeRating(rating: string, descriptions: Map<string, string>): string {
  return descriptions.get(rating.trim().toUpperCase()) ?? `UK control entry ${rating.trim()}`
}

function valuesHeader(record: string[], file: string): Map<string, number> {
  const header = new Map(record.map((name, index) => [name.trim(), index]))
  const missing = VALUES_COLUMNS.filter((column) => !header.has(column))
  if (missing.length > 0) {
    const message = `missing column(s): ${missing.join(', ')} (is this CAAT's values.csv?)`
    fatal({ location: `${file} line 1`, line: 1, field: 'header', message })
  }
  return header
}

/** licence_group → the criteria numbers (as written) that CAAT matched to its refusal. */
async function loadRefusalCriteria(path: string): Promise<Map<string, Set<string>>> {
  const criteria = new Map<string, Set<string>>()
  for (const row of await readSmallCsv(path, ['licence_group', 'criteria'])) {
    const group = (row.licence_group ?? '').trim()
    const criterion = (row.criteria ?? '').trim()
    if (group === '' || criterion === '') continue
    const set = criteria.get(group) ?? new Set()
    set.add(criterion)
    criteria.set(group, set)
  }
  return criteria
}

/** RATING (upper-case) → short_description; the first file that has a non-empty one wins. */
async function loadRatingDescriptions(paths: string[]): Promise<Map<string, string>> {
  const descriptions = new Map<string, string>()
  for (const path of paths) {
    for (const row of await readSmallCsv(path, ['rating', 'short_description'])) {
      const rating = (row.rating ?? '').trim().toUpperCase()
      const description = (row.short_description ?? '').trim()
      if (rating !== '' && description !== '' && !descriptions.has(rating)) {
        descriptions.set(rating, description)
      }
    }
  }
  return descriptions
}

async function defaultRatingsPaths(folder: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    throw fileError(error, folder)
  }
  // Descending: ratings_2026-05.csv before ratings.csv ('_' sorts after '.').
  const ratings = names.filter((name) => /^ratings.*\.csv$/i.test(name)).sort()
  return ratings.reverse().map((name) => join(folder, name))
}

async function readSmallCsv(
  path: string,
  required: string[],
): Promise<Record<string, string | undefined>[]> {
  const file = basename(path)
  let rows: Record<string, string>[]
  try {
    const text = await readFile(path)
    rows = parseSync(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Record<string, string>[]
  } catch (error) {
    throw fileError(error, path)
  }
  const first = rows[0]
  const missing = first ? required.filter((column) => !(column in first)) : []
  if (missing.length > 0) {
    const message = `missing column(s): ${missing.join(', ')}`
    fatal({ location: `${file} line 1`, line: 1, field: 'header', message })
  }
  return rows
}

/** Turns a read or CSV error into an import failure that names the file (and line). */
function fileError(error: unknown, path: string): unknown {
  if (error instanceof ImportFailedError) return error
  const file = basename(path)
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines ?? 0
    const location = `${file} line ${line}`
    return new ImportFailedError([{ location, line, field: 'file', message: error.message }], 1)
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code === 'string' && (error as NodeJS.ErrnoException).syscall !== undefined) {
    const message = `cannot read ${path} (${code})`
    return new ImportFailedError([{ location: file, field: 'file', message }], 1)
  }
  return error
}

function fatal(issue: ImportIssue): never {
  throw new ImportFailedError([issue], 1)
}
