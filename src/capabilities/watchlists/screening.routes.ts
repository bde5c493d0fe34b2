import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Db } from '../../platform/db/database.ts'
import { COMMON_ERRORS, json, jsonBody } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { type AuthVariables, currentPrincipal, requires } from '../accounts/authenticate.ts'
import { visibleApplicationId } from '../licensing/application-access.ts'
import { ReferenceParamSchema } from '../licensing/fields.ts'
import type { MatchQuery } from './matching/index.ts'
import { listApplicationScreenings } from './screen-application.ts'
import {
  ApplicationScreeningSchema,
  ListChangeSchema,
  ListStatusSchema,
  ScreeningRequestSchema,
  ScreeningResultSchema,
} from './screening.schema.ts'
import type { ScreeningService } from './screening.service.ts'
import { listChanges, listStatus } from './watchlist.repository.ts'

const security = [{ bearerAuth: [] }]

type PartyQueryInput = z.infer<typeof ScreeningRequestSchema>['parties'][number]

export function toMatchQuery(party: PartyQueryInput): MatchQuery {
  return {
    name: party.name,
    schema: party.schema,
    ...(party.country ? { countries: [party.country] } : {}),
    ...(party.birthDate ? { birthDate: party.birthDate } : {}),
    ...(party.identifiers
      ? {
          identifiers: party.identifiers.map((i) => ({
            value: i.value,
            ...(i.type ? { type: i.type } : {}),
          })),
        }
      : {}),
  }
}

/** Officers' screening API under /api/v1: ad-hoc party screening, list changes, stored results. */
export function createScreeningRoutes({ db, screening }: { db: Db; screening: ScreeningService }) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/screening/parties',
      operationId: 'screenParties',
      summary: 'Screen one party or a batch (up to 1,000) against every list in force',
      description:
        'Each hit carries a score from 0 to 1 and a plain explanation: which name parts matched how, and which qualifiers (country, birth date, schema, identifiers) raised or lowered it. Results also name the list versions used.',
      tags: ['Screening'],
      security,
      middleware: [requires('screening.run')] as const,
      request: jsonBody(ScreeningRequestSchema),
      responses: { 200: json(ScreeningResultSchema, 'Hits per party'), ...COMMON_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const result = await screening.screen(body.parties.map(toMatchQuery), {
        ...(body.threshold !== undefined ? { threshold: body.threshold } : {}),
        ...(body.limit !== undefined ? { limit: body.limit } : {}),
      })
      return c.json(
        {
          ...result,
          results: body.parties.map((query, i) => ({ query, hits: result.results[i]?.hits ?? [] })),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/watchlists/versions/{versionId}/changes',
      operationId: 'listWatchlistChanges',
      summary: 'What one imported list version added, removed and modified',
      tags: ['Screening'],
      security,
      middleware: [requires('screening.read')] as const,
      request: { params: z.object({ versionId: z.coerce.number().int().positive() }) },
      responses: {
        200: json(z.object({ items: z.array(ListChangeSchema) }), 'Up to 1,000 changes'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => c.json({ items: await listChanges(db, c.req.valid('param').versionId) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{reference}/screenings',
      operationId: 'listApplicationScreenings',
      summary:
        "The screenings of an application's parties, newest first, with the list versions used",
      tags: ['Screening'],
      security,
      middleware: [requires('screening.read')] as const,
      request: { params: ReferenceParamSchema },
      responses: {
        200: json(z.object({ items: z.array(ApplicationScreeningSchema) }), 'Screenings'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const { reference } = c.req.valid('param')
      return c.json(
        {
          items: await listApplicationScreenings(
            db,
            await visibleApplicationId(db, currentPrincipal(c), reference),
          ),
        } as never,
        200,
      )
    },
  )
  return app
}

/** The public list status: which lists are in force, their dates and sizes. */
export function createPublicWatchlistRoutes({ db }: { db: Db }) {
  const app = new OpenAPIHono()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/watchlists',
      operationId: 'listWatchlists',
      summary: 'The sanctions and denied-party lists in force: source, list date, counts',
      tags: ['Public'],
      responses: { 200: json(z.object({ items: z.array(ListStatusSchema) }), 'Lists in force') },
    }),
    async (c) => {
      const items = await listStatus(db)
      return c.json({ items: items.map(({ files: _files, ...rest }) => rest) }, 200)
    },
  )
  return app
}
