import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import { visibleApplicationId } from '../licensing/application-access.ts'
import { ReferenceParamSchema } from '../licensing/fields.ts'
import {
  currentPolicy,
  listPolicyVersions,
  setMoratorium,
  setPolicy,
} from './policy/policy.repository.ts'
import type { Moratorium } from './policy/policy.schema.ts'
import {
  AssessmentSchema,
  MoratoriumChangeSchema,
  PolicyChangeSchema,
  PolicyVersionSchema,
} from './risk-assessment.schema.ts'
import type { RiskAssessmentService } from './risk-assessment.service.ts'

const security = [{ bearerAuth: [] }]

/** Officers' assessment and policy API under /api/v1. */
export function createRiskAssessmentRoutes({
  db,
  clock,
  service,
  log,
}: {
  db: Db
  clock: Clock
  service: RiskAssessmentService
  /** When given, policy changes are appended to the public decision log. */
  log?: DecisionLog | undefined
}) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{reference}/assessments',
      operationId: 'assessApplication',
      summary: 'Assess an application again under the policy and evidence in force, and store it',
      tags: ['Risk assessment'],
      security,
      middleware: [requires('assessment.run')] as const,
      request: { params: ReferenceParamSchema },
      responses: {
        201: json(AssessmentSchema, 'The new assessment'),
        ...COMMON_ERRORS,
        404: problem('No such application'),
      },
    }),
    async (c) => {
      const { reference } = c.req.valid('param')
      const principal = currentPrincipal(c)
      await visibleApplicationId(db, principal, reference)
      return c.json(await service.assess(reference, principal.userId), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{reference}/assessments',
      operationId: 'listAssessments',
      summary: 'Every assessment of an application, newest first',
      tags: ['Risk assessment'],
      security,
      middleware: [requires('assessment.read')] as const,
      request: { params: ReferenceParamSchema },
      responses: {
        200: json(z.object({ items: z.array(AssessmentSchema) }), 'Assessments'),
        ...COMMON_ERRORS,
        404: problem('No such application'),
      },
    }),
    async (c) => {
      const { reference } = c.req.valid('param')
      await visibleApplicationId(db, currentPrincipal(c), reference)
      return c.json({ items: await service.list(reference) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/policy',
      operationId: 'setPolicy',
      summary:
        'Publish a new version of the assessment policy (validated; the old one stays on error)',
      tags: ['Risk assessment'],
      security,
      middleware: [requires('policy.change')] as const,
      request: jsonBody(PolicyChangeSchema),
      responses: { 201: json(PolicyVersionSchema, 'The version now in force'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const version = await setPolicy(db, clock, body.policy, {
        actor: c.var.actor.id,
        reason: body.reason,
        log,
      })
      return c.json(version, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/policy/moratorium',
      operationId: 'setMoratorium',
      summary: 'Switch the moratorium on or off (a new policy version, with the reason)',
      tags: ['Risk assessment'],
      security,
      middleware: [requires('policy.change')] as const,
      request: jsonBody(MoratoriumChangeSchema),
      responses: { 201: json(PolicyVersionSchema, 'The version now in force'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const { active, reason, ...rest } = c.req.valid('json')
      const changes: Partial<Moratorium> = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      )
      return c.json(
        await setMoratorium(db, clock, active, { actor: c.var.actor.id, reason, changes, log }),
        201,
      )
    },
  )
  return app
}

/** The policy in force and its history are public: anyone can check what the authority applies. */
export function createPublicPolicyRoutes({ db, clock }: { db: Db; clock: Clock }) {
  const app = new OpenAPIHono()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/policy',
      operationId: 'getPolicy',
      summary: 'The assessment policy in force, including the moratorium',
      tags: ['Public'],
      responses: { 200: json(PolicyVersionSchema, 'The policy in force') },
    }),
    async (c) => c.json(await currentPolicy(db, clock), 200),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/policy/versions',
      operationId: 'listPolicyVersions',
      summary: 'Every version of the policy: who changed it, when and why',
      tags: ['Public'],
      responses: {
        200: json(
          z.object({ items: z.array(PolicyVersionSchema.omit({ policy: true })) }),
          'Versions, newest first',
        ),
      },
    }),
    async (c) => c.json({ items: await listPolicyVersions(db) }, 200),
  )
  return app
}
