import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { activationPath, createActivationToken } from './activation.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts'
import { listAudit } from './audit.ts'
import { type AuthVariables, currentPrincipal, requires } from './authenticate.ts'
import { ROLE_PERMISSIONS } from './permissions.ts'
import { ROLES, TOKEN_SCOPES } from './principal.ts'
import {
  createOrganisation,
  createUser,
  findUser,
  listUsers,
  setUserDisabled,
} from './user.repository.ts'

const security = [{ bearerAuth: [] }]

const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    authorityId: z.string().nullable(),
    organisationId: z.string().nullable(),
    disabled: z.boolean(),
    passwordSetBy: z.enum(['owner', 'administrator']).nullable().openapi({
      description:
        'Who chose the password (null: none). An administrator-chosen one keeps the account from answering four-eyes proposals',
    }),
    activatedAt: z.string().nullable().openapi({
      description:
        'When the owner took the account over (their own password through an activation link, or a linked OpenID Connect sign-in)',
    }),
  })
  .openapi('User')

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revoked: z.boolean(),
  })
  .openapi('ApiToken')

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.string().nullable(),
    role: z.string().nullable(),
    authorityId: z.string().nullable(),
    action: z.string(),
    subject: z.string().nullable(),
    outcome: z.string(),
    detail: z.unknown(),
  })
  .openapi('AuditEntry')

/** Accounts under /api/v1: who am I, my API tokens, and (administrators) users and organisations. */
export function createAccountRoutes({ db, clock }: { db: Db; clock: Clock }) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })
  const tags = ['Accounts']

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      operationId: 'whoAmI',
      summary: 'The signed-in user or token owner, with role, tenant and permissions',
      tags,
      security,
      middleware: [requires('tokens.own')] as const,
      responses: {
        200: json(
          z.object({
            user: UserSchema,
            permissions: z.array(z.string()),
            tokenScopes: z.array(z.string()).nullable(),
          }),
          'You',
        ),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const principal = currentPrincipal(c)
      const user = await findUser(db, principal.userId)
      return c.json(
        {
          user: {
            id: principal.userId,
            email: user?.email ?? '',
            displayName: principal.displayName,
            role: principal.role,
            authorityId: principal.authorityId,
            organisationId: principal.organisationId,
            disabled: false,
            passwordSetBy: user?.password_set_by ?? null,
            activatedAt: user?.activated_at?.toISOString() ?? null,
          },
          permissions: [...ROLE_PERMISSIONS[principal.role]],
          tokenScopes: principal.scopes ? [...principal.scopes] : null,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      operationId: 'listApiTokens',
      summary: 'Your API tokens (never their secrets)',
      tags,
      security,
      middleware: [requires('tokens.own')] as const,
      responses: {
        200: json(z.object({ items: z.array(TokenSchema) }), 'Tokens'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => c.json({ items: await listApiTokens(db, currentPrincipal(c).userId) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      operationId: 'createApiToken',
      summary: 'Create an API token for a machine client; the secret is shown once',
      tags,
      security,
      middleware: [requires('tokens.own')] as const,
      request: jsonBody(
        z
          .object({
            name: z.string().min(1).max(100),
            scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
            expiresInDays: z.number().int().min(1).max(366).optional(),
          })
          .strict(),
      ),
      responses: {
        201: json(z.object({ token: z.string(), summary: TokenSchema }), 'The new token'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const expiresAt = body.expiresInDays
        ? new Date(clock.now().getTime() + body.expiresInDays * 86_400_000)
        : undefined
      const created = await createApiToken(db, currentPrincipal(c).userId, {
        name: body.name,
        scopes: body.scopes,
        expiresAt,
      })
      await c.get('audit')({
        principal: currentPrincipal(c),
        action: 'token.create',
        subject: created.summary.id,
        outcome: 'ok',
      })
      return c.json(created, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      operationId: 'revokeApiToken',
      summary: 'Revoke one of your tokens (administrators: anyone’s)',
      tags,
      security,
      middleware: [requires('tokens.own')] as const,
      request: { params: z.object({ id: z.string().regex(/^[a-f0-9]{12}$/) }) },
      responses: {
        204: { description: 'Revoked' },
        ...COMMON_ERRORS,
        404: problem('No such token'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await revokeApiToken(db, id, currentPrincipal(c), clock.now())
      await c.get('audit')({
        principal: currentPrincipal(c),
        action: 'token.revoke',
        subject: id,
        outcome: 'ok',
      })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'Every account',
      tags,
      security,
      middleware: [requires('users.manage')] as const,
      responses: { 200: json(z.object({ items: z.array(UserSchema) }), 'Users'), ...COMMON_ERRORS },
    }),
    async (c) => c.json({ items: await listUsers(db) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      operationId: 'createUser',
      summary:
        'Create an account (no password: the owner sets one with an activation link, or signs in with OpenID Connect; a password given here is the administrator’s choice)',
      tags,
      security,
      middleware: [requires('users.manage')] as const,
      request: jsonBody(
        z
          .object({
            email: z.string().max(254),
            displayName: z.string().min(1).max(120),
            role: z.enum(ROLES),
            authorityId: z.string().optional(),
            organisationId: z.string().optional(),
            password: z.string().optional(),
          })
          .strict(),
      ),
      responses: {
        201: json(UserSchema, 'The new user'),
        ...COMMON_ERRORS,
        409: problem('Email taken'),
      },
    }),
    async (c) => {
      const user = await createUser(db, c.req.valid('json'))
      await c.get('audit')({
        principal: currentPrincipal(c),
        action: 'user.create',
        subject: user.id,
        outcome: 'ok',
        detail: { role: user.role, passwordSetBy: user.passwordSetBy },
      })
      return c.json(user, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/activation-link',
      operationId: 'createActivationLink',
      summary:
        'A one-time link (72 hours) with which the account’s owner sets their own password; hand it over by another channel. Earlier unused links stop working',
      tags,
      security,
      middleware: [requires('users.manage')] as const,
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: {
        201: json(
          z.object({ token: z.string(), path: z.string(), expiresAt: z.string() }),
          'The link, shown once',
        ),
        ...COMMON_ERRORS,
        404: problem('No such user'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const principal = currentPrincipal(c)
      const { token, expiresAt } = await createActivationToken(db, id, {
        createdBy: principal.userId,
        now: clock.now(),
      })
      await c.get('audit')({
        principal,
        action: 'user.activation_link',
        subject: id,
        outcome: 'ok',
      })
      return c.json({ token, path: activationPath(token), expiresAt: expiresAt.toISOString() }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/disabled',
      operationId: 'setUserDisabled',
      summary: 'Disable or re-enable an account; disabling ends its sessions at once',
      tags,
      security,
      middleware: [requires('users.manage')] as const,
      request: {
        params: z.object({ id: z.string().uuid() }),
        ...jsonBody(z.object({ disabled: z.boolean() }).strict()),
      },
      responses: { 204: { description: 'Done' }, ...COMMON_ERRORS, 404: problem('No such user') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { disabled } = c.req.valid('json')
      await setUserDisabled(db, id, disabled, clock.now())
      await c.get('audit')({
        principal: currentPrincipal(c),
        action: disabled ? 'user.disable' : 'user.enable',
        subject: id,
        outcome: 'ok',
      })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      operationId: 'createOrganisation',
      summary: 'Register an exporting organisation with the authority it applies to',
      tags,
      security,
      middleware: [requires('users.manage')] as const,
      request: jsonBody(
        z
          .object({
            id: z.string(),
            name: z.string().min(1).max(300),
            country: z.string().length(2),
            authorityId: z.string(),
            exporterId: z.string().max(64).optional(),
          })
          .strict(),
      ),
      responses: { 201: { description: 'Created' }, ...COMMON_ERRORS, 409: problem('Id taken') },
    }),
    async (c) => {
      const body = c.req.valid('json')
      await createOrganisation(db, body)
      await c.get('audit')({
        principal: currentPrincipal(c),
        action: 'organisation.create',
        subject: body.id,
        outcome: 'ok',
      })
      return c.body(null, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      operationId: 'listAuditEvents',
      summary: 'The internal audit trail, newest first (senior officers: their authority’s)',
      tags,
      security,
      middleware: [requires('audit.read')] as const,
      request: {
        query: z.object({
          subject: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(AuditEntrySchema) }), 'Events'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const principal = currentPrincipal(c)
      const query = c.req.valid('query')
      const items = await listAudit(db, {
        ...query,
        // A senior officer reads their own authority's trail; administrators and investigators all.
        authorityId:
          principal.role === 'senior_officer' ? (principal.authorityId ?? '-') : undefined,
      })
      return c.json({ items }, 200)
    },
  )
  return app
}
