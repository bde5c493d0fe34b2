import { Hono } from 'hono'
import type { Db } from '../../../platform/db/database.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import type { RegisterService } from '../../licensing/register.service.ts'

export type LicencePageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** The public portal: the licence page (/licences/{reference}) and its Verify module. */
export function createLicencePages(_deps: LicencePageDeps) {
  const app = new Hono()
  return app
}
