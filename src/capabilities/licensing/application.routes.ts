import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { ActorVariables } from '../../platform/http/bearer-auth.ts'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import {
  ApplicationInputSchema,
  ApplicationSchema,
  DecideInputSchema,
  DecisionInputSchema,
} from './application.schema.ts'
import { ReferenceParamSchema } from './fields.ts'
import type { LicensingService } from './licensing.service.ts'
import type { LifecycleAction } from './lifecycle.ts'

const security = [{ bearerAuth: [] }]
const tags = ['Applications']

export function createApplicationRoutes(service: LicensingService) {
  const app = new OpenAPIHono<{ Variables: ActorVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/applications',
      operationId: 'createApplication',
      summary: 'Create a draft application',
      tags,
      security,
      request: jsonBody(ApplicationInputSchema),
      responses: {
        201: json(ApplicationSchema, 'The new draft'),
        ...COMMON_ERRORS,
        409: problem('Reference taken'),
      },
    }),
    async (c) => c.json(await service.createDraft(c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{reference}',
      operationId: 'getApplication',
      summary:
        'An application with items, parties, licence, decision history and identical denials',
      tags,
      security,
      request: { params: ReferenceParamSchema },
      responses: {
        200: json(ApplicationSchema, 'The application'),
        ...COMMON_ERRORS,
        404: problem('Unknown reference'),
      },
    }),
    async (c) => c.json(await service.get(c.req.valid('param').reference), 200),
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/applications/{reference}',
      operationId: 'updateApplication',
      summary: 'Replace the content of a draft',
      tags,
      security,
      request: { params: ReferenceParamSchema, ...jsonBody(ApplicationInputSchema) },
      responses: {
        200: json(ApplicationSchema, 'The edited draft'),
        ...COMMON_ERRORS,
        404: problem('Unknown reference'),
        409: problem('Not a draft'),
      },
    }),
    async (c) =>
      c.json(await service.updateDraft(c.req.valid('param').reference, c.req.valid('json')), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{reference}/decision',
      operationId: 'decideApplication',
      summary: 'Grant or refuse an application under review',
      tags,
      security,
      request: { params: ReferenceParamSchema, ...jsonBody(DecideInputSchema) },
      responses: actionResponses,
    }),
    async (c) => {
      const { decision, ...input } = c.req.valid('json')
      const action = decision === 'granted' ? 'grant' : 'refuse'
      return c.json(
        await service.act(c.req.valid('param').reference, action, input, c.var.actor),
        200,
      )
    },
  )

  const ACTIONS: [string, LifecycleAction, string, string][] = [
    [
      'submit',
      'submit',
      'submitApplication',
      'Submit a draft; flags essentially identical denials',
    ],
    ['review', 'start_review', 'startReview', 'Start examining a submitted application'],
    ['withdraw', 'withdraw', 'withdrawApplication', 'Withdraw an application not yet decided'],
    ['suspend', 'suspend', 'suspendLicence', 'Suspend a granted licence'],
    ['reinstate', 'reinstate', 'reinstateLicence', 'Reinstate a suspended licence'],
    ['revoke', 'revoke', 'revokeLicence', 'Revoke a granted or suspended licence'],
    ['annul', 'annul', 'annulLicence', 'Annul a granted licence'],
    ['expire', 'expire', 'expireLicence', 'Record that a licence has expired'],
  ]
  for (const [segment, action, operationId, summary] of ACTIONS) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/applications/{reference}/${segment}`,
        operationId,
        summary,
        tags,
        security,
        request: { params: ReferenceParamSchema, ...jsonBody(DecisionInputSchema, false) },
        responses: actionResponses,
      }),
      async (c) => {
        const input = DecisionInputSchema.parse(c.req.valid('json') ?? {})
        return c.json(
          await service.act(c.req.valid('param').reference, action, input, c.var.actor),
          200,
        )
      },
    )
  }
  return app
}

const actionResponses = {
  200: json(ApplicationSchema, 'The application after the decision'),
  ...COMMON_ERRORS,
  404: problem('Unknown reference'),
  409: problem('`invalid_transition`: the action is not possible in the current state'),
}
