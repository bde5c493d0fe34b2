import { API_INFO, createApp } from './app.ts'
import { systemClock } from './platform/clock.ts'
import type { Db } from './platform/db/database.ts'
import { silentLogger } from './platform/logger.ts'

/** The OpenAPI 3.1 document, built without a database (routes only describe themselves). */
export function openApiDocument() {
  const app = createApp({
    db: undefined as unknown as Db,
    clock: systemClock,
    logger: silentLogger,
    adminToken: 'x'.repeat(32),
  })
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO })
}
