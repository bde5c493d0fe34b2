import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import type { Principal } from '../src/capabilities/accounts/principal.ts'
import { createInvestigationsService } from '../src/capabilities/investigations/investigations.service.ts'
import { seedDemo } from '../src/capabilities/licensing/demo/seed-demo.ts'
import { createLicensingService } from '../src/capabilities/licensing/licensing.service.ts'
import { createEvidenceInForce } from '../src/capabilities/risk-assessment/evidence/evidence-in-force.ts'
import {
  currentPolicy,
  setMoratorium,
} from '../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { seedBuiltInList } from '../src/capabilities/watchlists/built-in/seed-built-in-list.ts'
import { seedDemoLists } from '../src/capabilities/watchlists/demo/seed-demo-lists.ts'
import { createScreeningService } from '../src/capabilities/watchlists/screening.service.ts'
import { listStatus } from '../src/capabilities/watchlists/watchlist.repository.ts'
import { systemClock } from '../src/platform/clock.ts'
import type { OpenDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { benchDecisionLog } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, mib, sampleRss, throttledLog } from './progress.ts'

export type InvestigationMeasurement = {
  database: 'postgres' | 'pglite'
  version: string
  /** Seeding the demo register and turning it into licences (not part of the target). */
  setup: { applications: number; seconds: number }
  listEntities: number
  matcherBuildSeconds: number
  pageSize: number
  /** The timed part: start (count the scope) and run the investigation to the end. */
  licences: number
  seconds: number
  licencesPerSecond: number
  pages: number
  pageMs: { p50: number; p90: number; p99: number; max: number }
  findings: number
  proposals: number
  peakRssBytes: number
  cpu: CpuSplit
}

const BENCH_INVESTIGATOR: Principal = {
  userId: 'bench',
  displayName: 'bench',
  role: 'investigator',
  authorityId: null,
  organisationId: null,
  scopes: null,
}

/**
 * Seeds the demo register, makes every application a granted licence still valid with a
 * grant-time assessment (so the scope holds all of them and the comparison reads one
 * assessment each), imports the real sanctions lists, switches the moratorium on, then times one
 * investigation over everything: the scope count, every page read, screened, assessed, compared
 * and committed with its findings and proposals, exactly as `glasshouse investigate` runs it.
 */
export async function measureInvestigation(
  open: OpenDatabase,
  options: { licences: number; pageSize: number; sanctionsDir: string; cpuSources: CpuSources },
): Promise<InvestigationMeasurement> {
  const { db } = open
  const label = open.kind
  try {
    await migrateToLatest(db)
    const version = await sql<{ version: string }>`select version()`.execute(db)

    log(`  ${label}: seeding ${count(options.licences)} demo applications as granted licences`)
    const seedProgress = throttledLog(10_000)
    const setupStart = performance.now()
    // One log for the seeded decisions and the investigation's own (revocations decided).
    const decisionLog = benchDecisionLog()
    const written = await seedDemo(db, {
      log: decisionLog,
      applications: options.licences,
      onProgress: (done, total) =>
        seedProgress(`  ${label}: seeded ${count(done)} / ${count(total)}`),
    })
    // Bench setup, not product behaviour: every application becomes an active licence with the
    // assessment it was granted under (levels spread over the four), a year before today.
    // In batches of 1,000 by id: the annual report's facts are kept by statement triggers on
    // applications, cheap per batch and very slow for one update of every row.
    const maxId = await sql<{
      id: number
    }>`select coalesce(max(id), 0) as id from applications`.execute(db)
    for (let from = 0; from <= Number(maxId.rows[0]?.id ?? 0); from += 1000)
      await sql`update applications set state = 'granted',
        decided_on = coalesce(decided_on, submitted_on, current_date - 400)
        where id > ${from} and id <= ${from + 1000} and state <> 'granted'`.execute(db)
    await sql`update licences set valid_until = current_date + 365`.execute(db)
    await currentPolicy(db, systemClock) // seeds version 1, which the assessments refer to
    await sql`insert into assessments (application_id, assessed_at, actor, trigger, policy_version,
        input_sha256, level, recommendation, reason_codes, findings, summary)
      select id, now() - interval '400 days', 'bench', 'submission', 1, 'bench',
        (array['low','medium','high','prohibitive'])[1 + id % 4],
        (array['approve','approve_with_conditions','refer','refuse'])[1 + id % 4],
        '{}', '[]', 'bench grant-time assessment'
      from applications`.execute(db)
    if (open.kind === 'postgres') await sql`vacuum (analyze)`.execute(db)
    else await sql`analyze`.execute(db)
    const setupSeconds = (performance.now() - setupStart) / 1000
    log(`  ${label}: ${count(written)} licences ready in ${setupSeconds.toFixed(1)} s`)

    if (!existsSync(options.sanctionsDir))
      log(`  ${label}: ${options.sanctionsDir} is missing: screening only the built-in list`)
    await seedBuiltInList(db, systemClock)
    const imported = await seedDemoLists(db, systemClock, options.sanctionsDir)
    log(`  ${label}: imported the lists ${imported.join(', ') || '(none)'}`)
    const listEntities = (await listStatus(db)).reduce((sum, l) => sum + l.entities, 0)
    await setMoratorium(db, systemClock, true, { actor: 'bench', reason: 'Bench: moratorium on' })

    const screening = createScreeningService({ db, clock: systemClock, refreshMs: 3_600_000 })
    const matcherStart = performance.now()
    await screening.ready()
    const matcherBuildSeconds = (performance.now() - matcherStart) / 1000
    log(`  ${label}: matcher built in ${matcherBuildSeconds.toFixed(1)} s`)
    const service = createInvestigationsService({
      db,
      clock: systemClock,
      screening,
      licensing: createLicensingService({ db, clock: systemClock, decisionLog }),
      loadEvidence: createEvidenceInForce(),
    })

    const progress = throttledLog()
    const rss = sampleRss()
    const cpu = measureCpu(options.cpuSources)
    const pageTimes: number[] = []
    const start = performance.now()
    let pageStart = start
    const started = await service.start(
      { scope: {}, reason: 'Bench: every licence re-screened' },
      BENCH_INVESTIGATOR,
    )
    const done = await service.run(started.id, {
      pageSize: options.pageSize,
      onPage: (p) => {
        const now = performance.now()
        pageTimes.push(now - pageStart)
        pageStart = now
        const seconds = (now - start) / 1000
        progress(
          `  ${label}: ${count(p.licencesDone)} / ${count(started.progress.inScope)} re-screened ` +
            `(${count(Math.round(p.licencesDone / seconds))}/s, RSS ${mib(process.memoryUsage().rss)})`,
        )
      },
    })
    const seconds = (performance.now() - start) / 1000
    const cpuSplit = cpu.stop()
    const peakRssBytes = rss.stop()
    if (done.status !== 'completed') throw new Error(`${label}: the investigation did not complete`)
    log(
      `  ${label}: ${count(done.progress.licencesDone)} licences re-screened in ${seconds.toFixed(1)} s ` +
        `(${count(done.progress.findings)} findings, ${count(done.progress.proposals)} proposals)`,
    )
    const sorted = [...pageTimes].sort((a, b) => a - b)
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
    return {
      database: open.kind,
      version: version.rows[0]?.version ?? 'unknown',
      setup: { applications: written, seconds: setupSeconds },
      listEntities,
      matcherBuildSeconds,
      pageSize: options.pageSize,
      licences: done.progress.licencesDone,
      seconds,
      licencesPerSecond: done.progress.licencesDone / seconds,
      pages: done.progress.pagesDone,
      pageMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0 },
      findings: done.progress.findings,
      proposals: done.progress.proposals,
      peakRssBytes,
      cpu: cpuSplit,
    }
  } finally {
    await open.close()
  }
}
