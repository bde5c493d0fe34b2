import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import { listContentSha256, replaceListVersion } from '../watchlist.repository.ts'
import { BUILT_IN_SOURCE, builtInSurveillanceList } from './surveillance-vendors.ts'

/**
 * Puts the authored list in force when it is missing or differs from the one in the database,
 * so a release that edits the list records a new version with its diff.
 */
export async function seedBuiltInList(db: Db, clock: Clock): Promise<boolean> {
  const list = builtInSurveillanceList()
  const current = await db
    .selectFrom('watchlist_sources as s')
    .innerJoin('watchlist_versions as v', 'v.id', 's.current_version_id')
    .select('v.content_sha256')
    .where('s.source', '=', BUILT_IN_SOURCE)
    .executeTakeFirst()
  if (current?.content_sha256 === listContentSha256(list.entities)) return false
  await replaceListVersion(db, clock, {
    list,
    format: 'built-in',
    files: [],
    actor: 'system',
    allowOlder: true,
  })
  return true
}
