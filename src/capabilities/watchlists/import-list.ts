import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { type ListFormat, parseListFiles } from './formats/index.ts'
import { type ImportedVersion, type ListFile, replaceListVersion } from './watchlist.repository.ts'

/**
 * `glasshouse lists import`: parse the published files completely first, then put the new
 * version in force in one transaction. A file that fails to parse changes nothing.
 */
export async function importList(
  db: Db,
  clock: Clock,
  {
    format,
    paths,
    actor,
    allowOlder = false,
    onProgress,
  }: {
    format: ListFormat
    paths: string[]
    actor: string
    allowOlder?: boolean
    onProgress?: (entities: number) => void
  },
): Promise<ImportedVersion> {
  const list = await parseListFiles(format, paths, onProgress ? { onProgress } : {})
  const files = await Promise.all(paths.map(describeFile))
  return replaceListVersion(db, clock, {
    list,
    format,
    files,
    actor,
    allowOlder,
    ...(list.delta ? { delta: { deletedIds: list.deletedEntityIds } } : {}),
  })
}

async function describeFile(path: string): Promise<ListFile> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return { name: basename(path), bytes: statSync(path).size, sha256: hash.digest('hex') }
}
