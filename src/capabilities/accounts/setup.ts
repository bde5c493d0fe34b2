import type { Db } from '../../platform/db/database.ts'
import { ConflictError, ForbiddenError } from '../../platform/http/errors.ts'
import { recordAudit } from './audit.ts'
import { hashSecret, newSecret } from './secret.ts'
import { countAdmins, createUser, type UserSummary } from './user.repository.ts'

const SETUP_TOKEN_HOURS = 24

/** A one-time token that lets the first administrator be created in the browser. */
export async function createSetupToken(db: Db, now: Date): Promise<string> {
  const token = newSecret()
  await db
    .insertInto('setup_tokens')
    .values({
      token_hash: hashSecret(token),
      created_at: now,
      expires_at: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000),
    })
    .execute()
  return token
}

export async function setupTokenValid(db: Db, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('setup_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  return Boolean(row && !row.used_at && row.expires_at > now)
}

/** Uses the token (once) to create the first administrator; refused once any administrator exists. */
export async function createFirstAdmin(
  db: Db,
  token: string,
  input: { email: string; displayName: string; password: string },
  now: Date,
): Promise<UserSummary> {
  if (!(await setupTokenValid(db, token, now)))
    throw new ForbiddenError('The setup token is unknown, used or expired')
  if ((await countAdmins(db)) > 0)
    throw new ConflictError('already_set_up', 'An administrator exists: sign in instead')
  // The first administrator chooses their own password on the setup page.
  const user = await createUser(db, { ...input, role: 'admin', ownPasswordAt: now })
  await db
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashSecret(token))
    .execute()
  await recordAudit(db, {
    principal: null,
    userId: user.id,
    action: 'setup.first_admin',
    outcome: 'ok',
  })
  return user
}
