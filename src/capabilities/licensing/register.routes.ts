import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import {
  ApplicationPageSchema,
  AuthorityInputSchema,
  AuthoritySchema,
  DenialNoticeSchema,
} from './register.schema.ts'
import type { RegisterService } from './register.service.ts'
import { PageQuerySchema, RegisterFilterSchema } from './register-query.ts'

const security = [{ bearerAuth: [] }]

/** Officers' register list, Art. 16 denial notices and authorities, under /api/v1. */
export function createRegisterRoutes(service: RegisterService) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/applications',
      operationId: 'listApplications',
      summary: 'List applications, newest first, with filters and cursor pagination',
      tags: ['Applications'],
      security,
      middleware: [requires('application.read')] as const,
      request: { query: RegisterFilterSchema.extend(PageQuerySchema.shape) },
      responses: { 200: json(ApplicationPageSchema, 'One page'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query')
      return c.json(
        await service.listApplications(filter, { cursor, limit }, currentPrincipal(c)),
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/denial-notices',
      operationId: 'listDenialNotices',
      summary: 'Denial notices of every authority (Art. 16), newest first',
      tags: ['Denial notices'],
      security,
      middleware: [requires('denials.read')] as const,
      request: { query: PageQuerySchema.extend({ authority: z.string().max(40).optional() }) },
      responses: {
        200: json(
          z.object({ items: z.array(DenialNoticeSchema), nextCursor: z.string().nullable() }),
          'One page',
        ),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => c.json(await service.denialNotices(c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/authorities',
      operationId: 'addAuthority',
      summary: 'Add a competent authority (e.g. a non-EU one such as the UK ECJU)',
      tags: ['Authorities'],
      security,
      middleware: [requires('authority.add')] as const,
      request: jsonBody(AuthorityInputSchema),
      responses: {
        201: json(AuthoritySchema, 'The new authority'),
        ...COMMON_ERRORS,
        409: problem('Id taken'),
      },
    }),
    async (c) => c.json(await service.addAuthority(c.req.valid('json')), 201),
  )
  return app
}
