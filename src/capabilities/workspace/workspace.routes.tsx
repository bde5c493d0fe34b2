import { Hono } from 'hono'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import type { AuthVariables } from '../accounts/authenticate.ts'
import type { Login } from '../accounts/login.ts'
import type { SessionPolicy } from '../accounts/sessions.ts'
import type { LicensingService } from '../licensing/licensing.service.ts'
import type { RiskAssessmentService } from '../risk-assessment/risk-assessment.service.ts'
import type { ScreeningService } from '../watchlists/screening.service.ts'

export type WorkspaceDeps = {
  db: Db
  clock: Clock
  licensing: LicensingService
  assessment: RiskAssessmentService
  screening: ScreeningService
  login: Login
  sessions: SessionPolicy
}

/** Sign-in and the exporters' and officers' workspaces: server-rendered pages with forms. */
export function createWorkspaceRoutes(_deps: WorkspaceDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()
  return app
}
