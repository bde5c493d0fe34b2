import { OpenAPIHono } from '@hono/zod-openapi'
import { secureHeaders } from 'hono/secure-headers'
import { createAccountRoutes } from './capabilities/accounts/accounts.routes.ts'
import { type AuthVariables, authenticate } from './capabilities/accounts/authenticate.ts'
import { createLogin, type LoginPolicy } from './capabilities/accounts/login.ts'
import { createOidcRoutes } from './capabilities/accounts/oidc.routes.tsx'
import type { OidcSettings } from './capabilities/accounts/oidc.ts'
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './capabilities/accounts/sessions.ts'
import { createSetupRoutes } from './capabilities/accounts/setup.routes.tsx'
import { createDecisionLogRoutes } from './capabilities/decision-log/decision-log.routes.ts'
import type { DecisionLog } from './capabilities/decision-log/decision-log.ts'
import { logSize } from './capabilities/decision-log/log-store.ts'
import { createTileRoutes } from './capabilities/decision-log/tiles.routes.ts'
import { createInvestigations } from './capabilities/investigations/investigations.routes.ts'
import { createApplicationRoutes } from './capabilities/licensing/application.routes.ts'
import { createLicensingService } from './capabilities/licensing/licensing.service.ts'
import { createPublicRegisterRoutes } from './capabilities/licensing/public-register.routes.ts'
import { createRegisterRoutes } from './capabilities/licensing/register.routes.ts'
import { createRegisterService } from './capabilities/licensing/register.service.ts'
import { createCountryPages } from './capabilities/portal/countries/country.routes.tsx'
import { createExporterPages } from './capabilities/portal/exporters/exporter.routes.tsx'
import { createLicencePages } from './capabilities/portal/licence/licence.routes.tsx'
import { createPortalRoutes } from './capabilities/portal/portal.routes.tsx'
import { PUBLIC_PAGES, publicPageCache } from './capabilities/portal/public-page-cache.ts'
import { createReferenceDataRoutes } from './capabilities/reference-data/reference-data.routes.ts'
import {
  createPublicReportRoutes,
  createReportPublicationRoutes,
} from './capabilities/reporting/reporting.routes.ts'
import { createReportPages } from './capabilities/reporting/reports.pages.tsx'
import { createEvidenceInForce } from './capabilities/risk-assessment/evidence/evidence-in-force.ts'
import {
  createPublicPolicyRoutes,
  createRiskAssessmentRoutes,
} from './capabilities/risk-assessment/risk-assessment.routes.ts'
import { createRiskAssessmentService } from './capabilities/risk-assessment/risk-assessment.service.ts'
import {
  createPublicWatchlistRoutes,
  createScreeningRoutes,
} from './capabilities/watchlists/screening.routes.ts'
import {
  createScreeningService,
  type ScreeningService,
} from './capabilities/watchlists/screening.service.ts'
import { listStatus } from './capabilities/watchlists/watchlist.repository.ts'
import { createWorkspaceRoutes } from './capabilities/workspace/workspace.routes.tsx'
import type { Clock } from './platform/clock.ts'
import type { Db, OpenDatabase } from './platform/db/database.ts'
import { createHealthRoutes, type ReadinessCheck } from './platform/health/health.routes.ts'
import { createApiDocsPage } from './platform/http/api-docs.ts'
import { noStoreWhenPrivate } from './platform/http/cache-control.ts'
import { UnauthorizedError } from './platform/http/errors.ts'
import { createErrorHandler, problemResponse } from './platform/http/problem.ts'
import { requestLimits } from './platform/http/request-limits.ts'
import { createResponseCache } from './platform/http/response-cache.ts'
import type { Logger } from './platform/logger.ts'
import { createMetrics, type GaugeSource } from './platform/metrics/metrics.ts'

export type AppDeps = {
  db: Db
  clock: Clock
  logger: Logger
  sessions?: SessionPolicy
  login?: LoginPolicy
  /** OpenID Connect sign-in (config.oidc); off when null or absent. */
  oidc?: OidcSettings | null
  /** Seconds public GET responses may be served from memory; 0 turns the cache off. */
  publicCacheSeconds?: number
  /** Shared with the CLI or tests when given; otherwise one is made for this app. */
  screening?: ScreeningService
  /** The public decision log every decision and policy change is appended to. */
  decisionLog: DecisionLog
  /** Prometheus metrics at /metrics behind this bearer token (config.metricsToken); 404 without. */
  metrics?: { token: string; database: Pick<OpenDatabase, 'kind' | 'pool'> } | null
}

export const API_INFO = {
  title: 'Glasshouse API',
  version: '1.0.0',
  description:
    'The register of export licences for cyber-surveillance items. `/api/v1` is for licensing authorities ' +
    'and exporters (a personal API token as bearer token, or a signed-in session with its CSRF token); ' +
    '`/api/public/v1` is the public, read-only register.',
}

/** Builds the whole HTTP application by hand from its dependencies (no container). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<{ Variables: AuthVariables }>()
  const screening = deps.screening ?? createScreeningService({ db: deps.db, clock: deps.clock })
  const assessment = createRiskAssessmentService({
    db: deps.db,
    clock: deps.clock,
    loadEvidence: createEvidenceInForce(),
  })
  const licensing = createLicensingService({
    db: deps.db,
    clock: deps.clock,
    screening,
    assessment,
    decisionLog: deps.decisionLog,
  })
  const register = createRegisterService({ db: deps.db })

  app.onError(createErrorHandler(deps.logger))
  app.notFound((c) => problemResponse(c, 404, 'not_found', `Nothing at ${c.req.path}`))
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  )
  // Operators' endpoints, before authentication: probes take no session, and the metrics token
  // is not an API token. Metrics time every request below; no-store covers every private reply.
  const metrics = deps.metrics
    ? createMetrics({ ...deps.metrics, gauges: operationalGauges(deps.db, screening) })
    : null
  if (metrics) app.use(metrics.middleware)
  app.use(
    noStoreWhenPrivate<{ Variables: AuthVariables }>({ signedIn: (c) => !!c.get('principal') }),
  )
  const readiness = { watchlists: matcherLoaded(screening) }
  app.route('/', createHealthRoutes({ db: deps.db, logger: deps.logger, checks: readiness }))
  if (metrics) app.route('/', metrics.routes)
  // Every route: bodies up to 2 MiB (API) or 256 KiB (pages), no control characters (413/400).
  app.use(...requestLimits())
  const sessions = deps.sessions ?? DEFAULT_SESSION_POLICY
  app.use('*', authenticate({ db: deps.db, clock: deps.clock, sessions }))
  // Every internal route also checks its own permission; this catches a route that forgot to.
  app.use('/api/v1/*', async (c, next) => {
    if (!c.get('principal')) throw new UnauthorizedError('Sign in or send a bearer API token')
    await next()
  })
  const login = createLogin({
    db: deps.db,
    clock: deps.clock,
    ...(deps.login ? { policy: deps.login } : {}),
  })
  const publicCache = createResponseCache({ ttlSeconds: deps.publicCacheSeconds ?? 0 })
  app.use('/api/public/*', publicCache.middleware)
  // Any successful change through the authorities' API makes cached public pages stale.
  app.use('/api/v1/*', async (c, next) => {
    await next()
    const readOnly = c.req.method === 'GET' || c.req.path.startsWith('/api/v1/screening/')
    if (!readOnly && c.res.status < 400) publicCache.invalidate()
  })

  app.route('/api/v1', createAccountRoutes({ db: deps.db, clock: deps.clock }))
  app.route('/api/v1', createApplicationRoutes(licensing))
  app.route('/api/v1', createRegisterRoutes(register))
  app.route('/api/public/v1', createPublicRegisterRoutes(register))
  app.route('/api/v1', createScreeningRoutes({ db: deps.db, screening }))
  app.route(
    '/api/v1',
    createRiskAssessmentRoutes({
      db: deps.db,
      clock: deps.clock,
      service: assessment,
      log: deps.decisionLog,
    }),
  )
  app.route('/api/public/v1', createPublicPolicyRoutes({ db: deps.db, clock: deps.clock }))
  if (deps.decisionLog)
    app.route(
      '/api/public/v1',
      createDecisionLogRoutes({
        db: deps.db,
        origin: deps.decisionLog.origin,
        vkey: deps.decisionLog.vkey,
        witnessKeys: deps.decisionLog.witnesses,
      }),
    )
  // The log as static C2SP tiles, beside the API.
  app.route('/', createTileRoutes({ db: deps.db }))
  app.route('/api/public/v1', createReferenceDataRoutes(register))
  app.route('/api/public/v1', createPublicWatchlistRoutes({ db: deps.db }))
  app.route('/api/public/v1', createPublicReportRoutes({ db: deps.db, clock: deps.clock }))
  app.route(
    '/api/v1',
    createReportPublicationRoutes({ db: deps.db, clock: deps.clock, log: deps.decisionLog }),
  )
  app.route('/', createInvestigations({ ...deps, screening, licensing }))

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
  })
  app.doc31('/openapi.json', { openapi: '3.1.0', info: API_INFO })
  app.route(
    '/',
    createApiDocsPage(() => app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO })),
  )
  app.route('/', createSetupRoutes({ db: deps.db, clock: deps.clock }))
  if (deps.oidc)
    app.route(
      '/',
      createOidcRoutes({
        db: deps.db,
        clock: deps.clock,
        sessions,
        oidc: deps.oidc,
        logger: deps.logger,
      }),
    )
  app.route(
    '/',
    createWorkspaceRoutes({
      db: deps.db,
      clock: deps.clock,
      licensing,
      assessment,
      screening,
      login,
      sessions,
      oidcName: deps.oidc?.name,
    }),
  )
  app.route('/', createReportPages({ db: deps.db, clock: deps.clock }))
  for (const path of PUBLIC_PAGES) app.use(path, publicPageCache)
  const portalDeps = { db: deps.db, register, decisionLog: deps.decisionLog }
  app.route('/', createLicencePages(portalDeps))
  app.route('/', createCountryPages(portalDeps))
  app.route('/', createExporterPages(portalDeps))
  app.route(
    '/',
    createPortalRoutes({
      db: deps.db,
      register,
      decisionLog: deps.decisionLog,
      logger: deps.logger,
      watchlists: { status: () => listStatus(deps.db) },
      now: () => deps.clock.now(),
    }),
  )
  return app
}

export type App = ReturnType<typeof createApp>

/** Read on each scrape: the decision log's size and the matcher's entities. */
function operationalGauges(db: Db, screening: ScreeningService): GaugeSource[] {
  return [
    {
      name: 'glasshouse_decision_log_size',
      help: 'Leaves in the public decision log (log_state.size)',
      read: () => logSize(db),
    },
    {
      name: 'glasshouse_watchlist_matcher_entities',
      help: 'Watchlist entities loaded in the screening matcher (0 before it is loaded)',
      read: () => screening.state().entities,
    },
  ]
}

/** Ready once the screening matcher holds the lists in force (start-up loads it before serving). */
function matcherLoaded(screening: ScreeningService): ReadinessCheck {
  return () => {
    const state = screening.state()
    return state.loaded
      ? { ok: true, detail: `${state.entities} entities from ${state.lists} lists` }
      : { ok: false, detail: 'the watchlist matcher is not loaded yet' }
  }
}
