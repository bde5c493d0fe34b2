import { existsSync } from 'node:fs'
import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import { importList } from '../import-list.ts'
import { SHARED_LISTS, sharedListPaths } from './shared-lists.ts'

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
  for (const list of SHARED_LISTS) {
    const paths = sharedListPaths(dir, list)
    if (present.has(list.source) || !paths.every((p) => existsSync(p))) continue
    await importList(db, clock, { format: list.format, paths, actor: 'demo' })
    imported.push(list.source)
  }
  return imported
}
