import type { Db } from '../../platform/db/database.ts'
import { COMPETENT_AUTHORITIES } from '../reference-data/authorities.ts'

export type AuthorityRecord = {
  id: string
  memberState: string
  name: string
  source: string
  builtIn: boolean
}

/** Adds the built-in competent authorities (one per member state); safe to run at every start. */
export async function seedAuthorities(db: Db): Promise<void> {
  await db
    .insertInto('authorities')
    .values(
      COMPETENT_AUTHORITIES.map((a) => ({
        id: a.id,
        member_state: a.memberState,
        name: a.name,
        source: a.source,
        built_in: true,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

export async function listAuthorities(db: Db): Promise<AuthorityRecord[]> {
  const rows = await db
    .selectFrom('authorities')
    .selectAll()
    .orderBy('member_state')
    .orderBy('id')
    .execute()
  return rows.map(toAuthority)
}

export async function findAuthority(db: Db, id: string): Promise<AuthorityRecord | undefined> {
  const row = await db.selectFrom('authorities').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toAuthority(row) : undefined
}

export async function insertAuthority(
  db: Db,
  authority: Omit<AuthorityRecord, 'builtIn'>,
): Promise<AuthorityRecord> {
  const row = await db
    .insertInto('authorities')
    .values({
      id: authority.id,
      member_state: authority.memberState,
      name: authority.name,
      source: authority.source,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toAuthority(row)
}

function toAuthority(row: {
  id: string
  member_state: string
  name: string
  source: string
  built_in: boolean
}): AuthorityRecord {
  return {
    id: row.id,
    memberState: row.member_state,
    name: row.name,
    source: row.source,
    builtIn: row.built_in,
  }
}
