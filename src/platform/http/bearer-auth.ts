import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { UnauthorizedError } from './errors.ts'

export type ActorVariables = { actor: { id: string } }

/**
 * Interim protection of the internal API until accounts and roles land: one administrator
 * bearer token. The `Glasshouse-Actor` header names who acts (an officer id), for the record.
 */
export function requireAdminToken(token: string): MiddlewareHandler<{ Variables: ActorVariables }> {
  const expected = Buffer.from(token)
  return async (c, next) => {
    const given = Buffer.from(c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new UnauthorizedError()
    const actor =
      (c.req.header('glasshouse-actor') ?? 'admin').replace(/[^\w.@:-]/g, '').slice(0, 100) ||
      'admin'
    c.set('actor', { id: actor })
    await next()
  }
}
