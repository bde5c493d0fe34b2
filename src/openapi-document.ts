import { API_INFO, createApp } from './app.ts'
import { createDecisionLog } from './capabilities/decision-log/decision-log.ts'
import { signerFromKey } from './capabilities/decision-log/signer.ts'
import { generateKeyPair } from './capabilities/decision-log/tlog/index.ts'
import { systemClock } from './platform/clock.ts'
import type { Db } from './platform/db/database.ts'
import { silentLogger } from './platform/logger.ts'

/** The OpenAPI 3.1 document, built without a database (routes only describe themselves). */
export function openApiDocument() {
  const app = createApp({
    db: undefined as unknown as Db,
    clock: systemClock,
    logger: silentLogger,
    // A throwaway key: only the routes' descriptions are read, nothing is signed.
    decisionLog: createDecisionLog({
      key: signerFromKey(generateKeyPair('openapi.example/log').skey),
      origin: 'openapi.example/log',
      clock: systemClock,
    }),
  })
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO })
}
