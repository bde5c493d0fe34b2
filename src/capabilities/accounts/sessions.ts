import type { Db } from '../../platform/db/database.ts'
import type { Principal } from './principal.ts'
import { hashSecret, newSecret } from './secret.ts'
import { findUser, principalOf } from './user.repository.ts'

export type SessionPolicy = {
  /** Signed out after this long without a request. */
  idleMinutes: number
  /** Signed out this long after signing in, however active. */
  absoluteHours: number
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 }

export type Session = { principal: Principal; csrfToken: string }

/** Starts a session; the returned token goes into the cookie, only its hash into the database. */
export async function startSession(
  db: Db,
  userId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string }> {
  const token = newSecret()
  const csrfToken = newSecret()
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    })
    .execute()
  return { token, csrfToken }
}

/** The session a cookie stands for, refreshed; null (and deleted) when idle or expired. */
export async function resumeSession(
  db: Db,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<Session | null> {
  const tokenHash = hashSecret(token)
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) return null
  const idleSince = now.getTime() - row.last_seen_at.getTime()
  if (row.expires_at <= now || idleSince > policy.idleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
    return null
  }
  const user = await findUser(db, row.user_id)
  if (!user || user.disabled_at) return null
  if (idleSince > 30_000)
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .execute()
  return { principal: principalOf(user), csrfToken: row.csrf_token }
}

export async function endSession(db: Db, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute()
}
