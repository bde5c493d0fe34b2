import { randomUUID } from 'node:crypto'
import type { Db } from '../../platform/db/database.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { findAuthority } from '../licensing/authority.repository.ts'
import { hashPassword, passwordProblem } from './password.ts'
import { type Principal, ROLES, type Role } from './principal.ts'

export type UserRow = {
  id: string
  email: string
  display_name: string
  role: string
  authority_id: string | null
  organisation_id: string | null
  password_hash: string | null
  password_set_by: 'owner' | 'administrator' | null
  activated_at: Date | null
  failed_logins: number
  locked_until: Date | null
  disabled_at: Date | null
}

export type NewUser = {
  email: string
  displayName: string
  role: Role
  authorityId?: string | undefined
  organisationId?: string | undefined
  /**
   * Omitted for users who only sign in with OpenID Connect or only use API tokens, and for those
   * who set their own with an activation link. Given, it is an administrator's choice, unless
   * `ownPasswordAt` says the owner is creating their own account.
   */
  password?: string | undefined
  /** The owner chose the password, now (the first administrator's setup page). */
  ownPasswordAt?: Date | undefined
  oidcSubject?: string | undefined
}

export type UserSummary = {
  id: string
  email: string
  displayName: string
  role: Role
  authorityId: string | null
  organisationId: string | null
  disabled: boolean
  /** Who chose the password (null: none), and when the owner took the account over. */
  passwordSetBy: 'owner' | 'administrator' | null
  activatedAt: string | null
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function invalid(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, [{ field, message }])
}

export async function createUser(db: Db, input: NewUser): Promise<UserSummary> {
  const email = input.email.trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) invalid('email', 'is not an email address')
  const displayName = input.displayName.trim()
  if (displayName.length === 0 || displayName.length > 120)
    invalid('displayName', 'must be 1 to 120 characters')
  if (!ROLES.includes(input.role)) invalid('role', `must be one of ${ROLES.join(', ')}`)
  let authorityId = input.authorityId ?? null
  let organisationId = input.organisationId ?? null
  if (input.role === 'officer' || input.role === 'senior_officer') {
    if (!authorityId)
      invalid('authority', `${input.role.replace('_', ' ')}s belong to an authority`)
    if (!(await findAuthority(db, authorityId)))
      invalid('authority', `unknown authority "${authorityId}"`)
    organisationId = null
  } else if (input.role === 'exporter') {
    if (!organisationId) invalid('organisation', 'an exporter belongs to an organisation')
    const organisation = await db
      .selectFrom('organisations')
      .select('authority_id')
      .where('id', '=', organisationId)
      .executeTakeFirst()
    if (!organisation) invalid('organisation', `unknown organisation "${organisationId}"`)
    authorityId = organisation.authority_id
  } else {
    authorityId = null
    organisationId = null
  }
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password)
    if (problem) invalid('password', problem)
  }
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst()
  if (existing) throw new ConflictError('email_taken', `A user with email ${email} exists`)
  const row = {
    id: randomUUID(),
    email,
    display_name: displayName,
    role: input.role,
    authority_id: authorityId,
    organisation_id: organisationId,
    password_hash: input.password === undefined ? null : await hashPassword(input.password),
    password_set_by:
      input.password === undefined
        ? null
        : input.ownPasswordAt
          ? ('owner' as const)
          : ('administrator' as const),
    activated_at: input.password !== undefined && input.ownPasswordAt ? input.ownPasswordAt : null,
    oidc_subject: input.oidcSubject ?? null,
  }
  await db.insertInto('users').values(row).execute()
  return summary({ ...row, disabled_at: null })
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute()
  return rows.map(summary)
}

export async function setUserDisabled(db: Db, id: string, disabled: boolean, now: Date) {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: disabled ? now : null, failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new NotFoundError('user_not_found', `No user ${id}`)
  // A disabled user's sessions and tokens stop working at once.
  if (disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute()
}

/**
 * An administrator sets a user's password (`glasshouse users set-password`) and ends their
 * sessions. The password is the administrator's choice, so the account cannot answer four-eyes
 * proposals until its owner sets their own through an activation link (activation.ts).
 */
export async function setPassword(db: Db, id: string, password: string) {
  const problem = passwordProblem(password)
  if (problem) invalid('password', problem)
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      password_set_by: 'administrator',
      failed_logins: 0,
      locked_until: null,
    })
    .where('id', '=', id)
    .execute()
  await db.deleteFrom('sessions').where('user_id', '=', id).execute()
}

export function principalOf(row: UserRow, scopes: Principal['scopes'] = null): Principal {
  return {
    userId: row.id,
    displayName: row.display_name,
    role: row.role as Role,
    authorityId: row.authority_id,
    organisationId: row.organisation_id,
    scopes,
  }
}

export async function countAdmins(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(n)
}

export type NewOrganisation = {
  id: string
  name: string
  country: string
  authorityId: string
  exporterId?: string | undefined
}

export async function createOrganisation(db: Db, input: NewOrganisation) {
  if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(input.id))
    invalid('id', 'lower-case letters, digits and hyphens, 2 to 60 characters')
  if (!(await findAuthority(db, input.authorityId)))
    invalid('authority', `unknown authority "${input.authorityId}"`)
  if (!/^[A-Z]{2}$/.test(input.country)) invalid('country', 'an ISO 3166-1 alpha-2 code')
  const existing = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', input.id)
    .executeTakeFirst()
  if (existing) throw new ConflictError('organisation_exists', `Organisation "${input.id}" exists`)
  await db
    .insertInto('organisations')
    .values({
      id: input.id,
      name: input.name.trim(),
      country: input.country,
      authority_id: input.authorityId,
      exporter_id: input.exporterId ?? null,
    })
    .execute()
}

const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'authority_id',
  'organisation_id',
  'password_hash',
  'password_set_by',
  'activated_at',
  'failed_logins',
  'locked_until',
  'disabled_at',
] as const

function summary(
  row: Omit<UserRow, 'password_hash' | 'failed_logins' | 'locked_until'>,
): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    authorityId: row.authority_id,
    organisationId: row.organisation_id,
    disabled: row.disabled_at !== null,
    passwordSetBy: row.password_set_by,
    activatedAt: row.activated_at?.toISOString() ?? null,
  }
}
