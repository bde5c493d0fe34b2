import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'

/** Kysely queries on `evidence_sets`, the imported destination evidence. */
export type EvidenceKind = 'indicators' | 'spyware-operators' | 'victim-cases'
export type EvidenceFile = { name: string; bytes: number; sha256: string }

export type StoredEvidenceSet = {
  id: number
  kind: EvidenceKind
  importedAt: Date
  actor: string
  files: EvidenceFile[]
  data: unknown
}

export async function insertEvidenceSet(
  db: Db,
  clock: Clock,
  set: { kind: EvidenceKind; actor: string; files: EvidenceFile[]; data: unknown },
): Promise<{ id: number; importedAt: Date }> {
  const row = await db
    .insertInto('evidence_sets')
    .values({
      kind: set.kind,
      imported_at: clock.now(),
      actor: set.actor,
      files: JSON.stringify(set.files),
      data: JSON.stringify(set.data),
    })
    .returning(['id', 'imported_at'])
    .executeTakeFirstOrThrow()
  return { id: Number(row.id), importedAt: new Date(row.imported_at) }
}

/** The newest set of each kind (highest id), at most one per kind. */
export async function newestEvidenceSets(db: Db): Promise<StoredEvidenceSet[]> {
  const rows = await db
    .selectFrom('evidence_sets')
    .select(['id', 'kind', 'imported_at', 'actor', 'files', 'data'])
    .distinctOn('kind')
    .orderBy('kind')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    importedAt: new Date(row.imported_at),
    actor: row.actor,
    files: row.files,
    data: row.data,
  }))
}
