import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Clock } from '../../platform/clock.ts'
import { type BulkColumn, bulkInsert } from '../../platform/db/bulk-insert.ts'
import type { Db } from '../../platform/db/database.ts'
import { ConflictError } from '../../platform/http/errors.ts'
import type { ParsedList, WatchlistEntity } from './watchlist-entity.ts'

export type ListFile = { name: string; bytes: number; sha256: string }

export type NewListVersion = {
  list: ParsedList
  format: string
  files: ListFile[]
  actor: string
  /** Accept a version whose list date is older than the one in force (a deliberate rollback). */
  allowOlder?: boolean
  /**
   * A delta (OpenSanctions `entities.delta.json`): its entities are added or replaced and
   * `deletedIds` removed; everything else in force stays.
   */
  delta?: { deletedIds: string[] }
}

export type ListChange = {
  entityId: string
  change: 'added' | 'removed' | 'modified'
  caption: string
}

export type ImportedVersion = {
  versionId: number
  source: string
  listDate: string | null
  entities: number
  names: number
  added: number
  removed: number
  modified: number
  unchanged: boolean
}

const CHUNK = 2000

/**
 * Puts a new version of one list in force, in one transaction: entities that disappeared are
 * removed, changed ones rewritten, new ones added, and every change recorded against the new
 * version. If anything fails, the version in force stays as it was.
 */
export async function replaceListVersion(
  db: Db,
  clock: Clock,
  version: NewListVersion,
): Promise<ImportedVersion> {
  const { list } = version
  const incoming = hashEntities(list.entities)
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('watchlist_sources')
      .values({ source: list.source, format: version.format })
      .onConflict((oc) => oc.column('source').doNothing())
      .execute()
    const current = await trx
      .selectFrom('watchlist_sources as s')
      .leftJoin('watchlist_versions as v', 'v.id', 's.current_version_id')
      .select(['s.current_version_id', 'v.list_date', 'v.content_sha256'])
      .where('s.source', '=', list.source)
      .forUpdate('s')
      .executeTakeFirstOrThrow()
    if (
      !version.allowOlder &&
      current.list_date &&
      list.listDate &&
      list.listDate < current.list_date
    ) {
      throw new ConflictError(
        'older_list_version',
        `${list.source}: the file is dated ${list.listDate}, older than the version in force (${current.list_date}); nothing was changed`,
      )
    }
    const existing = await trx
      .selectFrom('watchlist_entities')
      .select(['entity_id', 'content_sha256', 'caption'])
      .where('source', '=', list.source)
      .execute()
    const changes = version.delta
      ? deltaChanges(existing, incoming, version.delta.deletedIds)
      : diff(existing, incoming)
    const inForce = new Map(existing.map((r) => [r.entity_id, r.content_sha256]))
    for (const c of changes) {
      if (c.change === 'removed') inForce.delete(c.entityId)
      else inForce.set(c.entityId, (incoming.get(c.entityId) as HashedEntity).hash)
    }
    const contentSha256 = sha256([...inForce.values()].sort().join('\n'))
    const inserted = await trx
      .insertInto('watchlist_versions')
      .values({
        source: list.source,
        format: version.format,
        list_date: list.listDate,
        imported_at: clock.now(),
        actor: version.actor,
        files: JSON.stringify(version.files),
        content_sha256: contentSha256,
        entity_count: inForce.size,
        name_count: 0, // counted below, once the entities are written
        added: count(changes, 'added'),
        removed: count(changes, 'removed'),
        modified: count(changes, 'modified'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const versionId = inserted.id
    const gone = changes.filter((c) => c.change !== 'added').map((c) => c.entityId)
    for (let i = 0; i < gone.length; i += CHUNK) {
      await trx
        .deleteFrom('watchlist_entities')
        .where('source', '=', list.source)
        .where('entity_id', '=', sql<string>`any(${gone.slice(i, i + CHUNK)}::text[])`)
        .execute()
    }
    const written = changes
      .filter((c) => c.change !== 'removed')
      .map((c) => incoming.get(c.entityId) as HashedEntity)
    for (let i = 0; i < written.length; i += CHUNK) {
      await bulkInsert(
        trx,
        'watchlist_entities',
        ENTITY_COLUMNS,
        written.slice(i, i + CHUNK).map((e) => ({
          source: list.source,
          entity_id: e.entity.entityId,
          version_id: versionId,
          schema: e.entity.schema,
          caption: e.caption,
          content_sha256: e.hash,
          data: e.json,
        })),
      )
    }
    for (let i = 0; i < changes.length; i += CHUNK) {
      await bulkInsert(
        trx,
        'watchlist_changes',
        CHANGE_COLUMNS,
        changes.slice(i, i + CHUNK).map((c) => ({
          version_id: versionId,
          entity_id: c.entityId,
          change: c.change,
          caption: c.caption,
        })),
      )
    }
    const names = await countNames(trx, list.source)
    await trx
      .updateTable('watchlist_versions')
      .set({ name_count: names })
      .where('id', '=', versionId)
      .execute()
    await trx
      .updateTable('watchlist_sources')
      .set({ current_version_id: versionId, format: version.format, updated_at: clock.now() })
      .where('source', '=', list.source)
      .execute()
    return {
      versionId,
      source: list.source,
      listDate: list.listDate,
      entities: inForce.size,
      names,
      added: count(changes, 'added'),
      removed: count(changes, 'removed'),
      modified: count(changes, 'modified'),
      unchanged: current.content_sha256 === contentSha256,
    }
  })
}

const ENTITY_COLUMNS: BulkColumn[] = [
  { name: 'source', type: 'text' },
  { name: 'entity_id', type: 'text' },
  { name: 'version_id', type: 'bigint' },
  { name: 'schema', type: 'text' },
  { name: 'caption', type: 'text' },
  { name: 'content_sha256', type: 'text' },
  { name: 'data', type: 'jsonb' },
]

const CHANGE_COLUMNS: BulkColumn[] = [
  { name: 'version_id', type: 'bigint' },
  { name: 'entity_id', type: 'text' },
  { name: 'change', type: 'text' },
  { name: 'caption', type: 'text' },
]

type HashedEntity = { entity: WatchlistEntity; json: string; hash: string; caption: string }

function hashEntities(entities: WatchlistEntity[]): Map<string, HashedEntity> {
  const byId = new Map<string, HashedEntity>()
  for (const entity of entities) {
    if (byId.has(entity.entityId))
      throw new ConflictError(
        'duplicate_entity_id',
        `entity id "${entity.entityId}" appears twice in the list; nothing was changed`,
      )
    const json = canonicalEntityJson(entity)
    byId.set(entity.entityId, {
      entity,
      json,
      hash: sha256(json),
      caption: entity.names[0]?.value ?? entity.entityId,
    })
  }
  return byId
}

/** Fixed key order, so the same entity always hashes the same whatever built the object. */
export function canonicalEntityJson(e: WatchlistEntity): string {
  return JSON.stringify({
    entityId: e.entityId,
    schema: e.schema,
    names: e.names.map((n) => ({ value: n.value, quality: n.quality, kind: n.kind })),
    countries: e.countries,
    birthDates: e.birthDates,
    identifiers: e.identifiers.map((i) => ({ type: i.type, value: i.value, country: i.country })),
    programmes: e.programmes,
    listedOn: e.listedOn,
    addresses: e.addresses,
    remarks: e.remarks,
  })
}

async function countNames(trx: Db, source: string): Promise<number> {
  const { rows } = await sql<{ names: number | string | null }>`
    select sum(jsonb_array_length(data->'names')) as names
    from watchlist_entities where source = ${source}`.execute(trx)
  return Number(rows[0]?.names ?? 0)
}

function contentHash(entities: Map<string, HashedEntity>): string {
  return sha256(
    [...entities.values()]
      .map((e) => e.hash)
      .sort()
      .join('\n'),
  )
}

/** The hash a version of these entities would carry, to tell whether a re-import changes anything. */
export function listContentSha256(entities: WatchlistEntity[]): string {
  return contentHash(hashEntities(entities))
}

function diff(
  existing: { entity_id: string; content_sha256: string; caption: string }[],
  incoming: Map<string, HashedEntity>,
): ListChange[] {
  const changes: ListChange[] = []
  const seen = new Set<string>()
  for (const row of existing) {
    seen.add(row.entity_id)
    const next = incoming.get(row.entity_id)
    if (!next) changes.push({ entityId: row.entity_id, change: 'removed', caption: row.caption })
    else if (next.hash !== row.content_sha256)
      changes.push({ entityId: row.entity_id, change: 'modified', caption: next.caption })
  }
  for (const [id, next] of incoming) {
    if (!seen.has(id)) changes.push({ entityId: id, change: 'added', caption: next.caption })
  }
  return changes
}

/** A delta's changes: its entities are added or modified (when different), its deletions removed. */
function deltaChanges(
  existing: { entity_id: string; content_sha256: string; caption: string }[],
  incoming: Map<string, HashedEntity>,
  deletedIds: string[],
): ListChange[] {
  const current = new Map(existing.map((r) => [r.entity_id, r]))
  const changes: ListChange[] = []
  for (const [id, next] of incoming) {
    const row = current.get(id)
    if (!row) changes.push({ entityId: id, change: 'added', caption: next.caption })
    else if (row.content_sha256 !== next.hash)
      changes.push({ entityId: id, change: 'modified', caption: next.caption })
  }
  for (const id of new Set(deletedIds)) {
    const row = current.get(id)
    if (row && !incoming.has(id))
      changes.push({ entityId: id, change: 'removed', caption: row.caption })
  }
  return changes
}

function count(changes: ListChange[], kind: ListChange['change']): number {
  return changes.reduce((n, c) => n + (c.change === kind ? 1 : 0), 0)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export type ListStatus = {
  source: string
  format: string
  versionId: number
  listDate: string | null
  importedAt: string
  entities: number
  names: number
  added: number
  removed: number
  modified: number
  files: ListFile[]
}

/** The version in force of every list, for the status endpoint, page and CLI. */
export async function listStatus(db: Db): Promise<ListStatus[]> {
  const rows = await db
    .selectFrom('watchlist_sources as s')
    .innerJoin('watchlist_versions as v', 'v.id', 's.current_version_id')
    .select([
      's.source',
      's.format',
      'v.id',
      'v.list_date',
      'v.imported_at',
      'v.entity_count',
      'v.name_count',
      'v.added',
      'v.removed',
      'v.modified',
      'v.files',
    ])
    .orderBy('s.source')
    .execute()
  return rows.map((r) => ({
    source: r.source,
    format: r.format,
    versionId: r.id,
    listDate: r.list_date,
    importedAt: new Date(r.imported_at).toISOString(),
    entities: r.entity_count,
    names: r.name_count,
    added: r.added,
    removed: r.removed,
    modified: r.modified,
    files: r.files,
  }))
}

/** What changed in one version (for `lists status --changes` and the API). */
export async function listChanges(db: Db, versionId: number, limit = 1000): Promise<ListChange[]> {
  const rows = await db
    .selectFrom('watchlist_changes')
    .select(['entity_id', 'change', 'caption'])
    .where('version_id', '=', versionId)
    .orderBy('change')
    .orderBy('entity_id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ entityId: r.entity_id, change: r.change, caption: r.caption }))
}

/** The versions in force, as a cheap fingerprint: the matcher is rebuilt when it changes. */
export async function currentVersionIds(db: Db): Promise<{ source: string; versionId: number }[]> {
  const rows = await db
    .selectFrom('watchlist_sources')
    .select(['source', 'current_version_id'])
    .where('current_version_id', 'is not', null)
    .orderBy('source')
    .execute()
  return rows.map((r) => ({ source: r.source, versionId: r.current_version_id as number }))
}

/** Every entity in force, streamed in pages so a large list does not sit twice in memory. */
export async function* loadWatchlistEntities(
  db: Db,
  pageSize = 5000,
): AsyncGenerator<{ source: string; entity: WatchlistEntity }> {
  let after: { source: string; entityId: string } | null = null
  for (;;) {
    let query = db
      .selectFrom('watchlist_entities')
      .select(['source', 'entity_id', 'data'])
      .orderBy('source')
      .orderBy('entity_id')
      .limit(pageSize)
    if (after) {
      const { source, entityId } = after
      query = query.where((eb) =>
        eb.or([
          eb('source', '>', source),
          eb.and([eb('source', '=', source), eb('entity_id', '>', entityId)]),
        ]),
      )
    }
    const rows = await query.execute()
    for (const row of rows) yield { source: row.source, entity: row.data as WatchlistEntity }
    if (rows.length < pageSize) return
    const last = rows[rows.length - 1] as (typeof rows)[number]
    after = { source: last.source, entityId: last.entity_id }
  }
}
