import { Hono } from 'hono'
import type { Db } from '../../../platform/db/database.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import type { RegisterService } from '../../licensing/register.service.ts'

export type ExporterPageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** The public portal: the exporter pages (/exporters, /exporters/{slug}). */
export function createExporterPages(_deps: ExporterPageDeps) {
  const app = new Hono()
  return app
}
