import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import { seedDemo } from '../src/capabilities/licensing/demo/seed-demo.ts'
import { type AssessmentResult, assess } from '../src/capabilities/risk-assessment/assess.ts'
import { createEvidenceInForce } from '../src/capabilities/risk-assessment/evidence/evidence-in-force.ts'
import { createInputGatherer } from '../src/capabilities/risk-assessment/gather-inputs.ts'
import type { Level, Recommendation } from '../src/capabilities/risk-assessment/level.ts'
import { currentPolicy } from '../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { seedBuiltInList } from '../src/capabilities/watchlists/built-in/seed-built-in-list.ts'
import { seedDemoLists } from '../src/capabilities/watchlists/demo/seed-demo-lists.ts'
import type { MatchQuery } from '../src/capabilities/watchlists/matching/index.ts'
import {
  createScreeningService,
  type ScreeningHit,
} from '../src/capabilities/watchlists/screening.service.ts'
import { listStatus } from '../src/capabilities/watchlists/watchlist.repository.ts'
import { systemClock } from '../src/platform/clock.ts'
import type { OpenDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { benchDecisionLog } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, mib, sampleRss, throttledLog } from './progress.ts'

export type AssessmentMeasurement = {
  database: 'postgres' | 'pglite'
  version: string
  /** The demo register: seedDemo, 1,000 applications per transaction (not part of the target). */
  seed: { applications: number; itemLines: number; parties: number; seconds: number }
  lists: { source: string; entities: number; names: number }[]
  matcherBuildSeconds: number
  policyVersion: number
  pageSize: number
  /** The re-assessment pass: read every application, screen its parties, run the rules. */
  applications: number
  seconds: number
  assessmentsPerSecond: number
  /** Per application, in memory: screening its parties plus the rules (the reads are per page). */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number }
  /** Where the pass's wall time went. */
  split: { screeningSeconds: number; rulesSeconds: number; readingSeconds: number }
  partiesScreened: number
  /** Screening each distinct (name, schema, country) once per pass; false: every party anew. */
  screenCache: boolean
  /** Queries the matcher actually ran (the distinct ones when the cache is on). */
  matcherQueries: number
  applicationsWithHits: number
  levels: Record<Level, number>
  recommendations: Record<Recommendation, number>
  peakRssBytes: number
  rssAfterMatcherBytes: number
  cpu: CpuSplit
}

/**
 * Seeds a demo register, imports the real sanctions lists, builds the matcher once, then re-assesses
 * every application: its inputs read a page at a time (`createInputGatherer`, a few queries per
 * page; the next page is read while this one is assessed), its parties screened in memory with
 * `screenWith`, and the pure `assess` run under the policy in force. Nothing is stored: the
 * measurement is the assessment itself, matching included.
 */
export async function measureAssessment(
  open: OpenDatabase,
  options: {
    applications: number
    pageSize: number
    sanctionsDir: string
    screenCache: boolean
    cpuSources: CpuSources
  },
): Promise<AssessmentMeasurement> {
  const { db } = open
  const label = open.kind
  try {
    await migrateToLatest(db)
    const version = await sql<{ version: string }>`select version()`.execute(db)

    log(`  ${label}: seeding ${count(options.applications)} demo applications`)
    const seedProgress = throttledLog(10_000)
    const seedStart = performance.now()
    const written = await seedDemo(db, {
      log: benchDecisionLog(),
      applications: options.applications,
      onProgress: (done, total) =>
        seedProgress(`  ${label}: seeded ${count(done)} / ${count(total)}`),
    })
    const seedSeconds = (performance.now() - seedStart) / 1000
    if (open.kind === 'postgres') await sql`vacuum (analyze)`.execute(db)
    else await sql`analyze`.execute(db)
    const counts = await sql<{ items: number; parties: number }>`
      select (select count(*) from application_items)::bigint as items,
             (select count(*) from application_parties)::bigint as parties`.execute(db)
    log(`  ${label}: seeded ${count(written)} applications in ${seedSeconds.toFixed(1)} s`)

    if (!existsSync(options.sanctionsDir))
      log(`  ${label}: ${options.sanctionsDir} is missing: screening only the built-in list`)
    await seedBuiltInList(db, systemClock)
    const imported = await seedDemoLists(db, systemClock, options.sanctionsDir)
    log(`  ${label}: imported the lists ${imported.join(', ') || '(none)'}`)
    const lists = (await listStatus(db)).map((l) => ({
      source: l.source,
      entities: l.entities,
      names: l.names,
    }))

    const matcherStart = performance.now()
    const screening = createScreeningService({ db, clock: systemClock, refreshMs: 3_600_000 })
    const loaded = await screening.ready()
    const matcherBuildSeconds = (performance.now() - matcherStart) / 1000
    const rssAfterMatcherBytes = process.memoryUsage().rss
    log(
      `  ${label}: matcher built in ${matcherBuildSeconds.toFixed(1)} s over ` +
        `${count(lists.reduce((sum, l) => sum + l.entities, 0))} entities (RSS ${mib(rssAfterMatcherBytes)})`,
    )
    const policy = await currentPolicy(db, systemClock)
    const evidence = await createEvidenceInForce()(db)

    // Screening time per application, in page order: `screen` runs while a page is built.
    let screenTimes: number[] = []
    let partiesScreened = 0
    let matcherQueries = 0
    // The same party (name, schema, country) screens the same against the same lists: a pass over
    // a register screens each distinct party once, as a re-assessment job would.
    const screened = new Map<string, ScreeningHit[]>()
    const hitsFor = (query: MatchQuery): ScreeningHit[] => {
      const key = options.screenCache
        ? `${query.schema}\u0000${query.countries?.join(',')}\u0000${query.name}`
        : ''
      const known = options.screenCache ? screened.get(key) : undefined
      if (known) return known
      matcherQueries += 1
      const hits = screening.screenWith(loaded, [query]).results[0]?.hits ?? []
      if (options.screenCache) screened.set(key, hits)
      return hits
    }
    let applicationsWithHits = 0
    const gatherer = createInputGatherer(db, {
      evidence,
      today: systemClock.today(),
      screen: (parties) => {
        const start = performance.now()
        // As screen-application.ts `queryFor`: only a declared individual narrows the schema.
        const queries: MatchQuery[] = parties.map((p) => ({
          name: p.name,
          schema: p.type === 'individual' ? 'Person' : 'Any',
          countries: [p.country],
        }))
        const found = parties.map((p, i) => ({
          role: p.role,
          name: p.name,
          hits: hitsFor(queries[i] as MatchQuery),
        }))
        partiesScreened += parties.length
        if (found.some((p) => p.hits.length > 0)) applicationsWithHits += 1
        screenTimes.push(performance.now() - start)
        return found
      },
    })

    log(`  ${label}: re-assessing ${count(written)} applications (pages of ${options.pageSize})`)
    const levels: Record<Level, number> = { low: 0, medium: 0, high: 0, prohibitive: 0 }
    const recommendations: Record<Recommendation, number> = {
      approve: 0,
      approve_with_conditions: 0,
      refer: 0,
      refuse: 0,
    }
    const latencies = new Float64Array(written)
    let done = 0
    let screeningMs = 0
    let rulesMs = 0
    const progress = throttledLog()
    const rss = sampleRss()
    const cpu = measureCpu(options.cpuSources)
    const start = performance.now()
    let next = gatherer.page(0, options.pageSize)
    for (;;) {
      const page = await next
      if (page.length === 0) break
      const pageScreenTimes = screenTimes
      screenTimes = []
      next = gatherer.page(page.at(-1)?.applicationId ?? 0, options.pageSize)
      for (const [i, { input }] of page.entries()) {
        const rulesStart = performance.now()
        const result: AssessmentResult = assess(input, policy)
        const rules = performance.now() - rulesStart
        const screened = pageScreenTimes[i] ?? 0
        screeningMs += screened
        rulesMs += rules
        levels[result.level] += 1
        recommendations[result.recommendation] += 1
        if (done < latencies.length) latencies[done] = screened + rules
        done += 1
      }
      const seconds = (performance.now() - start) / 1000
      progress(
        `  ${label}: ${count(done)} / ${count(written)} assessed ` +
          `(${count(Math.round(done / seconds))}/s, RSS ${mib(process.memoryUsage().rss)})`,
      )
    }
    const seconds = (performance.now() - start) / 1000
    const cpuSplit = cpu.stop()
    const peakRssBytes = rss.stop()
    if (done !== written) throw new Error(`${label}: assessed ${done} applications, not ${written}`)
    log(
      `  ${label}: ${count(done)} assessed in ${seconds.toFixed(1)} s ` +
        `(${count(Math.round(done / seconds))}/s)`,
    )
    const sorted = latencies.slice(0, done).sort()
    const at = (q: number) => sorted[Math.min(done - 1, Math.floor(q * done))] ?? 0
    return {
      database: open.kind,
      version: version.rows[0]?.version ?? 'unknown',
      seed: {
        applications: written,
        itemLines: Number(counts.rows[0]?.items ?? 0),
        parties: Number(counts.rows[0]?.parties ?? 0),
        seconds: seedSeconds,
      },
      lists,
      matcherBuildSeconds,
      policyVersion: policy.version,
      pageSize: options.pageSize,
      applications: done,
      seconds,
      assessmentsPerSecond: done / seconds,
      latencyMs: {
        p50: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        max: sorted[done - 1] ?? 0,
        mean: (screeningMs + rulesMs) / Math.max(1, done),
      },
      split: {
        screeningSeconds: screeningMs / 1000,
        rulesSeconds: rulesMs / 1000,
        readingSeconds: Math.max(0, seconds - (screeningMs + rulesMs) / 1000),
      },
      partiesScreened,
      screenCache: options.screenCache,
      matcherQueries,
      applicationsWithHits,
      levels,
      recommendations,
      peakRssBytes,
      rssAfterMatcherBytes,
      cpu: cpuSplit,
    }
  } finally {
    await open.close()
  }
}
