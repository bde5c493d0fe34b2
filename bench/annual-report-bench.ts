import { createWriteStream } from 'node:fs'
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, type RawBuilder, sql } from 'kysely'
import { defaultValidUntil } from '../src/capabilities/licensing/application.ts'
import { seedAuthorities } from '../src/capabilities/licensing/authority.repository.ts'
import { generateDemoRecords } from '../src/capabilities/licensing/demo/generate-demo.ts'
import { type RecordToWrite, writeRecords } from '../src/capabilities/licensing/register-writer.ts'
import { OUTCOMES, type ReportScope } from '../src/capabilities/reporting/annual-report.ts'
import { renderReportFiles } from '../src/capabilities/reporting/outputs/report-files.ts'
import { buildAnnualReport } from '../src/capabilities/reporting/report-data.ts'
import { parseScope } from '../src/capabilities/reporting/report-scope.ts'
import { type Db, postgresPool } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import type { Database } from '../src/platform/db/schema.ts'
import { seededRandom } from '../src/platform/random.ts'
import { benchDecisionLog } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, mib, sampleRss, throttledLog } from './progress.ts'

/** What the bench loaded: every application decided (its first outcome) in `year`. */
export type ReportLoad = {
  year: number
  applications: number
  itemLines: number
  decisionRows: number
  /** Decisions of the year that a report counts (grants, refusals, … and later suspensions…). */
  countedDecisions: number
  outcomes: Record<string, number>
  refusalsWithReasons: number
  generalAuthorisations: number
  issuingStates: number
  destinations: number
  controlEntries: number
  currencies: number
  seconds: number
  applicationsPerSecond: number
  analyzeSeconds: number
  databaseBytes: number
  cpu: CpuSplit
}

/** The queries of one report build, grouped by their SQL text. */
export type QueryTiming = {
  /** The statement's first words, whitespace collapsed. */
  label: string
  calls: number
  totalMs: number
  maxMs: number
}

export type ReportRun = { ms: number; queries: QueryTiming[] }

export type ScopeMeasurement = {
  scope: string
  /** Decisions in the report's per-licence table (report.licenceCount). */
  licenceCount: number
  denials: number
  warmupMs: number
  runs: ReportRun[]
  medianMs: number
  peakRssBytes: number
  cpu: CpuSplit
}

export type CsvMeasurement = {
  scope: string
  rows: number
  bytes: number
  seconds: number
  rowsPerSecond: number
  rssAtStartBytes: number
  peakRssBytes: number
  path: string
}

export type PlanSummary = {
  label: string
  executionMs: number
  summary: string
  plan: string[]
}

export type AnnualReportMeasurement = {
  version: string
  load: ReportLoad
  eu: ScopeMeasurement
  memberState: ScopeMeasurement
  csv: CsvMeasurement
  slowestQuery: PlanSummary | null
}

export type AnnualReportOptions = {
  licences: number
  year: number
  memberState: string
  runs: number
  csvPath: string
  cpuSources: CpuSources
}

/**
 * Loads `licences` applications decided in one year into an empty database, ANALYZEs it, then
 * times `buildAnnualReport` for the EU and for one member state (one warm-up, then `runs` runs
 * each) and writing the year's licences.csv with `renderReportFiles(…, ['csv'])`.
 */
export async function measureAnnualReport(
  url: string,
  options: AnnualReportOptions,
): Promise<AnnualReportMeasurement> {
  const timed = await openTimedPostgres(url, 6)
  const { db } = timed
  try {
    await migrateToLatest(db)
    const version = await sql<{ version: string }>`select version()`.execute(db)
    const load = await loadDecidedYear(db, options)

    const eu = await measureScope(timed, 'EU', options)
    const memberState = await measureScope(timed, options.memberState, options)
    const csv = await measureCsv(db, 'EU', options)

    // The slowest single statement of the EU runs, explained with its own parameters.
    const slowest = timed.slowestOf('EU')
    const slowestQuery = slowest ? await explain(db, slowest) : null
    return {
      version: version.rows[0]?.version ?? 'unknown',
      load,
      eu,
      memberState,
      csv,
      slowestQuery,
    }
  } finally {
    await timed.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Loading one year of decisions

/**
 * The demo generator's records, each moved in time so its first outcome (grant, refusal or
 * withdrawal) falls on a random day of `year`; later steps (suspension, revocation, annulment)
 * keep their distance but stay inside the year. Records that end undecided or expired are
 * skipped, so every record written is a decision of the year.
 */
export function* decidedInYear(licences: number, year: number): Generator<RecordToWrite> {
  const rand = seededRandom(year)
  const first = Date.UTC(year, 0, 1)
  const days = (Date.UTC(year + 1, 0, 1) - first) / 86_400_000
  const lastDay = `${year}-12-31`
  const kept = new Set<string>(OUTCOMES)
  let written = 0
  // The generator yields some records that end undecided or expired (about a fifth); ask for
  // enough of them and stop once `licences` have been kept.
  for (const record of generateDemoRecords({
    applications: Math.ceil(licences * 2) + 100,
    referencePrefix: `R${year}`,
  })) {
    if (!kept.has(record.state)) continue
    const history = record.history ?? []
    const outcomeAt = history.findIndex((h) => h.from === 'under_review')
    const outcome = history[outcomeAt]
    if (!outcome) continue
    const target = first + Math.floor(rand() * days) * 86_400_000
    const shift = target - Date.parse(`${outcome.decidedOn}T00:00:00Z`)
    const move = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + shift)
    const moved = (date: string, index: number) => {
      const iso = move(date).toISOString().slice(0, 10)
      return index > outcomeAt && iso > lastDay ? lastDay : iso
    }
    const newHistory = history.map((h, index) => ({ ...h, decidedOn: moved(h.decidedOn, index) }))
    const decidedOn = newHistory.at(-1)?.decidedOn ?? null
    const licence = record.licence
      ? (() => {
          const validFrom = newHistory[outcomeAt]?.decidedOn ?? lastDay
          return { ...record.licence, validFrom, validUntil: defaultValidUntil(validFrom) }
        })()
      : undefined
    yield {
      ...record,
      submittedOn: record.submittedOn ? moved(record.submittedOn, 0) : null,
      decidedOn,
      history: newHistory,
      ...(licence ? { licence } : {}),
    }
    written += 1
    if (written === licences) return
  }
  throw new Error(`the demo generator gave fewer than ${licences} decided records`)
}

const LOAD_BATCH = 2000

async function loadDecidedYear(db: Db, options: AnnualReportOptions): Promise<ReportLoad> {
  await seedAuthorities(db)
  log(
    `  loading ${count(options.licences)} applications decided in ${options.year} ` +
      `(writeRecords, ${count(LOAD_BATCH)} per transaction, two in flight)`,
  )
  const progress = throttledLog(10_000)
  // Two transactions in flight: the second one's log append waits for the first's commit
  // (appendLeaves locks log_state), its other inserts do not.
  const decisionLog = benchDecisionLog()
  const cpu = measureCpu(options.cpuSources)
  const start = performance.now()
  let done = 0
  let failure: unknown
  const inFlight = new Set<Promise<void>>()
  const write = (records: RecordToWrite[]) => {
    const p: Promise<void> = db
      .transaction()
      .execute((trx) =>
        writeRecords(trx, records, { actor: 'bench-officer', origin: 'demo', log: decisionLog }),
      )
      .then(() => {
        done += records.length
        const seconds = (performance.now() - start) / 1000
        progress(
          `  loaded ${count(done)} / ${count(options.licences)} ` +
            `(${count(Math.round(done / seconds))} applications/s)`,
        )
      })
      .catch((error: unknown) => {
        failure ??= error
      })
      .finally(() => inFlight.delete(p))
    inFlight.add(p)
  }
  let batch: RecordToWrite[] = []
  for (const record of decidedInYear(options.licences, options.year)) {
    batch.push(record)
    if (batch.length >= LOAD_BATCH) {
      if (inFlight.size >= 2) await Promise.race(inFlight)
      if (failure) throw failure
      write(batch)
      batch = []
    }
  }
  if (batch.length > 0) write(batch)
  await Promise.all([...inFlight])
  if (failure) throw failure
  if (done !== options.licences)
    throw new Error(`loaded ${done} applications, expected ${options.licences}`)
  const seconds = (performance.now() - start) / 1000
  const cpuSplit = cpu.stop()
  log(`  loaded ${count(done)} applications in ${seconds.toFixed(1)} s; ANALYZE`)
  const analyzeStart = performance.now()
  await sql`analyze`.execute(db)
  const analyzeSeconds = (performance.now() - analyzeStart) / 1000

  const { start: from, end: to } = {
    start: `${options.year}-01-01`,
    end: `${options.year + 1}-01-01`,
  }
  const one = async <T>(query: RawBuilder<T>) => (await query.execute(db)).rows[0] as T
  const shape = await one(sql<{
    applications: number
    items: number
    decisions: number
    states: number
    destinations: number
    entries: number
    currencies: number
    geas: number
  }>`select
      (select count(*) from applications)::int as applications,
      (select count(*) from application_items)::int as items,
      (select count(*) from decisions)::int as decisions,
      (select count(distinct issuing_state) from applications)::int as states,
      (select count(distinct destination) from applications)::int as destinations,
      (select count(distinct control_entry) from application_items)::int as entries,
      (select count(distinct currency) from application_items)::int as currencies,
      (select count(*) from applications where gea is not null)::int as geas`)
  const outcomeRows = await sql<{ action: string; n: number }>`
    select action, count(*)::int as n from decisions
    where decided_on >= ${from}::date and decided_on < ${to}::date
      and action in ('grant','refuse','withdraw','revoke','suspend','annul')
    group by action order by action`.execute(db)
  const outcomes = Object.fromEntries(outcomeRows.rows.map((r) => [r.action, r.n]))
  const refusalsWithReasons = await one(sql<{ n: number }>`
    select count(*)::int as n from decisions
    where action = 'refuse' and cardinality(reason_codes) > 0`)
  const size = await one(sql<{ bytes: number }>`
    select pg_database_size(current_database())::bigint as bytes`)
  return {
    year: options.year,
    applications: shape.applications,
    itemLines: shape.items,
    decisionRows: shape.decisions,
    countedDecisions: outcomeRows.rows.reduce((sum, r) => sum + r.n, 0),
    outcomes,
    refusalsWithReasons: refusalsWithReasons.n,
    generalAuthorisations: shape.geas,
    issuingStates: shape.states,
    destinations: shape.destinations,
    controlEntries: shape.entries,
    currencies: shape.currencies,
    seconds,
    applicationsPerSecond: done / seconds,
    analyzeSeconds,
    databaseBytes: Number(size.bytes),
    cpu: cpuSplit,
  }
}

// ---------------------------------------------------------------------------------------------
// Timing the report

async function measureScope(
  timed: TimedDb,
  scopeText: string,
  options: AnnualReportOptions,
): Promise<ScopeMeasurement> {
  const { db } = timed
  const scope: ReportScope = await parseScope(db, scopeText)
  const build = async () => {
    timed.startRecording(scopeText)
    const start = performance.now()
    const report = await buildAnnualReport(db, { year: options.year, scope })
    const ms = performance.now() - start
    return { report, ms, queries: timed.stopRecording() }
  }
  log(`  buildAnnualReport ${scopeText} ${options.year}: warm-up`)
  const rss = sampleRss()
  const cpu = measureCpu(options.cpuSources)
  const warmup = await build()
  log(
    `    warm-up ${(warmup.ms / 1000).toFixed(2)} s (${count(warmup.report.licenceCount)} licences)`,
  )
  const runs: ReportRun[] = []
  for (let n = 1; n <= options.runs; n += 1) {
    const run = await build()
    runs.push({ ms: run.ms, queries: run.queries })
    log(`    run ${n}: ${(run.ms / 1000).toFixed(2)} s`)
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b)
  const medianMs = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0
  return {
    scope: scopeText,
    licenceCount: warmup.report.licenceCount,
    denials: warmup.report.denials.length,
    warmupMs: warmup.ms,
    runs,
    medianMs,
    peakRssBytes: rss.stop(),
    cpu: cpu.stop(),
  }
}

async function measureCsv(
  db: Db,
  scopeText: string,
  options: AnnualReportOptions,
): Promise<CsvMeasurement> {
  const scope = await parseScope(db, scopeText)
  const report = await buildAnnualReport(db, { year: options.year, scope })
  log(`  renderReportFiles ${scopeText} ${options.year} ['csv'] → ${options.csvPath}`)
  const rssAtStartBytes = process.memoryUsage().rss
  const rss = sampleRss()
  const start = performance.now()
  const files = await renderReportFiles(db, report, ['csv'])
  const licences = files.find((f) => f.name === 'licences.csv')
  if (!licences) throw new Error('renderReportFiles wrote no licences.csv')
  const out = createWriteStream(options.csvPath)
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    out.end(licences.content, () => resolve())
  })
  const seconds = (performance.now() - start) / 1000
  const peakRssBytes = rss.stop()
  log(
    `    ${count(report.licenceCount)} rows, ${mib(licences.content.length)} in ${seconds.toFixed(1)} s ` +
      `(peak RSS ${mib(peakRssBytes)})`,
  )
  return {
    scope: scopeText,
    rows: report.licenceCount,
    bytes: licences.content.length,
    seconds,
    rowsPerSecond: report.licenceCount / seconds,
    rssAtStartBytes,
    peakRssBytes,
    path: options.csvPath,
  }
}

// ---------------------------------------------------------------------------------------------
// A database handle that times every statement

type Statement = { sql: string; parameters: readonly unknown[]; ms: number }

type TimedDb = {
  db: Db
  startRecording(tag: string): void
  stopRecording(): QueryTiming[]
  /** The slowest single statement recorded under `tag`. */
  slowestOf(tag: string): Statement | undefined
  close(): Promise<void>
}

/** openPostgres's pool and type parsers, with Kysely's query log timing each statement. */
async function openTimedPostgres(url: string, max: number): Promise<TimedDb> {
  const pool = postgresPool(url, max)
  let recording: Statement[] | undefined
  let tag = ''
  const slowest = new Map<string, Statement>()
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event: LogEvent) => {
      if (!recording || event.level !== 'query') return
      const statement = {
        sql: event.query.sql,
        parameters: event.query.parameters,
        ms: event.queryDurationMillis,
      }
      recording.push(statement)
      const before = slowest.get(tag)
      if (!before || statement.ms > before.ms) slowest.set(tag, statement)
    },
  })
  await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute()
  return {
    db,
    startRecording(name) {
      tag = name
      recording = []
    },
    stopRecording() {
      const statements = recording ?? []
      recording = undefined
      const byLabel = new Map<string, QueryTiming>()
      for (const s of statements) {
        const label = labelOf(s.sql)
        const t = byLabel.get(label) ?? { label, calls: 0, totalMs: 0, maxMs: 0 }
        t.calls += 1
        t.totalMs += s.ms
        t.maxMs = Math.max(t.maxMs, s.ms)
        byLabel.set(label, t)
      }
      return [...byLabel.values()].sort((a, b) => b.totalMs - a.totalMs)
    },
    slowestOf: (name) => slowest.get(name),
    close: () => db.destroy(),
  }
}

/** A statement's recognisable start: its first 90 characters, whitespace collapsed. */
function labelOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat
}

/** EXPLAIN (ANALYZE, BUFFERS) of a recorded statement, with a one-line summary of the plan. */
async function explain(db: Db, statement: Statement): Promise<PlanSummary> {
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
  )
  const plan = result.rows.map((r) => r['QUERY PLAN'])
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1] ?? NaN)
  return { label: labelOf(statement.sql), executionMs, summary: summarisePlan(plan), plan }
}

/**
 * The plan in one line: execution time, the shared buffers of the top node, and the three
 * nodes with the most time of their own (actual total time × loops, less their children's).
 */
export function summarisePlan(plan: string[]): string {
  type Node = { depth: number; text: string; totalMs: number; children: Node[] }
  const roots: Node[] = []
  const stack: Node[] = []
  let topBuffers = ''
  for (const line of plan) {
    const match =
      /^(\s*)(?:->\s+)?(.*?)\s+\(cost=.*actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)\)/.exec(
        line,
      )
    if (!match) {
      if (!topBuffers && /^\s*Buffers:/.test(line))
        topBuffers = line.trim().replace(/^Buffers: /, '')
      continue
    }
    const depth = match[1]?.length ?? 0
    const node: Node = {
      depth,
      text: `${match[2]} (rows=${match[4]}, loops=${match[5]})`,
      totalMs: Number(match[3]) * Number(match[5]),
      children: [],
    }
    while (stack.length > 0 && (stack.at(-1) as Node).depth >= depth) stack.pop()
    const parent = stack.at(-1)
    if (parent) parent.children.push(node)
    else roots.push(node)
    stack.push(node)
  }
  const all: { text: string; selfMs: number }[] = []
  const walk = (node: Node) => {
    const children = node.children.reduce((sum, c) => sum + c.totalMs, 0)
    all.push({ text: node.text, selfMs: Math.max(0, node.totalMs - children) })
    node.children.forEach(walk)
  }
  roots.forEach(walk)
  const top = all
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 3)
    .map((n) => `${n.text} ${n.selfMs.toFixed(0)} ms`)
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1]
  return [
    `execution ${execution ?? '?'} ms`,
    topBuffers ? `buffers ${topBuffers}` : '',
    `most time in: ${top.join('; ')}`,
  ]
    .filter(Boolean)
    .join('; ')
}
