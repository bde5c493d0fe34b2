import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts'
import { COMMON_ERRORS, json, jsonBody, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import type { Principal } from '../accounts/principal.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import type { ReportScope } from './annual-report.ts'
import {
  findPublishedReport,
  listPublishedReports,
  type PublishedReport,
  publishedFileHeaders,
  publishedReportFile,
  publishReport,
} from './publication.ts'
import { buildAnnualReport } from './report-data.ts'
import { parseScope } from './report-scope.ts'

const PublishedReportSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    scope: z.string(),
    version: z.number().int(),
    title: z.string(),
    licenceCount: z.number().int(),
    publishedAt: z.string(),
    logIndex: z.number().int().nullable().openapi({
      description: 'The decision-log leaf holding the SHA-256 of every file',
    }),
    files: z.array(
      z.object({
        name: z.string(),
        mediaType: z.string(),
        bytes: z.number().int(),
        sha256: z.string(),
      }),
    ),
  })
  .openapi('PublishedReport')

const YearScope = z.object({
  year: z.coerce.number().int().min(1990).max(2200),
  scope: z
    .string()
    .min(2)
    .max(40)
    .openapi({ description: '`EU`, a member state (`DE`) or an authority id (`de-bafa`)' }),
})

const tags = ['Annual report']

/** Who may publish what: analysts any scope; a senior officer their authority or member state. */
async function assertMayPublish(db: Db, principal: Principal, scope: ReportScope) {
  if (principal.role === 'analyst') return
  const authority = await db
    .selectFrom('authorities')
    .select('member_state')
    .where('id', '=', principal.authorityId ?? '')
    .executeTakeFirst()
  const own =
    (scope.kind === 'authority' && scope.authorityId === principal.authorityId) ||
    (scope.kind === 'member_state' && scope.memberState === authority?.member_state)
  if (!own)
    throw new ForbiddenError(
      'A senior officer publishes the report of their own authority or member state; the EU report is the Commission’s (analysts)',
    )
}

/** The public archive and downloads under /api/public/v1; publication under /api/v1. */
export function createPublicReportRoutes({ db, clock }: { db: Db; clock: Clock }) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      operationId: 'listPublishedReports',
      summary: 'Every published annual report, newest year first, with its files’ SHA-256',
      tags,
      responses: { 200: json(z.object({ items: z.array(PublishedReportSchema) }), 'Reports') },
    }),
    async (c) => c.json({ items: await listPublishedReports(db) }, 200),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/live',
      operationId: 'getLiveReport',
      summary: 'The annual report computed now from the register (not frozen), as JSON',
      tags,
      request: { query: YearScope },
      responses: { 200: json(z.unknown(), 'The report'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const { year, scope } = c.req.valid('query')
      return c.json(
        await buildAnnualReport(db, { year, scope: await parseScope(db, scope), now: clock.now() }),
        200,
      )
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      operationId: 'getPublishedReport',
      summary: 'One published report: its version, files and their hashes, and its log leaf',
      tags,
      request: { params: z.object({ id: z.coerce.number().int().positive() }) },
      responses: { 200: json(PublishedReportSchema, 'The report'), 404: problem('No such report') },
    }),
    async (c) => {
      const report = await findPublishedReport(db, c.req.valid('param').id)
      if (!report) throw new NotFoundError('report_not_found', 'No published report with this id')
      return c.json(report, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/files/{name}',
      operationId: 'getPublishedReportFile',
      summary: 'A file of a published report, byte for byte as logged',
      tags,
      request: {
        params: z.object({
          id: z.coerce.number().int().positive(),
          name: z.string().regex(/^[a-z0-9-]+\.(html|json|csv|zip)$/),
        }),
      },
      responses: { 200: { description: 'The file' }, 404: problem('No such file') },
    }),
    async (c) => {
      const { id, name } = c.req.valid('param')
      const file = await publishedReportFile(db, id, name)
      if (!file) throw new NotFoundError('file_not_found', `Report ${id} has no file ${name}`)
      return c.body(Buffer.from(file.content), 200, publishedFileHeaders(file, name))
    },
  )
  return app
}

export function createReportPublicationRoutes({
  db,
  clock,
  log,
}: {
  db: Db
  clock: Clock
  log?: DecisionLog | undefined
}) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })
  app.openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      operationId: 'publishReport',
      summary:
        'Publish (freeze) the annual report of a year and scope; its files’ hashes go into the decision log',
      tags,
      security: [{ bearerAuth: [] }],
      middleware: [requires('report.publish')] as const,
      request: jsonBody(YearScope.strict()),
      responses: { 201: json(PublishedReportSchema, 'The published report'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const principal = currentPrincipal(c)
      const { year, scope: text } = c.req.valid('json')
      const scope = await parseScope(db, text)
      await assertMayPublish(db, principal, scope)
      const published: PublishedReport = await publishReport(
        db,
        { clock, log },
        { year, scope, actor: principal.userId },
      )
      await c.get('audit')({
        principal,
        action: 'report.publish',
        subject: `report-${published.scope}-${published.year}-v${published.version}`,
        outcome: 'ok',
      })
      return c.json(published, 201)
    },
  )
  return app
}
