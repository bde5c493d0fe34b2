import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { seedDemoAccountsIfNone } from './capabilities/accounts/demo/seed-demo-accounts.ts'
import { createSetupToken } from './capabilities/accounts/setup.ts'
import { countAdmins } from './capabilities/accounts/user.repository.ts'
import { createDecisionLog } from './capabilities/decision-log/decision-log.ts'
import { loadLogKey } from './capabilities/decision-log/log-key.ts'
import { seedAuthorities } from './capabilities/licensing/authority.repository.ts'
import { decideDemoSample } from './capabilities/licensing/demo/decide-demo-sample.ts'
import { prepareDemoQueue } from './capabilities/licensing/demo/prepare-demo-queue.ts'
import { seedDemoIfEmpty } from './capabilities/licensing/demo/seed-demo.ts'
import {
  createLicensingService,
  type LicensingService,
} from './capabilities/licensing/licensing.service.ts'
import { createEvidenceInForce } from './capabilities/risk-assessment/evidence/evidence-in-force.ts'
import { currentPolicy } from './capabilities/risk-assessment/policy/policy.repository.ts'
import { createRiskAssessmentService } from './capabilities/risk-assessment/risk-assessment.service.ts'
import { seedBuiltInList } from './capabilities/watchlists/built-in/seed-built-in-list.ts'
import { seedDemoLists } from './capabilities/watchlists/demo/seed-demo-lists.ts'
import { createScreeningService } from './capabilities/watchlists/screening.service.ts'
import { type Config, loadConfig } from './config/config.ts'
import { systemClock } from './platform/clock.ts'
import { openMigratedDatabase } from './platform/db/open-migrated.ts'
import { createLogger, type Logger } from './platform/logger.ts'
import { ensurePrivateDir } from './platform/private-dir.ts'

/** Composition root: loadConfig → openDatabase → migrate → seed → createApp → serve. */
export async function startServer(config: Config) {
  const logger = createLogger(config.logLevel)
  const { db, kind, close, pool } = await openMigratedDatabase(config.database)
  const logKey = loadLogKey(config)
  if (logKey.warning) console.warn(`\n  WARNING: ${logKey.warning}\n`)
  const decisionLog = createDecisionLog({
    key: logKey,
    origin: config.log.origin,
    clock: systemClock,
    witnesses: config.log.witnesses,
  })
  await seedAuthorities(db)
  await seedBuiltInList(db, systemClock)
  // Policy version 1 is in force from the start, and is the log's first policy leaf.
  await currentPolicy(db, systemClock, decisionLog)
  if (config.demo.mode === 'auto') {
    const seeded = await seedDemoIfEmpty(db, {
      log: decisionLog,
      applications: config.demo.applications,
      onProgress: (done, total) => logger.info('demo data', { done, total }),
    })
    if (seeded > 0) logger.info('demo register created', { applications: seeded })
    const lists = await seedDemoLists(db, systemClock, config.demo.listsDir)
    if (lists.length > 0) logger.info('demo lists imported', { lists: lists.join(', ') })
  }
  if (config.demo.mode === 'auto') {
    ensurePrivateDir(config.dataDir)
    const accounts = await seedDemoAccountsIfNone(db, config.dataDir)
    if (accounts)
      console.log(`\n  Demo accounts and their one-time random passwords: ${accounts}\n`)
  }
  if ((await countAdmins(db)) === 0) {
    // No default password: the first administrator comes from a one-time link (or the CLI).
    const token = await createSetupToken(db, systemClock.now())
    console.log(
      `\n  No administrator yet. Create one at http://localhost:${config.port}/setup?token=${token}\n  (valid 24 hours), or with: glasshouse users add --role admin --email you@example.org\n`,
    )
  }
  const screening = createScreeningService({
    db,
    clock: systemClock,
    ...(config.screeningThreshold ? { threshold: config.screeningThreshold } : {}),
  })
  const lists = await screening.ready()
  logger.info('watchlists loaded', { entities: lists.matcher.size, lists: lists.lists.length })
  if (config.demo.mode === 'auto') {
    const assessment = createRiskAssessmentService({
      db,
      clock: systemClock,
      loadEvidence: createEvidenceInForce(),
    })
    const prepared = await prepareDemoQueue(db, { screening, assessment, clock: systemClock })
    if (prepared > 0) logger.info('demo queue screened and assessed', { applications: prepared })
    const licensing = createLicensingService({
      db,
      clock: systemClock,
      screening,
      assessment,
      decisionLog,
    })
    const decided = await decideDemoSample(db, licensing)
    if (decided > 0) logger.info('demo decisions taken and logged', { applications: decided })
  }
  const expiry = startExpirySweep(
    createLicensingService({ db, clock: systemClock, decisionLog }),
    logger,
  )
  const app = createApp({
    db,
    clock: systemClock,
    logger,
    publicCacheSeconds: config.publicCacheSeconds,
    sessions: config.sessions,
    oidc: config.oidc,
    screening,
    decisionLog,
    metrics: config.metricsToken
      ? { token: config.metricsToken, database: { kind, ...(pool ? { pool } : {}) } }
      : null,
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const where =
      config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.database.dataDir}`
    console.log(`Glasshouse is serving http://localhost:${info.port} (database: ${where}, ${kind})`)
  })
  const shutdown = async () => {
    clearInterval(expiry)
    server.close()
    await close()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  return server
}

/**
 * Licences expire by the clock: at start and every hour, each granted licence past its last valid
 * day is expired and logged (origin 'clock'). A failure is logged and tried again next hour.
 */
function startExpirySweep(licensing: LicensingService, logger: Logger): NodeJS.Timeout {
  const sweep = () =>
    licensing.expireLapsed().then(
      (expired) => {
        if (expired.length > 0) logger.info('licences expired', { count: expired.length })
      },
      (error: unknown) =>
        logger.error('expiry sweep failed', { error: (error as Error).message ?? String(error) }),
    )
  void sweep()
  const timer = setInterval(sweep, 3_600_000)
  timer.unref()
  return timer
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer(loadConfig()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
