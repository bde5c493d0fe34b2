import { Hono } from 'hono'
import type { Db } from '../../../platform/db/database.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import type { RegisterService } from '../../licensing/register.service.ts'

export type CountryPageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** The public portal: the country pages (/countries, /countries/{code}). */
export function createCountryPages(_deps: CountryPageDeps) {
  const app = new Hono()
  return app
}
