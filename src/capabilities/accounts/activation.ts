import type { Db } from '../../platform/db/database.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { recordAudit } from './audit.ts'
import { hashPassword, passwordProblem } from './password.ts'
import { hashSecret, newSecret } from './secret.ts'
import { findUser, type UserRow } from './user.repository.ts'

/** How long an activation link works: long enough to reach its owner by another channel. */
export const ACTIVATION_HOURS = 72

/** The page an activation link opens (the server's own origin in front of it). */
export function activationPath(token: string): string {
  return `/activate?token=${token}`
}

/**
 * Who controls an account's credentials: its owner (they set their password through a one-time
 * activation link or the setup page, or their identity provider vouched for them on a linked
 * sign-in); an administrator, who chose the password the account signs in with; or nobody yet
 * (never activated: created without a password, or with one an administrator chose).
 */
export type AccountControl = 'owner' | 'administrator_password' | 'not_activated'

export function accountControlOf(
  row: Pick<UserRow, 'password_set_by' | 'activated_at'>,
): AccountControl {
  if (row.password_set_by === 'administrator') return 'administrator_password'
  if (row.activated_at === null) return 'not_activated'
  return 'owner'
}

export async function accountControl(db: Db, userId: string): Promise<AccountControl> {
  const row = await findUser(db, userId)
  return row ? accountControlOf(row) : 'not_activated'
}

/**
 * A one-time link with which the account's owner sets their own password. Earlier unused links of
 * the same account stop working. `createdBy` is the administrator's id; null on the command line.
 */
export async function createActivationToken(
  db: Db,
  userId: string,
  { createdBy, now }: { createdBy: string | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const user = await findUser(db, userId)
  if (!user) throw new NotFoundError('user_not_found', `No user ${userId}`)
  const token = newSecret()
  const expiresAt = new Date(now.getTime() + ACTIVATION_HOURS * 3_600_000)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('account_activations')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute()
    await trx
      .insertInto('account_activations')
      .values({
        token_hash: hashSecret(token),
        user_id: userId,
        created_by: createdBy,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute()
  })
  return { token, expiresAt }
}

/** The account a link would activate, while the link is unused and unexpired; else undefined. */
export async function activationFor(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: string; email: string; displayName: string } | undefined> {
  const row = await db
    .selectFrom('account_activations as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.disabled_at'])
    .where('a.token_hash', '=', hashSecret(token))
    .where('a.used_at', 'is', null)
    .where('a.expires_at', '>', now)
    .executeTakeFirst()
  if (!row || row.disabled_at) return undefined
  return { userId: row.id, email: row.email, displayName: row.display_name }
}

/**
 * The owner uses the link (once) to set their own password: the account is then theirs
 * (`password_set_by` owner, `activated_at` the first time), their other sessions end, and the
 * audit trail records the activation and who made the link.
 */
export async function activateAccount(
  db: Db,
  token: string,
  password: string,
  now: Date,
): Promise<{ userId: string; email: string }> {
  const account = await activationFor(db, token, now)
  if (!account) throw new ForbiddenError('This activation link is unknown, used or expired')
  const problem = passwordProblem(password)
  if (problem)
    throw new ValidationError(`password: ${problem}`, [{ field: 'password', message: problem }])
  const hash = await hashPassword(password)
  const link = await db.transaction().execute(async (trx) => {
    // Claiming the link and setting the password are one step: a second use finds it used.
    const claimed = await trx
      .updateTable('account_activations')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'created_by'])
      .executeTakeFirst()
    if (!claimed) return undefined
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        password_set_by: 'owner',
        activated_at: eb.fn.coalesce('activated_at', eb.val(now)),
        failed_logins: 0,
        locked_until: null,
      }))
      .where('id', '=', claimed.user_id)
      .execute()
    await trx.deleteFrom('sessions').where('user_id', '=', claimed.user_id).execute()
    return claimed
  })
  if (!link) throw new ForbiddenError('This activation link is unknown, used or expired')
  await recordAudit(db, {
    principal: null,
    userId: link.user_id,
    action: 'user.activate',
    subject: link.user_id,
    outcome: 'ok',
    detail: { via: 'activation_link', linkCreatedBy: link.created_by ?? 'cli' },
  })
  return { userId: link.user_id, email: account.email }
}
