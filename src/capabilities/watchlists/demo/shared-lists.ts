import { join } from 'node:path'
import { type ListFormat, parseListFiles } from '../formats/index.ts'
import type { ParsedList } from '../watchlist-entity.ts'

/**
 * The real list snapshots in `../shared/data/sanctions` (see its PROVENANCE.md), by format: what
 * the demo imports, the tests screen against and the matching benchmark indexes.
 */
export const SHARED_LISTS: { source: string; format: ListFormat; files: string[] }[] = [
  { source: 'un-sc', format: 'un-xml', files: ['un/un_sc_consolidated_2026-02-27.xml'] },
  {
    source: 'ofac-sdn',
    format: 'ofac-sdn',
    files: ['sdn.csv', 'add.csv', 'alt.csv', 'sdn_comments.partial.csv'].map(
      (f) => `ofac-sdn-2021-07/${f}`,
    ),
  },
  {
    source: 'ofac-cons',
    format: 'ofac-cons',
    files: ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map(
      (f) => `ofac-consolidated-2025-12/${f}`,
    ),
  },
  { source: 'bis-dpl', format: 'bis-dpl', files: ['us-bis/bis_denied_persons_list_2022-09.txt'] },
  {
    source: 'us-csl',
    format: 'csl',
    files: ['us-bis/us_consolidated_screening_list_sample_2019.csv'],
  },
]

/** The paths of one shared list under `dir` (the sanctions folder). */
export function sharedListPaths(dir: string, list: (typeof SHARED_LISTS)[number]): string[] {
  return list.files.map((f) => join(dir, f))
}

/** Every shared list, parsed with the production parsers. */
export async function parseSharedLists(dir: string): Promise<ParsedList[]> {
  const parsed: ParsedList[] = []
  for (const list of SHARED_LISTS)
    parsed.push(await parseListFiles(list.format, sharedListPaths(dir, list)))
  return parsed
}
