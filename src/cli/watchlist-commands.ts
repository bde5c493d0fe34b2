import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { isCountryCode } from '../capabilities/reference-data/countries.ts'
import { LIST_FORMATS, type ListFormat } from '../capabilities/watchlists/formats/index.ts'
import { ListFormatError } from '../capabilities/watchlists/formats/list-format-error.ts'
import { importList } from '../capabilities/watchlists/import-list.ts'
import type { MatchQuery } from '../capabilities/watchlists/matching/index.ts'
import type { ScreeningResult } from '../capabilities/watchlists/screening.service.ts'
import { createScreeningService } from '../capabilities/watchlists/screening.service.ts'
import {
  type ListChange,
  type ListStatus,
  listChanges,
  listStatus,
} from '../capabilities/watchlists/watchlist.repository.ts'
import { ENTITY_SCHEMAS } from '../capabilities/watchlists/watchlist-entity.ts'
import { systemClock } from '../platform/clock.ts'
import { type CsvCell, writeCsv } from '../platform/csv/csv-writer.ts'
import type { Db } from '../platform/db/database.ts'
import { AppError } from '../platform/http/errors.ts'
import { createProgress } from './progress.ts'

export class CliUsageError extends Error {}

type Out = (human: string, data: object) => void

export async function listsImport(
  db: Db,
  out: Out,
  options: { format: string | undefined; paths: string[]; allowOlder: boolean; json: boolean },
): Promise<void> {
  if (!options.format || !LIST_FORMATS.includes(options.format as ListFormat))
    throw new CliUsageError(`--format must be one of ${LIST_FORMATS.join(', ')}`)
  if (options.paths.length === 0) throw new CliUsageError('lists import needs at least one PATH')
  const progress = createProgress('entities')
  const started = Date.now()
  try {
    const result = await importList(db, systemClock, {
      format: options.format as ListFormat,
      paths: options.paths,
      actor: 'cli',
      allowOlder: options.allowOlder,
      onProgress: (n) => progress.update(n),
    })
    progress.stop()
    const seconds = (Date.now() - started) / 1000
    out(
      `${result.source}: version ${result.versionId} in force (list date ${result.listDate ?? 'not given'}), ${result.entities} entities, ${result.names} names; ${result.added} added, ${result.removed} removed, ${result.modified} modified${result.unchanged ? ' (same content as before)' : ''}; ${seconds.toFixed(1)} s.`,
      { ...result, seconds },
    )
  } catch (error) {
    progress.stop()
    if (error instanceof ListFormatError || error instanceof AppError) {
      console.error(`${error.message}\nNothing was imported; the list in force is unchanged.`)
      if (options.json) console.log(JSON.stringify({ imported: false, error: error.message }))
      process.exitCode = 1
      return
    }
    throw error
  }
}

export async function listsStatus(db: Db, out: Out, changes: boolean): Promise<void> {
  const lists = await listStatus(db)
  const withChanges: (ListStatus & { changes?: ListChange[] })[] = changes
    ? await Promise.all(
        lists.map(async (l) => ({ ...l, changes: await listChanges(db, l.versionId) })),
      )
    : lists
  const lines = withChanges.map((l) => {
    const head = `${l.source.padEnd(34)} ${String(l.listDate ?? '—').padEnd(10)}  ${String(l.entities).padStart(6)} entities ${String(l.names).padStart(6)} names  v${l.versionId} imported ${l.importedAt.slice(0, 19)}Z (+${l.added} −${l.removed} ~${l.modified})`
    if (!l.changes) return head
    const detail = l.changes
      .slice(0, 50)
      .map((c) => `    ${c.change.padEnd(8)} ${c.entityId}  ${c.caption}`)
    return [head, ...detail].join('\n')
  })
  out(lines.length > 0 ? lines.join('\n') : 'No lists imported yet.', { lists: withChanges })
}

/** `glasshouse screen NAME... | --csv FILE`: screen names against every list in force. */
export async function screenNames(
  db: Db,
  out: Out,
  options: {
    names: string[]
    csv: string | undefined
    schema: string | undefined
    country: string | undefined
    threshold: string | undefined
    defaultThreshold: number | undefined
    json: boolean
  },
): Promise<void> {
  const schema = parseSchema(options.schema)
  if (options.country && !isCountryCode(options.country.toUpperCase()))
    throw new CliUsageError('--country must be an ISO 3166-1 alpha-2 code, e.g. DE')
  const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
  if (threshold !== undefined && !(threshold >= 0.3 && threshold <= 1))
    throw new CliUsageError('--threshold must be a number between 0.3 and 1')
  const queries: MatchQuery[] = options.csv
    ? await readQueryCsv(options.csv)
    : options.names.map((name) => ({
        name,
        schema,
        ...(options.country ? { countries: [options.country.toUpperCase()] } : {}),
      }))
  if (queries.length === 0) throw new CliUsageError('screen needs a NAME or --csv FILE')
  const screening = createScreeningService({
    db,
    clock: systemClock,
    ...(options.defaultThreshold ? { threshold: options.defaultThreshold } : {}),
  })
  const result = await screening.screen(queries, threshold === undefined ? {} : { threshold })
  if (options.csv && !options.json) {
    process.stdout.write(screeningCsv(result))
    return
  }
  out(toText(result), result)
}

function parseSchema(schema: string | undefined): NonNullable<MatchQuery['schema']> {
  if (schema === undefined) return 'Any'
  const known = [...ENTITY_SCHEMAS, 'Any'] as string[]
  if (!known.includes(schema))
    throw new CliUsageError(`--schema must be one of ${known.join(', ')}`)
  return schema as NonNullable<MatchQuery['schema']>
}

/** A CSV with a header: `name` (required), then optional `schema`, `country`, `birth_date`. */
async function readQueryCsv(path: string): Promise<MatchQuery[]> {
  const queries: MatchQuery[] = []
  const parser = createReadStream(path).pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true }),
  )
  let line = 1
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1
      const name = row.name?.trim()
      if (!name) throw new CliUsageError(`${path} line ${line}: name is empty`)
      const country = row.country?.trim().toUpperCase()
      if (country && !isCountryCode(country))
        throw new CliUsageError(`${path} line ${line}: country "${row.country}" is not an ISO code`)
      queries.push({
        name,
        schema: parseSchema(row.schema?.trim() || undefined),
        ...(country ? { countries: [country] } : {}),
        ...(row.birth_date?.trim() ? { birthDate: row.birth_date.trim() } : {}),
      })
    }
  } catch (error) {
    if (error instanceof CliUsageError) throw error
    throw new CliUsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return queries
}

function toText(result: ScreeningResult): string {
  const lines: string[] = []
  for (const { query, hits } of result.results) {
    lines.push(`${query.name}: ${hits.length === 0 ? 'no hit' : `${hits.length} hit(s)`}`)
    for (const hit of hits) {
      lines.push(
        `  ${hit.score.toFixed(3)}  ${hit.caption}  [${hit.source} ${hit.entityId}; ${hit.schema}; ${hit.programmes.join(', ')}]`,
        `         ${hit.explanation.summary}`,
      )
    }
  }
  lines.push(
    `Threshold ${result.threshold}; lists: ${result.lists.map((l) => `${l.source} v${l.versionId}${l.listDate ? ` (${l.listDate})` : ''}`).join(', ') || 'none'}`,
  )
  return lines.join('\n')
}

const SCREENING_CSV_COLUMNS = [
  'name',
  'rank',
  'score',
  'source',
  'entity_id',
  'caption',
  'schema',
  'matched_name',
  'explanation',
]

/**
 * The answer of `screen --csv`: one row per hit (or a "no hit" row per name), through the shared
 * writer, which neutralises formula-like text (the names come from the caller's file and the lists).
 */
export function screeningCsv(result: ScreeningResult): string {
  const rows: CsvCell[][] = []
  for (const { query, hits } of result.results) {
    if (hits.length === 0) rows.push([query.name, 0, '', '', '', '', '', '', 'no hit'])
    hits.forEach((hit, index) => {
      rows.push([
        query.name,
        index + 1,
        hit.score,
        hit.source,
        hit.entityId,
        hit.caption,
        hit.schema,
        hit.matchedName,
        hit.explanation.summary,
      ])
    })
  }
  return writeCsv(rows, { header: SCREENING_CSV_COLUMNS })
}
