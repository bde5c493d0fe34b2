import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { NotFoundError } from '../../platform/http/errors.ts'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import type { Logger } from '../../platform/logger.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import type { LicensingService } from '../licensing/licensing.service.ts'
import { createEvidenceInForce } from '../risk-assessment/evidence/evidence-in-force.ts'
import type { ScreeningService } from '../watchlists/screening.service.ts'
import { createInvestigationPages } from './investigation.page.tsx'
import { buildInvestigationReport, investigationReportCsv } from './investigation-report.ts'
import { createInvestigationWorkspace } from './investigation-workspace.tsx'
import {
  InfringementGroupSchema,
  InvestigationFindingSchema,
  InvestigationIdSchema,
  InvestigationReportSchema,
  InvestigationSchema,
  ProposalDecisionSchema,
  ProposalParamsSchema,
  ProposalSchema,
  StartInvestigationSchema,
  WaitQuerySchema,
} from './investigations.schema.ts'
import {
  createInvestigationsService,
  type InvestigationsService,
} from './investigations.service.ts'

const security = [{ bearerAuth: [] }]
const tags = ['Investigations']
const NOT_FOUND = { 404: problem('No such investigation (or not yours to see)') }

/** Investigations under /api/v1: start, follow, read findings and proposals, decide, infringements. */
export function createInvestigationRoutes({
  service,
  logger,
}: {
  service: InvestigationsService
  logger: Logger
}) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })
  /** A run in the background: the record keeps its progress; a failure is logged, and resumable. */
  const inBackground = (id: number) => {
    service.run(id).catch((error: unknown) => {
      logger.error('investigation run failed; resume it', {
        investigation: id,
        error: error instanceof Error ? error.message : String(error),
      })
    })
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/investigations',
      operationId: 'startInvestigation',
      summary:
        'Start an investigation: re-screen granted licences in scope against today’s lists and policy',
      tags,
      security,
      middleware: [requires('investigation.run')] as const,
      request: { ...jsonBody(StartInvestigationSchema), query: WaitQuerySchema },
      responses: {
        201: json(InvestigationSchema, 'Run to the end (`wait=true`)'),
        202: json(InvestigationSchema, 'Started; follow its progress with getInvestigation'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const principal = currentPrincipal(c)
      const started = await service.start(
        { scope: body.scope ?? {}, reason: body.reason },
        principal,
      )
      if (c.req.valid('query').wait === 'true') return c.json(await service.run(started.id), 201)
      inBackground(started.id)
      return c.json(started, 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/investigations/{id}/resume',
      operationId: 'resumeInvestigation',
      summary: 'Resume an interrupted investigation after its last committed page',
      tags,
      security,
      middleware: [requires('investigation.run')] as const,
      request: { params: InvestigationIdSchema, query: WaitQuerySchema },
      responses: {
        200: json(InvestigationSchema, 'Run to the end (`wait=true`)'),
        202: json(InvestigationSchema, 'Resumed in the background'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
        409: problem('Already completed'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const principal = currentPrincipal(c)
      if (c.req.valid('query').wait === 'true')
        return c.json(await service.resume(id, principal), 200)
      const current = await service.get(id, principal)
      if (current.status === 'completed') await service.resume(id, principal) // throws 409
      inBackground(id)
      return c.json(current, 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations',
      operationId: 'listInvestigations',
      summary: 'Investigations, newest first',
      tags,
      security,
      middleware: [requires('investigation.read')] as const,
      responses: {
        200: json(z.object({ items: z.array(InvestigationSchema) }), 'Investigations'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => c.json({ items: await service.list(currentPrincipal(c)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}',
      operationId: 'getInvestigation',
      summary: 'An investigation: scope, policy version, reason, status and progress',
      tags,
      security,
      middleware: [requires('investigation.read')] as const,
      request: { params: InvestigationIdSchema },
      responses: {
        200: json(InvestigationSchema, 'The investigation'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => c.json(await service.get(c.req.valid('param').id, currentPrincipal(c)), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}/findings',
      operationId: 'listInvestigationFindings',
      summary: 'Findings per licence with their evidence (officers: their authority’s licences)',
      tags,
      security,
      middleware: [requires('investigation.read')] as const,
      request: { params: InvestigationIdSchema },
      responses: {
        200: json(z.object({ items: z.array(InvestigationFindingSchema) }), 'Findings'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) =>
      c.json({ items: await service.findings(c.req.valid('param').id, currentPrincipal(c)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}/proposals',
      operationId: 'listRevocationProposals',
      summary: 'Revocation proposals with their evidence and outcome (officers: their authority’s)',
      tags,
      security,
      middleware: [requires('investigation.read')] as const,
      request: { params: InvestigationIdSchema },
      responses: {
        200: json(z.object({ items: z.array(ProposalSchema) }), 'Proposals'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) =>
      c.json({ items: await service.proposals(c.req.valid('param').id, currentPrincipal(c)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/investigations/{id}/proposals/{reference}/decision',
      operationId: 'decideRevocationProposal',
      summary:
        'Revoke, suspend or maintain a licence of your authority on a proposal (revocations are four-eyes)',
      tags,
      security,
      middleware: [requires('application.decide')] as const,
      request: { params: ProposalParamsSchema, ...jsonBody(ProposalDecisionSchema) },
      responses: {
        200: json(ProposalSchema, 'Decided (suspended, or maintained)'),
        202: json(
          ProposalSchema,
          'Revocation (or, under the policy’s four-eyes, suspension) proposed: waits for a second officer',
        ),
        ...COMMON_ERRORS,
        404: problem('No such proposal (or another authority’s licence)'),
        409: problem('Already decided, or the licence cannot take this action'),
      },
    }),
    async (c) => {
      const { id, reference } = c.req.valid('param')
      const proposal = await service.decide(id, reference, c.req.valid('json'), currentPrincipal(c))
      const waits =
        proposal.outcome === 'revocation_awaiting_confirmation' ||
        proposal.outcome === 'suspension_awaiting_confirmation'
      return c.json(proposal, waits ? 202 : 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}/infringements',
      operationId: 'listInfringements',
      summary:
        'Licences granted contrary to the Regulation or the policy, by issuing authority (the Commission)',
      tags,
      security,
      middleware: [requires('investigation.infringements')] as const,
      request: { params: InvestigationIdSchema },
      responses: {
        200: json(z.object({ items: z.array(InfringementGroupSchema) }), 'By authority'),
        ...COMMON_ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) =>
      c.json(
        { items: await service.infringements(c.req.valid('param').id, currentPrincipal(c)) },
        200,
      ),
  )
  return app
}

/** The public report of a completed investigation, JSON and CSV (no personal data). */
export function createPublicInvestigationRoutes({
  db,
  service,
}: {
  db: Db
  service: InvestigationsService
}) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })
  const completed = async (id: number) => {
    const investigation = await service.find(id)
    if (investigation.status !== 'completed')
      throw new NotFoundError(
        'investigation_not_completed',
        `Investigation ${id} has no report until it is completed`,
      )
    return buildInvestigationReport(db, investigation)
  }
  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}/report',
      operationId: 'getInvestigationReport',
      summary: 'The report of a completed investigation (register fields, no personal data)',
      tags: ['Public'],
      request: { params: InvestigationIdSchema },
      responses: {
        200: json(InvestigationReportSchema, 'The report'),
        400: COMMON_ERRORS[400],
        404: problem('No such investigation, or not completed yet'),
      },
    }),
    async (c) => c.json(await completed(c.req.valid('param').id), 200),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/investigations/{id}/report.csv',
      operationId: 'getInvestigationReportCsv',
      summary: 'The licence table of a completed investigation’s report as CSV',
      tags: ['Public'],
      request: { params: InvestigationIdSchema },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' },
        400: COMMON_ERRORS[400],
        404: problem('No such investigation, or not completed yet'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const csv = investigationReportCsv(await completed(id))
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="investigation-${id}.csv"`,
      })
    },
  )
  return app
}

/** Everything investigations serve, for createApp to mount at `/` in one line. */
export function createInvestigations(deps: {
  db: Db
  clock: Clock
  logger: Logger
  screening: ScreeningService
  licensing: LicensingService
}) {
  const service = createInvestigationsService({
    ...deps,
    loadEvidence: createEvidenceInForce(),
  })
  const app = new OpenAPIHono<{ Variables: AuthVariables }>()
  app.route('/api/v1', createInvestigationRoutes({ service, logger: deps.logger }))
  app.route('/api/public/v1', createPublicInvestigationRoutes({ db: deps.db, service }))
  app.route('/', createInvestigationPages({ db: deps.db }))
  app.route('/', createInvestigationWorkspace({ service }))
  return app
}
