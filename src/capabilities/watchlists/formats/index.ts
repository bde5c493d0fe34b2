import { parseBisDpl } from './bis-dpl.ts'
import { parseEuFsf } from './eu-fsf.ts'
import { parseFtm } from './ftm.ts'
import { ListFormatError } from './list-format-error.ts'
import { parseOfacLegacyCsv } from './ofac-legacy-csv.ts'
import type { ParsedListFiles, ParseOptions } from './parsed-list-files.ts'
import { parseUnXml } from './un-xml.ts'
import { parseUsCsl } from './us-csl.ts'

/**
 * One parser per published list format, each producing ParsedList (watchlist-entity.ts). Pure
 * file reading: nothing here touches the database.
 */
export const LIST_FORMATS = [
  'un-xml',
  'ofac-sdn',
  'ofac-cons',
  'bis-dpl',
  'csl',
  'ftm',
  'eu-fsf',
] as const
export type ListFormat = (typeof LIST_FORMATS)[number]

export { ListFormatError } from './list-format-error.ts'
export type { ParsedListFiles, ParseOptions } from './parsed-list-files.ts'
export { MAX_LIST_BYTES } from './read-list-input.ts'

export function isListFormat(value: string): value is ListFormat {
  return (LIST_FORMATS as readonly string[]).includes(value)
}

/**
 * Parses the files of one list. OFAC takes its whole set (sdn.csv with add/alt/comments, or the
 * cons_* files), recognised by name; every other format takes exactly one file.
 */
export async function parseListFiles(
  format: ListFormat,
  paths: string[],
  options: ParseOptions = {},
): Promise<ParsedListFiles> {
  try {
    return await parse(format, paths, options)
  } catch (error) {
    if (error instanceof ListFormatError) throw error
    // A bug or an unforeseen input shape: still tell the caller which file, never a bare TypeError.
    const detail = error instanceof Error ? error.message : String(error)
    throw new ListFormatError(
      paths[0] ?? format,
      null,
      `could not be read as ${format}: ${detail}`,
      { cause: error },
    )
  }
}

function parse(
  format: ListFormat,
  paths: string[],
  options: ParseOptions,
): Promise<ParsedListFiles> {
  if (format === 'ofac-sdn' || format === 'ofac-cons')
    return parseOfacLegacyCsv(format, paths, options)
  const [file, ...extra] = paths
  if (file === undefined || extra.length > 0) {
    throw new ListFormatError(
      file ?? format,
      null,
      `the ${format} format takes exactly one file, got ${paths.length}`,
    )
  }
  switch (format) {
    case 'un-xml':
      return parseUnXml(file, options)
    case 'bis-dpl':
      return parseBisDpl(file, options)
    case 'csl':
      return parseUsCsl(file, options)
    case 'ftm':
      return parseFtm(file, options)
    case 'eu-fsf':
      return parseEuFsf(file, options)
  }
}
