import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { json, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { ReferenceParamSchema } from './fields.ts'
import { PublicLicencePageSchema, PublicLicenceSchema } from './register.schema.ts'
import type { RegisterService } from './register.service.ts'
import { PageQuerySchema, RegisterFilterSchema } from './register-query.ts'

const tags = ['Public register']

/** The read-only public register under /api/public/v1: decided applications, public fields only. */
export function createPublicRegisterRoutes(service: RegisterService) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/licences',
      operationId: 'listPublicLicences',
      summary: 'Decided applications with their public fields, newest first',
      tags,
      request: { query: RegisterFilterSchema.omit({ state: true }).extend(PageQuerySchema.shape) },
      responses: { 200: json(PublicLicencePageSchema, 'One page'), 400: problem('Invalid filter') },
    }),
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query')
      return c.json(await service.listPublic(filter, { cursor, limit }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/licences/{reference}',
      operationId: 'getPublicLicence',
      summary: 'One decided application with its public fields',
      tags,
      request: {
        params: ReferenceParamSchema,
      },
      responses: {
        200: json(PublicLicenceSchema, 'The licence'),
        404: problem('Not published or unknown'),
      },
    }),
    async (c) => c.json(await service.getPublic(c.req.valid('param').reference), 200),
  )
  return app
}
