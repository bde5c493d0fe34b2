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
  }
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text.replaceAll('_', ''))
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not "${text}"`)
  return value
}
