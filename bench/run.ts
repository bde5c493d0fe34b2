// npm run bench: the import, public-register, risk-assessment, decision-log, … benchmarks of docs/benchmarks.md.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { join } from 'node:path'
import { openPGlite, openPostgres } from '../src/platform/db/database.ts'
import { measureAnnualReport } from './annual-report-bench.ts'
import { type AnnualReportResults, writeAnnualReportSection } from './annual-report-section.ts'
import { type AssessmentMeasurement, measureAssessment } from './assessment-bench.ts'
import { type AssessmentResults, writeAssessmentSection } from './assessment-report.ts'
import { codeVersion } from './code-version.ts'
import { backgroundLoad } from './cpu.ts'
import { runFuzzBench } from './fuzz-bench.ts'
import { measureImport, measureReadAndValidate } from './import-bench.ts'
import { type InvestigationMeasurement, measureInvestigation } from './investigation-bench.ts'
import { type InvestigationResults, writeInvestigationSection } from './investigation-section.ts'
import { writeLicenceCsv } from './licence-file.ts'
import { type LogMeasurement, measureLog } from './log-bench.ts'
import {
  type LogIntegrityMeasurement,
  measureLogIntegrity,
  openTimedPostgres,
  type Target,
} from './log-integrity-bench.ts'
import { type LogIntegrityResults, writeLogIntegritySection } from './log-integrity-section.ts'
import { type LogResults, writeLogSection } from './log-report.ts'
import { measurePortal } from './portal-bench.ts'
import { type PortalResults, writePortalSection } from './portal-section.ts'
import {
  createFreshDatabase,
  describeServer,
  dropDatabase,
  type PostgresServer,
  startPostgres,
} from './postgres-server.ts'
import { count, log, mib, throttledLog, timed } from './progress.ts'
import { measureRegister } from './register-bench.ts'
import { type BenchResults, writeBenchmarksDoc, writeResultsJson } from './report.ts'
import { type BenchSettings, OUT_DIR, PROJECT_ROOT, readSettings } from './settings.ts'

const IMPORT_DATABASE = 'glasshouse_bench_import'
const REGISTER_DATABASE = 'glasshouse_bench_register'
const ASSESSMENT_DATABASE = 'glasshouse_bench_assessment'
const LOG_DATABASE = 'glasshouse_bench_log'
const REPORT_DATABASE = 'glasshouse_bench_report'
const PORTAL_DATABASE = 'glasshouse_bench_portal'
const INVESTIGATION_DATABASE = 'glasshouse_bench_investigation'
const INTEGRITY_LOGGED_DATABASE = 'glasshouse_bench_integrity_logged'
const INTEGRITY_UNLOGGED_DATABASE = 'glasshouse_bench_integrity_unlogged'

async function main() {
  const settings = readSettings()
  // Fuzzing needs no PostgreSQL server: it runs on PGlite alone.
  if (settings.only === 'fuzz') return runFuzzBench()
  const begun = performance.now()
  const codeAtStart = codeVersion()
  mkdirSync(OUT_DIR, { recursive: true })
  const assessOnly = settings.only === 'assessment'
  const logOnly = settings.only === 'decision-log'
  const reportOnly = settings.only === 'annual-report'
  const portalOnly = settings.only === 'portal'
  const investigationOnly = settings.only === 'investigation'
  const logIntegrityOnly = settings.only === 'log-integrity'
  const assessing = assessOnly || !settings.skipAssessment
  log(
    logIntegrityOnly
      ? `Glasshouse bench: import of ${count(settings.logIntegrityLines)} item lines with and ` +
          'without the decision log, then log verify'
      : investigationOnly
        ? `Glasshouse bench: investigation over ${count(settings.investigationLicences)} licences`
        : portalOnly
          ? `Glasshouse bench: portal pages over ${count(settings.portalApplications)} licences`
          : reportOnly
            ? `Glasshouse bench: annual report over ${count(settings.reportLicences)} licences`
            : logOnly
              ? `Glasshouse bench: decision log of ${count(settings.logLeaves)} leaves`
              : assessOnly
                ? `Glasshouse bench: risk assessment of ${count(settings.assessApplications)} applications`
                : `Glasshouse bench: import of ${count(settings.lines)} item lines, register API on ` +
                  `${count(settings.applications)} applications` +
                  (assessing
                    ? `, risk assessment of ${count(settings.assessApplications)} applications`
                    : ''),
  )
  const loadAverageBeforeRun = loadavg()[0] ?? 0
  const backgroundLoadBeforeRun = await backgroundLoad()
  log(`machine load before the run: ${Math.round(backgroundLoadBeforeRun * 100)} % of all cores`)

  const server = await startPostgres(settings.databaseUrl)
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`)
    server.stop()
    process.exit(130)
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  try {
    const postgresInfo = await describeServer(server)
    const { version: postgresVersion, ...postgresSettings } = postgresInfo
    // What every results file records about where and on what code it ran.
    const machine = () => ({
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryBytes: totalmem(),
      os: `${type()} ${release()}`,
      node: process.version,
      postgres: postgresVersion ?? 'unknown',
      postgresSettings,
      loadAverageBeforeRun,
      backgroundLoadBeforeRun,
    })
    const codeState = () => ({
      ...codeAtStart,
      changedDuringRun: codeVersion().sourceHash !== codeAtStart.sourceHash,
    })
    const runAssessment = async (step: string) => {
      const runs = await measureAssessments(server, settings, step)
      const results: AssessmentResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          applications: settings.assessApplications,
          pageSize: settings.assessPageSize,
          screenCache: settings.assessScreenCache,
          skipPglite: settings.skipPglite,
          externalDatabase: settings.databaseUrl !== undefined,
          command: assessmentCommand(settings),
        },
        code: codeState(),
        machine: machine(),
        runs,
      }
      writeResultsJson(join(OUT_DIR, 'assessment-results.json'), results)
      writeAssessmentSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/assessment-results.json and its section of docs/benchmarks.md')
    }
    const runDecisionLog = async (step: string) => {
      const runs = await measureLogs(server, settings, step)
      const results: LogResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          leaves: settings.logLeaves,
          pgliteLeaves: settings.logPgliteLeaves,
          single: settings.logSingle,
          batch: settings.logBatch,
          proofs: settings.logProofs,
          skipPglite: settings.skipPglite,
          externalDatabase: settings.databaseUrl !== undefined,
          command: logCommand(settings),
        },
        code: codeState(),
        machine: {
          ...machine(),
          pglite: pgliteVersion(runs.find((r) => r.database === 'pglite')?.version),
        },
        runs,
      }
      writeResultsJson(join(OUT_DIR, 'decision-log-results.json'), results)
      writeLogSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/decision-log-results.json and its section of docs/benchmarks.md')
    }
    const runAnnualReport = async (step: string) => {
      log(
        `${step} annual report over ${count(settings.reportLicences)} licences decided in ` +
          `${settings.reportYear} on PostgreSQL`,
      )
      const url = await createFreshDatabase(server, REPORT_DATABASE)
      const measurement = await measureAnnualReport(url, {
        licences: settings.reportLicences,
        year: settings.reportYear,
        memberState: settings.reportMemberState,
        runs: settings.reportRuns,
        csvPath: join(OUT_DIR, 'annual-report-licences.csv'),
        cpuSources: { postmasterPid: server.postmasterPid },
      })
      await dropDatabase(server, REPORT_DATABASE)
      const results: AnnualReportResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          licences: settings.reportLicences,
          year: settings.reportYear,
          memberState: settings.reportMemberState,
          runs: settings.reportRuns,
          externalDatabase: settings.databaseUrl !== undefined,
          command: reportCommand(settings),
        },
        code: codeState(),
        machine: machine(),
        measurement,
      }
      writeResultsJson(join(OUT_DIR, 'annual-report-results.json'), results)
      writeAnnualReportSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/annual-report-results.json and its section of docs/benchmarks.md')
    }
    const runPortal = async (step: string) => {
      log(`${step} portal pages over ${count(settings.portalApplications)} licences on PostgreSQL`)
      const url = await createFreshDatabase(server, PORTAL_DATABASE)
      const measurement = await measurePortal(url, {
        applications: settings.portalApplications,
        connections: settings.portalConnections,
        durationSeconds: settings.durationSeconds,
        warmupSeconds: settings.warmupSeconds,
        postmasterPid: server.postmasterPid,
      })
      await dropDatabase(server, PORTAL_DATABASE)
      const results: PortalResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          applications: settings.portalApplications,
          connections: settings.portalConnections,
          durationSeconds: settings.durationSeconds,
          externalDatabase: settings.databaseUrl !== undefined,
          command: portalCommand(settings),
        },
        code: codeState(),
        machine: machine(),
        measurement,
      }
      writeResultsJson(join(OUT_DIR, 'portal-results.json'), results)
      writePortalSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/portal-results.json and its section of docs/benchmarks.md')
    }
    const runInvestigation = async (step: string) => {
      const runs = await measureInvestigations(server, settings, step)
      const results: InvestigationResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          licences: settings.investigationLicences,
          pageSize: settings.investigationPageSize,
          skipPglite: settings.skipPglite,
          externalDatabase: settings.databaseUrl !== undefined,
          command: investigationCommand(settings),
        },
        code: codeState(),
        machine: {
          ...machine(),
          pglite: pgliteVersion(runs.find((r) => r.database === 'pglite')?.version),
        },
        runs,
      }
      writeResultsJson(join(OUT_DIR, 'investigation-results.json'), results)
      writeInvestigationSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/investigation-results.json and its section of docs/benchmarks.md')
    }
    const runLogIntegrity = async (step: string) => {
      const runs = await measureLogIntegrities(server, settings, step)
      const results: LogIntegrityResults = {
        date: new Date().toISOString(),
        totalSeconds: (performance.now() - begun) / 1000,
        settings: {
          lines: settings.logIntegrityLines,
          pgliteLines: settings.logIntegrityPgliteLines,
          itemsPerApplication: settings.logIntegrityItems,
          profile: settings.logIntegrityProfile,
          skipPglite: settings.skipPglite,
          externalDatabase: settings.databaseUrl !== undefined,
          command: logIntegrityCommand(settings),
        },
        code: codeState(),
        machine: {
          ...machine(),
          pglite: pgliteVersion(runs.find((r) => r.database === 'pglite')?.version),
        },
        runs,
      }
      writeResultsJson(join(OUT_DIR, 'log-integrity-results.json'), results)
      writeLogIntegritySection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
      log('wrote bench/out/log-integrity-results.json and its section of docs/benchmarks.md')
    }
    if (logIntegrityOnly) {
      await runLogIntegrity('1/1')
      return
    }
    if (investigationOnly) {
      await runInvestigation('1/1')
      return
    }
    if (portalOnly) {
      await runPortal('1/1')
      return
    }
    if (assessOnly) {
      await runAssessment('1/1')
      return
    }
    if (reportOnly) {
      await runAnnualReport('1/1')
      return
    }
    if (logOnly) {
      await runDecisionLog('1/1')
      return
    }

    log(`1/10 writing ${count(settings.lines)} item lines to bench/out/licences.csv`)
    const progress = throttledLog()
    const csv = await timed(() =>
      writeLicenceCsv(join(OUT_DIR, 'licences.csv'), settings.lines, (lines) =>
        progress(`  ${count(lines)} / ${count(settings.lines)} lines written`),
      ),
    )
    const file = csv.value
    log(
      `  ${count(file.lines)} lines, ${count(file.applications)} applications, ${mib(file.bytes)} ` +
        `in ${csv.seconds.toFixed(1)} s`,
    )

    log('2/10 reading and validating the file without a database')
    const readAndValidate = await measureReadAndValidate(file)
    log(`  ${readAndValidate.seconds.toFixed(1)} s`)

    log('3/10 importing into PostgreSQL')
    const importUrl = await createFreshDatabase(server, IMPORT_DATABASE)
    const postgres = await measureImport(await openPostgres(importUrl), file, {
      postmasterPid: server.postmasterPid,
    })
    await dropDatabase(server, IMPORT_DATABASE)

    let pglite = null
    if (settings.skipPglite) log('   PGlite skipped (BENCH_SKIP_PGLITE=1)')
    else {
      log('3/10 importing into PGlite (bench/out/pglite)')
      const dir = join(OUT_DIR, 'pglite')
      rmSync(dir, { recursive: true, force: true })
      pglite = await measureImport(await openPGlite(dir), file, {
        postmasterPid: server.postmasterPid, // its background writes are not "other" load
      })
    }

    log('4/10 public register API on PostgreSQL')
    const registerUrl = await createFreshDatabase(server, REGISTER_DATABASE)
    const register = await measureRegister(registerUrl, {
      applications: settings.applications,
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      publicCacheSeconds: settings.publicCacheSeconds,
      postmasterPid: server.postmasterPid,
    })
    await dropDatabase(server, REGISTER_DATABASE)

    const { databaseUrl, ...shownSettings } = settings
    const results: BenchResults = {
      date: new Date().toISOString(),
      totalSeconds: (performance.now() - begun) / 1000,
      settings: { ...shownSettings, externalDatabase: databaseUrl !== undefined },
      code: codeState(),
      machine: { ...machine(), pglite: pgliteVersion(pglite?.version) },
      csv: { ...file, path: 'bench/out/licences.csv', writeSeconds: csv.seconds },
      readAndValidate,
      import: { postgres, pglite },
      register,
    }
    writeResultsJson(join(OUT_DIR, 'results.json'), results)
    writeBenchmarksDoc(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), results)
    log('wrote bench/out/results.json and docs/benchmarks.md')
    if (assessing) await runAssessment('5/10')
    if (!settings.skipLog) await runDecisionLog('6/10')
    if (!settings.skipReport) await runAnnualReport('7/10')
    if (!settings.skipPortal) await runPortal('8/10')
    if (!settings.skipInvestigation) await runInvestigation('9/10')
    if (!settings.skipLogIntegrity) await runLogIntegrity('10/10')
  } finally {
    server.stop()
  }
}

/** The assessment benchmark on PostgreSQL, then (unless BENCH_SKIP_PGLITE=1) on PGlite. */
async function measureAssessments(
  server: PostgresServer,
  settings: BenchSettings,
  step: string,
): Promise<AssessmentMeasurement[]> {
  const options = {
    applications: settings.assessApplications,
    pageSize: settings.assessPageSize,
    screenCache: settings.assessScreenCache,
    sanctionsDir: join(PROJECT_ROOT, '..', 'shared', 'data', 'sanctions'),
  }
  log(`${step} risk assessment of ${count(options.applications)} applications on PostgreSQL`)
  const url = await createFreshDatabase(server, ASSESSMENT_DATABASE)
  const runs = [
    await measureAssessment(await openPostgres(url, 6), {
      ...options,
      cpuSources: { postmasterPid: server.postmasterPid },
    }),
  ]
  await dropDatabase(server, ASSESSMENT_DATABASE)
  if (settings.skipPglite) log('   PGlite skipped (BENCH_SKIP_PGLITE=1)')
  else {
    log(`${step} risk assessment of ${count(options.applications)} applications on PGlite`)
    const dir = join(OUT_DIR, 'pglite-assessment')
    rmSync(dir, { recursive: true, force: true })
    runs.push(
      await measureAssessment(await openPGlite(dir), {
        ...options,
        cpuSources: { postmasterPid: server.postmasterPid },
      }),
    )
    rmSync(dir, { recursive: true, force: true })
  }
  return runs
}

/** The decision-log benchmark on PostgreSQL, then (unless BENCH_SKIP_PGLITE=1) on PGlite. */
async function measureLogs(
  server: PostgresServer,
  settings: BenchSettings,
  step: string,
): Promise<LogMeasurement[]> {
  const options = {
    single: settings.logSingle,
    batchSize: settings.logBatch,
    proofs: settings.logProofs,
    cpuSources: { postmasterPid: server.postmasterPid },
  }
  log(`${step} decision log of ${count(settings.logLeaves)} leaves on PostgreSQL`)
  const url = await createFreshDatabase(server, LOG_DATABASE)
  const runs = [
    await measureLog(await openPostgres(url, 2), { ...options, leaves: settings.logLeaves }),
  ]
  await dropDatabase(server, LOG_DATABASE)
  if (settings.skipPglite) log('   PGlite skipped (BENCH_SKIP_PGLITE=1)')
  else {
    log(`${step} decision log of ${count(settings.logPgliteLeaves)} leaves on PGlite`)
    const dir = join(OUT_DIR, 'pglite-log')
    rmSync(dir, { recursive: true, force: true })
    runs.push(
      await measureLog(await openPGlite(dir), { ...options, leaves: settings.logPgliteLeaves }),
    )
    rmSync(dir, { recursive: true, force: true })
  }
  return runs
}

/**
 * The log-integrity benchmark: its licence file, then imports with and without the decision log
 * and `log verify` on PostgreSQL, then (unless BENCH_SKIP_PGLITE=1) the same on PGlite with a
 * smaller file.
 */
async function measureLogIntegrities(
  server: PostgresServer,
  settings: BenchSettings,
  step: string,
): Promise<LogIntegrityMeasurement[]> {
  const itemsPerApplication = settings.logIntegrityItems
  const writeFile = async (name: string, lines: number) => {
    log(`${step} writing ${count(lines)} item lines to bench/out/${name}`)
    const progress = throttledLog()
    const written = await timed(() =>
      writeLicenceCsv(
        join(OUT_DIR, name),
        lines,
        (done) => progress(`  ${count(done)} / ${count(lines)} lines written`),
        itemsPerApplication === 0 ? {} : { itemsPerApplication },
      ),
    )
    const file = written.value
    log(
      `  ${count(file.lines)} lines, ${count(file.applications)} applications, ${mib(file.bytes)} ` +
        `in ${written.seconds.toFixed(1)} s`,
    )
    return { ...file, itemsPerApplication }
  }
  const options = {
    cpuSources: { postmasterPid: server.postmasterPid },
    profile: settings.logIntegrityProfile,
  }
  const databaseOf = (logging: boolean) =>
    logging ? INTEGRITY_LOGGED_DATABASE : INTEGRITY_UNLOGGED_DATABASE
  const postgres: Target = {
    label: 'postgres',
    create: async (logging) => openPostgres(await createFreshDatabase(server, databaseOf(logging))),
    reopen: () => openPostgres(server.urlFor(INTEGRITY_LOGGED_DATABASE)),
    openTimed: () => openTimedPostgres(server.urlFor(INTEGRITY_LOGGED_DATABASE)),
    discard: (logging) => dropDatabase(server, databaseOf(logging)),
  }
  const file = await writeFile('log-integrity-licences.csv', settings.logIntegrityLines)
  log(`${step} imports with and without the decision log, then log verify, on PostgreSQL`)
  const runs = [
    await measureLogIntegrity(postgres, file, {
      ...options,
      profileName: 'log-verify-register-postgres',
    }),
  ]
  if (settings.skipPglite) log('   PGlite skipped (BENCH_SKIP_PGLITE=1)')
  else {
    const pgliteFile =
      settings.logIntegrityPgliteLines === settings.logIntegrityLines
        ? file
        : await writeFile('log-integrity-licences-pglite.csv', settings.logIntegrityPgliteLines)
    const dirOf = (logging: boolean) =>
      join(OUT_DIR, logging ? 'pglite-integrity-logged' : 'pglite-integrity-unlogged')
    const pglite: Target = {
      label: 'pglite',
      create: (logging) => {
        rmSync(dirOf(logging), { recursive: true, force: true })
        return openPGlite(dirOf(logging))
      },
      reopen: () => openPGlite(dirOf(true)),
      discard: async (logging) => rmSync(dirOf(logging), { recursive: true, force: true }),
    }
    log(`${step} imports with and without the decision log, then log verify, on PGlite`)
    runs.push(
      await measureLogIntegrity(pglite, pgliteFile, {
        ...options,
        profileName: 'log-verify-register-pglite',
      }),
    )
  }
  return runs
}

/** The command that reruns the log-integrity benchmark with these settings. */
function logIntegrityCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=log-integrity',
    ...(settings.logIntegrityLines === 1_000_000
      ? []
      : [`BENCH_LOG_INTEGRITY_LINES=${settings.logIntegrityLines}`]),
    ...(settings.logIntegrityPgliteLines === Math.min(100_000, settings.logIntegrityLines)
      ? []
      : [`BENCH_LOG_INTEGRITY_PGLITE_LINES=${settings.logIntegrityPgliteLines}`]),
    ...(settings.logIntegrityItems === 1
      ? []
      : [`BENCH_LOG_INTEGRITY_ITEMS=${settings.logIntegrityItems}`]),
    ...(settings.logIntegrityProfile ? ['BENCH_LOG_INTEGRITY_PROFILE=1'] : []),
    ...(settings.skipPglite ? ['BENCH_SKIP_PGLITE=1'] : []),
    ...(settings.databaseUrl ? ['BENCH_DATABASE_URL=…'] : []),
  ]
  return `${env.join(' ')} npm run bench`
}

/** The investigation benchmark on PostgreSQL, then (unless BENCH_SKIP_PGLITE=1) on PGlite. */
async function measureInvestigations(
  server: PostgresServer,
  settings: BenchSettings,
  step: string,
): Promise<InvestigationMeasurement[]> {
  const options = {
    licences: settings.investigationLicences,
    pageSize: settings.investigationPageSize,
    sanctionsDir: join(PROJECT_ROOT, '..', 'shared', 'data', 'sanctions'),
    cpuSources: { postmasterPid: server.postmasterPid },
  }
  log(`${step} investigation over ${count(options.licences)} licences on PostgreSQL`)
  const url = await createFreshDatabase(server, INVESTIGATION_DATABASE)
  const runs = [await measureInvestigation(await openPostgres(url, 6), options)]
  await dropDatabase(server, INVESTIGATION_DATABASE)
  if (settings.skipPglite) log('   PGlite skipped (BENCH_SKIP_PGLITE=1)')
  else {
    log(`${step} investigation over ${count(options.licences)} licences on PGlite`)
    const dir = join(OUT_DIR, 'pglite-investigation')
    rmSync(dir, { recursive: true, force: true })
    runs.push(await measureInvestigation(await openPGlite(dir), options))
    rmSync(dir, { recursive: true, force: true })
  }
  return runs
}

/** The command that reruns the investigation benchmark with these settings. */
function investigationCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=investigation',
    ...(settings.investigationLicences === 100_000
      ? []
      : [`BENCH_INVESTIGATION_LICENCES=${settings.investigationLicences}`]),
    ...(settings.investigationPageSize === 1000
      ? []
      : [`BENCH_INVESTIGATION_PAGE=${settings.investigationPageSize}`]),
    ...(settings.skipPglite ? ['BENCH_SKIP_PGLITE=1'] : []),
    ...(settings.databaseUrl ? ['BENCH_DATABASE_URL=…'] : []),
  ]
  return `${env.join(' ')} npm run bench`
}

/** The command that reruns the portal benchmark with these settings. */
function portalCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=portal',
    ...(settings.portalApplications === 100_000
      ? []
      : [`BENCH_PORTAL_APPLICATIONS=${settings.portalApplications}`]),
    ...(settings.portalConnections === 10
      ? []
      : [`BENCH_PORTAL_CONNECTIONS=${settings.portalConnections}`]),
    ...(settings.durationSeconds === 15 ? [] : [`BENCH_DURATION=${settings.durationSeconds}`]),
  ]
  return `${env.join(' ')} npm run bench`
}

/** The command that reruns the decision-log benchmark with these settings. */
function logCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=decision-log',
    ...(settings.logLeaves === 1_000_000 ? [] : [`BENCH_LOG_LEAVES=${settings.logLeaves}`]),
    ...(settings.logPgliteLeaves === settings.logLeaves
      ? []
      : [`BENCH_LOG_PGLITE_LEAVES=${settings.logPgliteLeaves}`]),
    ...(settings.logSingle === 2000 ? [] : [`BENCH_LOG_SINGLE=${settings.logSingle}`]),
    ...(settings.logBatch === 1000 ? [] : [`BENCH_LOG_BATCH=${settings.logBatch}`]),
    ...(settings.logProofs === 1000 ? [] : [`BENCH_LOG_PROOFS=${settings.logProofs}`]),
    ...(settings.skipPglite ? ['BENCH_SKIP_PGLITE=1'] : []),
    ...(settings.databaseUrl ? ['BENCH_DATABASE_URL=…'] : []),
  ]
  return `${env.join(' ')} npm run bench`
}

/** The command that reruns the annual-report benchmark with these settings. */
function reportCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=annual-report',
    ...(settings.reportLicences === 1_000_000
      ? []
      : [`BENCH_REPORT_LICENCES=${settings.reportLicences}`]),
    ...(settings.reportYear === 2025 ? [] : [`BENCH_REPORT_YEAR=${settings.reportYear}`]),
    ...(settings.reportMemberState === 'DE'
      ? []
      : [`BENCH_REPORT_STATE=${settings.reportMemberState}`]),
    ...(settings.reportRuns === 3 ? [] : [`BENCH_REPORT_RUNS=${settings.reportRuns}`]),
    ...(settings.databaseUrl ? ['BENCH_DATABASE_URL=…'] : []),
  ]
  return `${env.join(' ')} npm run bench`
}

/** The command that reruns the assessment benchmark with these settings. */
function assessmentCommand(settings: BenchSettings): string {
  const env = [
    'BENCH_ONLY=assessment',
    ...(settings.assessApplications === 100_000
      ? []
      : [`BENCH_ASSESS_APPLICATIONS=${settings.assessApplications}`]),
    ...(settings.assessPageSize === 1000 ? [] : [`BENCH_ASSESS_PAGE=${settings.assessPageSize}`]),
    ...(settings.assessScreenCache ? [] : ['BENCH_ASSESS_SCREEN_CACHE=0']),
    ...(settings.skipPglite ? ['BENCH_SKIP_PGLITE=1'] : []),
    ...(settings.databaseUrl ? ['BENCH_DATABASE_URL=…'] : []),
  ]
  return `${env.join(' ')} npm run bench`
}

function pgliteVersion(serverVersion: string | undefined): string {
  const manifest = join(PROJECT_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
  return `@electric-sql/pglite ${version}${serverVersion ? ` (${serverVersion})` : ''}`
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
