import { randomBytes } from 'node:crypto'
import type { Db } from '../../platform/db/database.ts'
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { type Principal, TOKEN_SCOPES, type TokenScope } from './principal.ts'
import { hashSecret, newSecret } from './secret.ts'
import { findUser, principalOf } from './user.repository.ts'

/** Tokens read `gh_<id>_<secret>`: the id finds the row, the secret is checked against its hash. */
const TOKEN_PATTERN = /^gh_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/

export type ApiTokenSummary = {
  id: string
  name: string
  scopes: TokenScope[]
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revoked: boolean
}

export async function createApiToken(
  db: Db,
  userId: string,
  input: { name: string; scopes: TokenScope[]; expiresAt?: Date | undefined },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > 100)
    throw new ValidationError('name: must be 1 to 100 characters', [
      { field: 'name', message: 'must be 1 to 100 characters' },
    ])
  const scopes = [...new Set(input.scopes)]
  if (scopes.length === 0 || scopes.some((s) => !TOKEN_SCOPES.includes(s)))
    throw new ValidationError(`scopes: choose from ${TOKEN_SCOPES.join(', ')}`, [
      { field: 'scopes', message: `choose from ${TOKEN_SCOPES.join(', ')}` },
    ])
  const id = randomBytes(6).toString('hex')
  const secret = newSecret()
  const row = await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name,
      secret_hash: hashSecret(secret),
      scopes,
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token: `gh_${id}_${secret}`, summary: summarise(row) }
}

/** The principal a bearer token stands for, or null when it is unknown, revoked, expired or its user disabled. */
export async function principalForToken(
  db: Db,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const match = TOKEN_PATTERN.exec(token)
  if (!match) return null
  const [, id, secret] = match as unknown as [string, string, string]
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || row.secret_hash !== hashSecret(secret)) return null
  if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return null
  const user = await findUser(db, row.user_id)
  if (!user || user.disabled_at) return null
  // Record use at most once a minute: a busy client must not write on every request.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000)
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute()
  return principalOf(user, row.scopes as TokenScope[])
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(summarise)
}

/** Revokes one of the user's own tokens (an administrator may revoke anyone's). */
export async function revokeApiToken(db: Db, id: string, by: Principal, now: Date) {
  let query = db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id)
  if (by.role !== 'admin') query = query.where('user_id', '=', by.userId)
  const result = await query.executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new NotFoundError('token_not_found', `No token ${id}`)
}

function summarise(row: {
  id: string
  name: string
  scopes: string[]
  created_at: Date
  expires_at: Date | null
  last_used_at: Date | null
  revoked_at: Date | null
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as TokenScope[],
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  }
}
