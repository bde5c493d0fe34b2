import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const OUT_DIR = join(PROJECT_ROOT, 'bench', 'out')

/** What one run measures; every knob comes from the environment (see docs/benchmarks.md). */
export type BenchSettings = {
  /** Item lines in the generated licence CSV. */
  lines: number
  /** Applications seeded for the register API benchmark. */
  applications: number
  skipPglite: boolean
  /** An existing server to use instead of starting a throwaway one. */
  databaseUrl: string | undefined
  connections: number
  durationSeconds: number
  warmupSeconds: number
  /** The app's public response cache (GLASSHOUSE_PUBLIC_CACHE_SECONDS); 0 measures the database. */
  publicCacheSeconds: number
  /** `assessment`, `decision-log`, `annual-report`, … runs that benchmark alone; undefined runs everything. */
  only:
    | 'assessment'
    | 'decision-log'
    | 'annual-report'
    | 'portal'
    | 'investigation'
    | 'log-integrity'
    | 'fuzz'
    | undefined
  /** Applications in the demo register the assessment benchmark re-assesses. */
  assessApplications: number
  /** Applications read per page by the assessment benchmark. */
  assessPageSize: number
  skipAssessment: boolean
  /** Screen each distinct party once per assessment pass (BENCH_ASSESS_SCREEN_CACHE=0: every party). */
  assessScreenCache: boolean
  /** Final size of the benchmark's decision log (batched leaves plus the single appends). */
  logLeaves: number
  /** Final size of the PGlite decision log (defaults to logLeaves). */
  logPgliteLeaves: number
  /** One-leaf appends, each its own transaction, measured on the filled log. */
  logSingle: number
  /** Leaves per transaction in the batched phase. */
  logBatch: number
  /** Random inclusion (and consistency) proofs at the final size. */
  logProofs: number
  skipLog: boolean
  /** Applications decided in the annual-report benchmark's year (each one a decision of it). */
  reportLicences: number
  /** The year they are decided in. */
  reportYear: number
  /** The member state whose report is timed besides the EU's. */
  reportMemberState: string
  /** Timed report builds per scope, after one warm-up; the median is the result. */
  reportRuns: number
  skipReport: boolean
  /** Applications in the portal benchmark's register (issue 8: 100,000). */
  portalApplications: number
  /** Concurrent connections in the portal benchmark. */
  portalConnections: number
  skipPortal: boolean
  /** Licences the investigation benchmark re-screens (issue 9: 100,000). */
  investigationLicences: number
  /** Licences per page (and per commit) of the investigation run. */
  investigationPageSize: number
  skipInvestigation: boolean
  /** Item lines of the log-integrity benchmark's file, imported with and without logging. */
  logIntegrityLines: number
  /** The same on PGlite (a smaller file; defaults to 100,000 or logIntegrityLines if smaller). */
  logIntegrityPgliteLines: number
  /** Item lines kept per application in that file (1: one application, one leaf, per line; 0: all). */
  logIntegrityItems: number
  /** Record a V8 CPU profile of one more, untimed, register verification. */
  logIntegrityProfile: boolean
  skipLogIntegrity: boolean
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    lines: positiveInteger(env, 'BENCH_LINES', 1_000_000),
    applications: positiveInteger(env, 'BENCH_APPLICATIONS', 1_000_000),
    skipPglite: env.BENCH_SKIP_PGLITE === '1',
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    connections: 100,
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', 15),
    warmupSeconds: 3,
    publicCacheSeconds: nonNegativeInteger(env, 'BENCH_PUBLIC_CACHE_SECONDS', 0),
    only: only(env),
    assessApplications: positiveInteger(env, 'BENCH_ASSESS_APPLICATIONS', 100_000),
    assessPageSize: positiveInteger(env, 'BENCH_ASSESS_PAGE', 1000),
    skipAssessment: env.BENCH_SKIP_ASSESSMENT === '1',
    assessScreenCache: env.BENCH_ASSESS_SCREEN_CACHE !== '0',
    logLeaves: positiveInteger(env, 'BENCH_LOG_LEAVES', 1_000_000),
    logPgliteLeaves: positiveInteger(
      env,
      'BENCH_LOG_PGLITE_LEAVES',
      positiveInteger(env, 'BENCH_LOG_LEAVES', 1_000_000),
    ),
    logSingle: positiveInteger(env, 'BENCH_LOG_SINGLE', 2000),
    logBatch: positiveInteger(env, 'BENCH_LOG_BATCH', 1000),
    logProofs: positiveInteger(env, 'BENCH_LOG_PROOFS', 1000),
    skipLog: env.BENCH_SKIP_LOG === '1',
    reportLicences: positiveInteger(env, 'BENCH_REPORT_LICENCES', 1_000_000),
    reportYear: integer(env, 'BENCH_REPORT_YEAR', 2025, 1990),
    reportMemberState: memberState(env),
    reportRuns: positiveInteger(env, 'BENCH_REPORT_RUNS', 3),
    skipReport: env.BENCH_SKIP_REPORT === '1',
    portalApplications: positiveInteger(env, 'BENCH_PORTAL_APPLICATIONS', 100_000),
    portalConnections: positiveInteger(env, 'BENCH_PORTAL_CONNECTIONS', 10),
    skipPortal: env.BENCH_SKIP_PORTAL === '1',
    investigationLicences: positiveInteger(env, 'BENCH_INVESTIGATION_LICENCES', 100_000),
    investigationPageSize: positiveInteger(env, 'BENCH_INVESTIGATION_PAGE', 1000),
    skipInvestigation: env.BENCH_SKIP_INVESTIGATION === '1',
    logIntegrityLines: positiveInteger(env, 'BENCH_LOG_INTEGRITY_LINES', 1_000_000),
    logIntegrityPgliteLines: positiveInteger(
      env,
      'BENCH_LOG_INTEGRITY_PGLITE_LINES',
      Math.min(100_000, positiveInteger(env, 'BENCH_LOG_INTEGRITY_LINES', 1_000_000)),
    ),
    logIntegrityItems: nonNegativeInteger(env, 'BENCH_LOG_INTEGRITY_ITEMS', 1),
    logIntegrityProfile: env.BENCH_LOG_INTEGRITY_PROFILE === '1',
    skipLogIntegrity: env.BENCH_SKIP_LOG_INTEGRITY === '1',
  }
}

function only(env: NodeJS.ProcessEnv): BenchSettings['only'] {
  const value = env.BENCH_ONLY
  if (value === undefined || value === '') return undefined
  if (
    value === 'assessment' ||
    value === 'decision-log' ||
    value === 'annual-report' ||
    value === 'portal' ||
    value === 'investigation' ||
    value === 'log-integrity' ||
    value === 'fuzz'
  )
    return value
  throw new Error(
    'BENCH_ONLY must be "assessment", "decision-log", "annual-report", "portal", "investigation" ' +
      'or "log-integrity" or "fuzz" (or unset for everything), ' +
      `not "${value}"`,
  )
}

function memberState(env: NodeJS.ProcessEnv): string {
  const value = (env.BENCH_REPORT_STATE || 'DE').toUpperCase()
  if (!/^[A-Z]{2}$/.test(value))
    throw new Error(`BENCH_REPORT_STATE must be a two-letter member-state code, not "${value}"`)
  return value
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integer(env, name, fallback, 1)
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return integer(env, name, fallback, 0)
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text.replaceAll('_', ''))
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`)
  return value
}
