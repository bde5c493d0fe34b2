import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import type { ListFormat } from '../formats/index.ts'
import { importList } from '../import-list.ts'

/** The real list snapshots in `../shared/data/sanctions` (see its PROVENANCE.md), by format. */
const DEMO_LISTS: { source: string; format: ListFormat; files: string[] }[] = [
  { source: 'un-sc', format: 'un-xml', files: ['un/un_sc_consolidated_2026-02-27.xml'] },
  {
    source: 'ofac-sdn',
    format: 'ofac-sdn',
    files: ['sdn.csv', 'add.csv', 'alt.csv'].map((f) => `ofac-sdn-2021-07/${f}`),
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

/**
 * Demo mode only: imports the real list snapshots when they sit beside the project, so the demo
 * screens against real names. Lists already present are left alone; a missing folder is no error.
 */
export async function seedDemoLists(db: Db, clock: Clock, dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const present = new Set(
    (await db.selectFrom('watchlist_sources').select('source').execute()).map((r) => r.source),
  )
  const imported: string[] = []
  for (const list of DEMO_LISTS) {
    const paths = list.files.map((f) => join(dir, f))
    if (present.has(list.source) || !paths.every((p) => existsSync(p))) continue
    await importList(db, clock, { format: list.format, paths, actor: 'demo' })
    imported.push(list.source)
  }
  return imported
}
