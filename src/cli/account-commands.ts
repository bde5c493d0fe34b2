import {
  ACTIVATION_HOURS,
  activationPath,
  createActivationToken,
} from '../capabilities/accounts/activation.ts'
import { createApiToken, revokeApiToken } from '../capabilities/accounts/api-tokens.ts'
import { recordAudit } from '../capabilities/accounts/audit.ts'
import { MAX_PASSWORD_LENGTH, passwordTooLong } from '../capabilities/accounts/password.ts'
import {
  ROLES,
  type Role,
  TOKEN_SCOPES,
  type TokenScope,
} from '../capabilities/accounts/principal.ts'
import { createSetupToken } from '../capabilities/accounts/setup.ts'
import {
  createOrganisation,
  createUser,
  findUserByEmail,
  listUsers,
  principalOf,
  setPassword,
  setUserDisabled,
} from '../capabilities/accounts/user.repository.ts'
import type { Clock } from '../platform/clock.ts'
import type { Db } from '../platform/db/database.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

/**
 * Reads a password piped on stdin (so it never appears in the shell history or `ps`), refusing
 * it once it is longer than any password may be, without reading the rest.
 */
async function readStdin(): Promise<string> {
  // Each UTF-16 code unit is at most 3 bytes of UTF-8; the 2 are a line ending.
  const maxBytes = MAX_PASSWORD_LENGTH * 3 + 2
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer)
    size += (chunk as Buffer).length
    if (size > maxBytes) break
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
  if (size > maxBytes || passwordTooLong(password))
    throw new CliUsageError(
      `The password on stdin is longer than ${MAX_PASSWORD_LENGTH.toLocaleString('en')} characters`,
    )
  return password
}

export async function usersAdd(
  db: Db,
  out: Out,
  clock: Clock,
  o: {
    email?: string | undefined
    name?: string | undefined
    role?: string | undefined
    authority?: string | undefined
    organisation?: string | undefined
    passwordStdin: boolean
  },
) {
  if (!o.email || !o.role) throw new CliUsageError('users add needs --email and --role')
  if (!ROLES.includes(o.role as Role))
    throw new CliUsageError(`--role must be one of ${ROLES.join(', ')}`)
  // No default passwords: the owner sets one with a one-time activation link, or the operator
  // pipes one in (then it is the administrator's choice, and marked so).
  const password = o.passwordStdin ? await readStdin() : undefined
  const user = await createUser(db, {
    email: o.email,
    displayName: o.name ?? o.email.split('@')[0] ?? o.email,
    role: o.role as Role,
    authorityId: o.authority,
    organisationId: o.organisation,
    password,
  })
  await recordAudit(db, {
    principal: null,
    action: 'user.create',
    subject: user.id,
    outcome: 'ok',
    detail: { role: user.role, via: 'cli', passwordSetBy: user.passwordSetBy },
  })
  if (password !== undefined) {
    const official = user.role === 'officer' || user.role === 'senior_officer'
    out(
      `Created ${user.role} ${user.email} (${user.id}) with the password you chose.${official ? `\nIt cannot confirm or reject four-eyes proposals until its owner sets their own password: glasshouse users activation-link ${user.email}` : ''}`,
      user,
    )
    return
  }
  const link = await activationLink(db, clock, user.id)
  out(`Created ${user.role} ${user.email} (${user.id}).\n${link.human}`, {
    ...user,
    activation: link.data,
  })
}

/** A new one-time activation link for an existing account (earlier unused links stop working). */
export async function usersActivationLink(
  db: Db,
  out: Out,
  clock: Clock,
  email: string | undefined,
) {
  if (!email) throw new CliUsageError('users activation-link needs an EMAIL')
  const user = await findUserByEmail(db, email)
  if (!user) throw new CliUsageError(`no user ${email}`)
  const link = await activationLink(db, clock, user.id)
  out(`${user.email}:\n${link.human}`, { id: user.id, activation: link.data })
}

async function activationLink(db: Db, clock: Clock, userId: string) {
  const { token, expiresAt } = await createActivationToken(db, userId, {
    createdBy: null,
    now: clock.now(),
  })
  await recordAudit(db, {
    principal: null,
    action: 'user.activation_link',
    subject: userId,
    outcome: 'ok',
    detail: { via: 'cli' },
  })
  const path = activationPath(token)
  return {
    human: `Activation link (one-time, valid ${ACTIVATION_HOURS} hours; give it to the account's owner only, who sets their own password there): ${path} on the server`,
    data: { token, path, expiresAt: expiresAt.toISOString() },
  }
}

/**
 * Sets a user's password (piped on stdin) and ends their sessions. The password is the
 * administrator's choice: an officer's account cannot answer four-eyes proposals with it.
 */
export async function usersSetPassword(db: Db, out: Out, email: string | undefined) {
  if (!email) throw new CliUsageError('users set-password needs an EMAIL (the password on stdin)')
  const user = await findUserByEmail(db, email)
  if (!user) throw new CliUsageError(`no user ${email}`)
  await setPassword(db, user.id, await readStdin())
  await recordAudit(db, {
    principal: null,
    action: 'user.set_password',
    subject: user.id,
    outcome: 'ok',
    detail: { via: 'cli', passwordSetBy: 'administrator' },
  })
  const official = user.role === 'officer' || user.role === 'senior_officer'
  out(
    `Set the password of ${user.email}; their sessions have ended.${official ? `\nAn administrator chose it, so the account cannot confirm or reject four-eyes proposals until its owner sets their own: glasshouse users activation-link ${user.email}` : ''}`,
    { id: user.id, passwordSetBy: 'administrator' },
  )
}

export async function usersList(db: Db, out: Out) {
  const users = await listUsers(db)
  out(
    users
      .map(
        (u) =>
          `${u.email.padEnd(40)} ${u.role.padEnd(18)} ${u.authorityId ?? u.organisationId ?? '-'}${u.disabled ? ' (disabled)' : ''}${u.activatedAt ? '' : ' (not activated by its owner)'}${u.passwordSetBy === 'administrator' ? ' (password set by an administrator)' : ''}`,
      )
      .join('\n') || 'No users yet: glasshouse users add --role admin --email …',
    { items: users },
  )
}

export async function usersSetDisabled(
  db: Db,
  out: Out,
  clock: Clock,
  email: string | undefined,
  disabled: boolean,
) {
  if (!email) throw new CliUsageError(`users ${disabled ? 'disable' : 'enable'} needs an EMAIL`)
  const user = await findUserByEmail(db, email)
  if (!user) throw new CliUsageError(`no user ${email}`)
  await setUserDisabled(db, user.id, disabled, clock.now())
  await recordAudit(db, {
    principal: null,
    action: disabled ? 'user.disable' : 'user.enable',
    subject: user.id,
    outcome: 'ok',
    detail: { via: 'cli' },
  })
  out(`${disabled ? 'Disabled' : 'Enabled'} ${user.email}.`, { id: user.id, disabled })
}

export async function organisationsAdd(
  db: Db,
  out: Out,
  o: {
    id?: string | undefined
    name?: string | undefined
    country?: string | undefined
    authority?: string | undefined
  },
) {
  if (!o.id || !o.name || !o.country || !o.authority)
    throw new CliUsageError('organisations add needs --id, --name, --country and --authority')
  await createOrganisation(db, {
    id: o.id,
    name: o.name,
    country: o.country.toUpperCase(),
    authorityId: o.authority,
  })
  out(`Added organisation ${o.id}, applying to ${o.authority}.`, { id: o.id })
}

export async function tokensCreate(
  db: Db,
  out: Out,
  o: { email?: string | undefined; name?: string | undefined; scopes?: string | undefined },
) {
  if (!o.email || !o.name) throw new CliUsageError('tokens create needs --email and --name')
  const scopes = (o.scopes ?? 'read').split(',').map((s) => s.trim())
  if (scopes.some((s) => !TOKEN_SCOPES.includes(s as TokenScope)))
    throw new CliUsageError(`--scopes: a comma-separated list of ${TOKEN_SCOPES.join(', ')}`)
  const user = await findUserByEmail(db, o.email)
  if (!user) throw new CliUsageError(`no user ${o.email}`)
  const { token, summary } = await createApiToken(db, user.id, {
    name: o.name,
    scopes: scopes as TokenScope[],
  })
  await recordAudit(db, {
    principal: principalOf(user),
    action: 'token.create',
    subject: summary.id,
    outcome: 'ok',
    detail: { via: 'cli' },
  })
  out(
    `Token ${summary.id} for ${user.email} (${summary.scopes.join(', ')}), shown once:\n${token}`,
    { token, ...summary },
  )
}

export async function tokensRevoke(db: Db, out: Out, clock: Clock, id: string | undefined) {
  if (!id) throw new CliUsageError('tokens revoke needs a token ID')
  const admin = {
    userId: 'cli',
    displayName: 'cli',
    role: 'admin' as const,
    authorityId: null,
    organisationId: null,
    scopes: null,
  }
  await revokeApiToken(db, id, admin, clock.now())
  await recordAudit(db, {
    principal: null,
    action: 'token.revoke',
    subject: id,
    outcome: 'ok',
    detail: { via: 'cli' },
  })
  out(`Revoked token ${id}.`, { id, revoked: true })
}

export async function setupToken(db: Db, out: Out, clock: Clock) {
  const token = await createSetupToken(db, clock.now())
  out(
    `One-time setup token (valid 24 hours): open /setup?token=${token} on the server to create the first administrator.`,
    { token },
  )
}
