import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { AppError } from '../../platform/http/errors.ts'
import type { AuthVariables } from '../accounts/authenticate.ts'
import type { Login } from '../accounts/login.ts'
import type { SessionPolicy } from '../accounts/sessions.ts'
import type { LicensingService } from '../licensing/licensing.service.ts'
import type { RiskAssessmentService } from '../risk-assessment/risk-assessment.service.ts'
import type { ScreeningService } from '../watchlists/screening.service.ts'
import { createExporterRoutes } from './exporter.routes.tsx'
import { createOfficerRoutes } from './officer.routes.tsx'
import { createSessionRoutes } from './session.routes.tsx'
import { errorPage, SignInRequired } from './workspace.page.tsx'

export type WorkspaceDeps = {
  db: Db
  clock: Clock
  licensing: LicensingService
  assessment: RiskAssessmentService
  screening: ScreeningService
  login: Login
  sessions: SessionPolicy
  /** The OpenID Connect button's label when single sign-on is configured. */
  oidcName?: string | undefined
}

/** Sign-in and the exporters' and officers' workspaces: server-rendered pages with forms. */
export function createWorkspaceRoutes(deps: WorkspaceDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()

  // Pages answer errors with pages: anonymous visitors go to sign in, the rest see what went wrong.
  app.onError((error, c) => {
    if (error instanceof SignInRequired)
      return c.redirect(`/login?${new URLSearchParams({ next: error.next })}`, 303)
    if (error instanceof HTTPException && error.status === 403)
      return errorPage(
        c,
        403,
        'Not allowed',
        'The form did not come from this site. Reload the page and try again.',
      )
    if (!(error instanceof AppError) || error.status >= 500) throw error
    if (error.status === 401)
      return c.redirect(`/login?${new URLSearchParams({ next: c.req.path })}`, 303)
    if (error.status === 403) return errorPage(c, 403, 'Not allowed', error.message)
    if (error.status === 404)
      return errorPage(c, 404, 'Not found', 'There is no such application in your workspace.')
    return errorPage(c, error.status, 'That did not work', error.message)
  })

  app.route('/', createSessionRoutes(deps))
  app.route('/', createExporterRoutes(deps))
  app.route('/', createOfficerRoutes(deps))
  return app
}
