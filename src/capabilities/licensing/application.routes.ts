import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import type { Permission } from '../accounts/permissions.ts'
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
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
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
      middleware: [requires('application.draft')] as const,
      request: jsonBody(ApplicationInputSchema),
      responses: {
        201: json(ApplicationSchema, 'The new draft'),
        ...COMMON_ERRORS,
        409: problem('Reference taken'),
      },
    }),
    async (c) => c.json(await service.createDraft(c.req.valid('json'), currentPrincipal(c)), 201),
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
      middleware: [requires('application.read')] as const,
      request: { params: ReferenceParamSchema },
      responses: {
        200: json(ApplicationSchema, 'The application'),
        ...COMMON_ERRORS,
        404: problem('Unknown reference'),
      },
    }),
    async (c) =>
      c.json(await service.get(c.req.valid('param').reference, currentPrincipal(c)), 200),
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/applications/{reference}',
      operationId: 'updateApplication',
      summary: 'Replace the content of a draft',
      tags,
      security,
      middleware: [requires('application.draft')] as const,
      request: { params: ReferenceParamSchema, ...jsonBody(ApplicationInputSchema) },
      responses: {
        200: json(ApplicationSchema, 'The edited draft'),
        ...COMMON_ERRORS,
        404: problem('Unknown reference'),
        409: problem('Not a draft'),
      },
    }),
    async (c) =>
      c.json(
        await service.updateDraft(
          c.req.valid('param').reference,
          c.req.valid('json'),
          currentPrincipal(c),
        ),
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{reference}/decision',
      operationId: 'decideApplication',
      summary: 'Grant or refuse an application under review',
      tags,
      security,
      middleware: [requires('application.decide')] as const,
      request: { params: ReferenceParamSchema, ...jsonBody(DecideInputSchema) },
      responses: actionResponses,
    }),
    async (c) => {
      const { decision, ...input } = c.req.valid('json')
      const action = decision === 'granted' ? 'grant' : 'refuse'
      const after = await service.act(
        c.req.valid('param').reference,
        action,
        input,
        currentPrincipal(c),
      )
      return c.json(after, after.pendingConfirmation ? 202 : 200)
    },
  )

  const ACTIONS: [string, LifecycleAction, string, string, Permission][] = [
    [
      'submit',
      'submit',
      'submitApplication',
      'Submit a draft; flags essentially identical denials',
      'application.draft',
    ],
    [
      'review',
      'start_review',
      'startReview',
      'Start examining a submitted application',
      'application.review',
    ],
    [
      'withdraw',
      'withdraw',
      'withdrawApplication',
      'Withdraw an application not yet decided',
      'application.draft',
    ],
    [
      'suspend',
      'suspend',
      'suspendLicence',
      'Suspend a granted licence (four-eyes when the policy says so, as by default: 202, a second officer confirms)',
      'application.decide',
    ],
    [
      'reinstate',
      'reinstate',
      'reinstateLicence',
      'Reinstate a suspended licence (four-eyes when the policy says so)',
      'application.decide',
    ],
    [
      'revoke',
      'revoke',
      'revokeLicence',
      'Propose revoking a granted or suspended licence (a second officer confirms)',
      'application.decide',
    ],
    [
      'annul',
      'annul',
      'annulLicence',
      'Annul a granted licence (four-eyes when the policy says so, as by default: 202, a second officer confirms)',
      'application.decide',
    ],
    [
      'expire',
      'expire',
      'expireLicence',
      'Record that a licence has expired',
      'application.decide',
    ],
  ]
  for (const [segment, action, operationId, summary, permission] of ACTIONS) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/applications/{reference}/${segment}`,
        operationId,
        summary,
        tags,
        security,
        middleware: [requires(permission)] as const,
        request: { params: ReferenceParamSchema, ...jsonBody(DecisionInputSchema, false) },
        responses: actionResponses,
      }),
      async (c) => {
        const input = DecisionInputSchema.parse(c.req.valid('json') ?? {})
        const after = await service.act(
          c.req.valid('param').reference,
          action,
          input,
          currentPrincipal(c),
        )
        return c.json(after, after.pendingConfirmation ? 202 : 200)
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{reference}/confirmation',
      operationId: 'confirmDecision',
      summary:
        "A second officer confirms or rejects another officer's proposal (four-eyes); only an account its owner activated may answer",
      tags,
      security,
      middleware: [requires('decision.confirm')] as const,
      request: { params: ReferenceParamSchema, ...jsonBody(ConfirmationAnswerSchema) },
      responses: {
        200: json(ApplicationSchema, 'The application after the answer'),
        ...COMMON_ERRORS,
        403: problem(
          'The proposer answering, or an account whose password an administrator chose (`password_set_by_administrator`) or that its owner never activated (`account_not_activated`)',
        ),
        404: problem('Unknown reference, or no proposal was ever made'),
        409: problem(
          'Nothing to answer: `proposal_voided` (a state change overtook it), `proposal_answered` (another officer answered first), or the decision is no longer possible',
        ),
      },
    }),
    async (c) =>
      c.json(
        await service.confirm(
          c.req.valid('param').reference,
          c.req.valid('json'),
          currentPrincipal(c),
        ),
        200,
      ),
  )
  return app
}

const ConfirmationAnswerSchema = z
  .object({
    confirm: z.boolean(),
    note: z.string().trim().min(1).max(4000).optional(),
    proposalId: z.number().int().positive().optional().openapi({
      description:
        'The proposal answered (`pendingConfirmation.id`): if another replaced it meanwhile, 409',
    }),
  })
  .strict()
  .openapi('ConfirmationAnswer')

const actionResponses = {
  200: json(ApplicationSchema, 'The application after the decision'),
  202: json(
    ApplicationSchema,
    'Proposed: the decision waits for a second officer (`pendingConfirmation`)',
  ),
  ...COMMON_ERRORS,
  404: problem('Unknown reference'),
  409: problem(
    '`invalid_transition`: the action is not possible in the current state; `confirmation_pending`: a proposal waits for a second officer',
  ),
}
