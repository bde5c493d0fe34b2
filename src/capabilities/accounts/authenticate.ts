import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.ts'
import { readForm } from '../../platform/http/read-form.ts'
import { principalForToken } from './api-tokens.ts'
import { type AuditEvent, recordAudit } from './audit.ts'
import { can, type Permission } from './permissions.ts'
import type { Principal } from './principal.ts'
import { resumeSession, type SessionPolicy } from './sessions.ts'

export const SESSION_COOKIE = 'glasshouse_session'

export type AuthVariables = {
  principal: Principal | undefined
  /** The session's CSRF token, for forms; undefined for API tokens and the public. */
  csrfToken: string | undefined
  /** Kept for the routes written before accounts: the acting user's id. */
  actor: { id: string }
  /** Writes to the internal audit trail. */
  audit: (event: AuditEvent) => Promise<void>
}

/**
 * Finds who is calling: a bearer API token, or else a session cookie. A bearer token that is
 * wrong is refused outright rather than treated as anonymous.
 */
export function authenticate(deps: {
  db: Db
  clock: Clock
  sessions: SessionPolicy
}): MiddlewareHandler<{ Variables: AuthVariables }> {
  const audit = (event: AuditEvent) => recordAudit(deps.db, event)
  return async (c, next) => {
    c.set('audit', audit)
    const header = c.req.header('authorization')
    if (header !== undefined) {
      const token = header.replace(/^Bearer\s+/i, '')
      const principal = await principalForToken(deps.db, token, deps.clock.now())
      if (!principal) throw new UnauthorizedError('The bearer token is unknown, expired or revoked')
      setPrincipal(c, principal, undefined)
      return next()
    }
    const cookie = getCookie(c, SESSION_COOKIE)
    if (cookie) {
      const session = await resumeSession(deps.db, cookie, deps.clock.now(), deps.sessions)
      if (session) setPrincipal(c, session.principal, session.csrfToken)
    }
    return next()
  }
}

function setPrincipal(c: Context, principal: Principal, csrfToken: string | undefined) {
  c.set('principal', principal)
  c.set('csrfToken', csrfToken)
  c.set('actor', { id: principal.userId })
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Guards an API route: 401 without a principal, 403 without the permission or, for an API token,
 * without the write scope on a changing request. A cookie session on a changing request must
 * also carry its CSRF token (header `x-csrf-token` or form field `_csrf`).
 */
export function requires(permission: Permission): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const principal = c.get('principal')
    if (!principal) throw new UnauthorizedError('Sign in or send a bearer API token')
    const unsafe = !SAFE_METHODS.has(c.req.method)
    const tokenMayWrite = principal.scopes === null || principal.scopes.includes('write')
    if (!can(principal, permission) || (unsafe && !tokenMayWrite)) {
      await c.get('audit')({
        principal,
        action: `${c.req.method} ${c.req.routePath}`,
        subject: c.req.param('reference'),
        outcome: 'denied',
        detail: { permission },
      })
      throw new ForbiddenError(
        can(principal, permission)
          ? 'This API token is read-only'
          : `Your role (${principal.role}) may not do this (${permission})`,
      )
    }
    if (unsafe && principal.scopes === null) await checkCsrf(c)
    return next()
  }
}

/** The synchronizer-token check for requests authenticated by the session cookie. */
export async function checkCsrf(c: Context<{ Variables: AuthVariables }>) {
  const expected = c.get('csrfToken')
  if (!expected) return
  let given = c.req.header('x-csrf-token')
  const type = c.req.header('content-type') ?? ''
  if (
    !given &&
    (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
  ) {
    const form = await readForm(c)
    given = typeof form._csrf === 'string' ? form._csrf : undefined
  }
  if (given !== expected)
    throw new ForbiddenError(
      'The form has expired or did not come from Glasshouse; reload it and try again',
    )
}

/** The principal of a guarded route (requires() has run, so there is one). */
export function currentPrincipal(c: Context<{ Variables: AuthVariables }>): Principal {
  const principal = c.get('principal')
  if (!principal) throw new UnauthorizedError('Sign in or send a bearer API token')
  return principal
}
