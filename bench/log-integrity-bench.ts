// What logging every decision costs an import, and what checking the register against the log
// costs (`glasshouse log verify`): the same licence file imported with a real decision log and
// with a log that writes nothing, in alternating order, then verifyLogAndRegister over the
// logged database, timed as a whole and part by part.
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely'
import { verifyCosignatures } from '../src/capabilities/decision-log/cosignatures.ts'
import type { DecisionLog } from '../src/capabilities/decision-log/decision-log.ts'
import type { AppendResult } from '../src/capabilities/decision-log/log-store.ts'
import { verifyLog } from '../src/capabilities/decision-log/verify-log.ts'
import { verifyRecords } from '../src/capabilities/decision-log/verify-records.ts'
import { defaultValidUntil } from '../src/capabilities/licensing/application.ts'
import {
  appendDecisions,
  type DecisionToLog,
} from '../src/capabilities/licensing/decision-logging.ts'
import { generateDemoRecords } from '../src/capabilities/licensing/demo/generate-demo.ts'
import { fileSha256 } from '../src/capabilities/licensing/interchange/file-sha256.ts'
import { LICENSED_STATES } from '../src/capabilities/licensing/lifecycle.ts'
import type { RecordToWrite } from '../src/capabilities/licensing/register-writer.ts'
import { verifyRegisterAgainstLog } from '../src/capabilities/licensing/verify-register.ts'
import { verifyLogAndRegister } from '../src/cli/verify-log-and-register.ts'
import { type Db, type OpenDatabase, postgresPool } from '../src/platform/db/database.ts'
import type { Database } from '../src/platform/db/schema.ts'
import { BENCH_LOG_ORIGIN, benchDecisionLog } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { type ImportMeasurement, timeImport } from './import-bench.ts'
import type { LicenceFile } from './licence-file.ts'
import { count, log } from './progress.ts'
import { OUT_DIR } from './settings.ts'

/** The runs, in this order: noise (another job, autovacuum, a cold cache) hits both kinds. */
export const RUN_ORDER = [false, true, true, false] as const

export type ImportRun = ImportMeasurement & {
  /** 1-based position in the run order. */
  run: number
  logging: boolean
  /** Decision leaves appended (for the unlogged baseline: the leaves it was handed). */
  leaves: number
  leavesPerSecond: number
  /** log_checkpoints rows after the import (one per batch of 500 applications; 0 unlogged). */
  checkpoints: number
  databaseBytes: number | null
}

export type Phase = { seconds: number; cpu: CpuSplit }

export type QueryTime = { query: string; calls: number; ms: number; maxMs: number }

export type VerifyMeasurement = {
  /** VACUUM (ANALYZE) before verifying, as autovacuum would have left a register in service. */
  vacuumSeconds: number
  leaves: number
  nodes: number
  checkpoints: number
  applications: number
  decisions: number
  licences: number
  notices: number
  ok: boolean
  problems: { kind: string; message: string }[]
  /** verifyLogAndRegister, the whole `glasshouse log verify`. */
  total: Phase
  /** verifyLog alone: every leaf rehashed, every node and checkpoint (signature, consistency). */
  tree: Phase
  /** verifyRegisterAgainstLog alone: decisions, states, licences and notices against the leaves. */
  register: Phase
  /** verifyRecords (policies, reports) and verifyCosignatures. */
  rest: Phase
  /** Statements of the register phase by kind, wall time as awaited (PostgreSQL only). */
  registerQueries: QueryTime[] | null
  /** The untimed, profiled register pass (BENCH_LOG_INTEGRITY_PROFILE=1). */
  profile: { path: string; top: { fn: string; selfMs: number }[] } | null
}

export type LogIntegrityMeasurement = {
  database: 'postgres' | 'pglite'
  version: string
  file: LicenceFile & { itemsPerApplication: number; sha256Seconds: number }
  runs: ImportRun[]
  logged: { seconds: number; linesPerSecond: number; leavesPerSecond: number }
  unlogged: { seconds: number; linesPerSecond: number }
  /** (mean logged − mean unlogged) / mean unlogged. */
  costShare: number
  /** The same for each adjacent pair in the run order (B A, A B). */
  pairCostShares: number[]
  /** Building the leaves' JSON and salts (in both kinds of run), per leaf, measured apart. */
  leafBuild: { leaves: number; seconds: number; microsPerLeaf: number }
  verify: VerifyMeasurement
}

/**
 * The "without logging" baseline: a DecisionLog whose append writes nothing and hands back
 * consecutive indexes. The importer still builds every leaf (canonical JSON, salts, commitments)
 * and stores the salts and indexes on the decision rows; no leaf, node or checkpoint is written
 * and no Merkle hash or signature is computed.
 */
export function unloggedDecisionLog(): DecisionLog & { appended(): number } {
  let size = 0
  return {
    origin: BENCH_LOG_ORIGIN,
    witnesses: [],
    vkey: 'none',
    appended: () => size,
    async append(_trx, leaves): Promise<AppendResult> {
      const firstIndex = size
      size += leaves.length
      return {
        firstIndex,
        size,
        leafHashes: [],
        checkpoint: { size, rootHash: new Uint8Array(32), note: '', signedAt: new Date() },
      }
    },
  }
}

export type Target = {
  label: 'postgres' | 'pglite'
  /** A fresh, empty database for one run, in the logged or the unlogged slot. */
  create(logging: boolean): Promise<OpenDatabase>
  /** The logged slot's database again, as the last logged run left it. */
  reopen(): Promise<OpenDatabase>
  /** Drops what the run left (the database or directory). */
  discard(logging: boolean): Promise<void>
  /** PostgreSQL only: a database handle on the logged slot that times each statement. */
  openTimed?: () => Promise<TimedDb>
}

export async function measureLogIntegrity(
  target: Target,
  file: LicenceFile & { itemsPerApplication: number },
  options: { cpuSources: CpuSources; profile: boolean; profileName: string },
): Promise<LogIntegrityMeasurement> {
  const label = target.label
  const hashStart = performance.now()
  const sha256 = await fileSha256(file.path)
  const sha256Seconds = (performance.now() - hashStart) / 1000
  log(
    `  ${label}: SHA-256 of the file in ${sha256Seconds.toFixed(1)} s (outside the timed imports)`,
  )

  const runs: ImportRun[] = []
  let kept: { open: OpenDatabase; log: DecisionLog } | undefined
  let version = 'unknown'
  try {
    for (const [i, logging] of RUN_ORDER.entries()) {
      const what = logging ? 'with the decision log' : 'without logging (baseline)'
      log(`  ${label}: run ${i + 1}/${RUN_ORDER.length}, ${count(file.lines)} lines ${what}`)
      if (logging && kept) {
        await kept.open.close()
        kept = undefined
      }
      const open = await target.create(logging)
      const decisionLog = logging ? benchDecisionLog() : unloggedDecisionLog()
      let keep = false
      try {
        const measured = await timeImport(open, file, {
          cpuSources: options.cpuSources,
          log: decisionLog,
          sourceSha256: sha256,
        })
        version = measured.version
        const logRows = await sql<{ size: number; checkpoints: number }>`
          select (select size from log_state where id = 1)::bigint as size,
                 (select count(*) from log_checkpoints)::bigint as checkpoints`.execute(open.db)
        const leaves = logging
          ? Number(logRows.rows[0]?.size ?? 0)
          : (decisionLog as ReturnType<typeof unloggedDecisionLog>).appended()
        const run: ImportRun = {
          ...measured,
          run: i + 1,
          logging,
          leaves,
          leavesPerSecond: leaves / measured.seconds,
          checkpoints: Number(logRows.rows[0]?.checkpoints ?? 0),
          databaseBytes: await databaseBytes(open),
        }
        runs.push(run)
        log(
          `  ${label}: ${count(Math.round(run.linesPerSecond))} lines/s, ` +
            `${count(Math.round(run.leavesPerSecond))} leaves/s, ${count(leaves)} leaves, ` +
            `${count(run.checkpoints)} checkpoints`,
        )
        if (logging) {
          kept = { open, log: decisionLog }
          keep = true
        }
      } finally {
        if (!keep) {
          await open.close()
          await target.discard(logging)
        }
      }
    }
    if (!kept) throw new Error('no logged run to verify')
    const vkey = kept.log.vkey
    await kept.open.close()
    kept = undefined

    const logged = runs.filter((r) => r.logging)
    const unlogged = runs.filter((r) => !r.logging)
    const mean = (rs: ImportRun[], f: (r: ImportRun) => number) =>
      rs.reduce((a, r) => a + f(r), 0) / rs.length
    const loggedSeconds = mean(logged, (r) => r.seconds)
    const unloggedSeconds = mean(unlogged, (r) => r.seconds)
    const pairCostShares: number[] = []
    for (let i = 0; i + 1 < runs.length; i += 2) {
      const [a, b] = [runs[i], runs[i + 1]] as [ImportRun, ImportRun]
      const [on, off] = a.logging ? [a, b] : [b, a]
      if (on.logging !== off.logging) pairCostShares.push(on.seconds / off.seconds - 1)
    }

    const leafBuild = await measureLeafBuild(Math.min(100_000, file.applications), sha256)
    log(
      `  ${label}: building ${count(leafBuild.leaves)} decision leaves (JSON, salts, commitments) ` +
        `takes ${leafBuild.microsPerLeaf.toFixed(1)} µs per leaf`,
    )

    const verify = await measureVerify(target, vkey, options)
    return {
      database: label,
      version,
      file: { ...file, sha256Seconds },
      runs,
      logged: {
        seconds: loggedSeconds,
        linesPerSecond: mean(logged, (r) => r.linesPerSecond),
        leavesPerSecond: mean(logged, (r) => r.leavesPerSecond),
      },
      unlogged: {
        seconds: unloggedSeconds,
        linesPerSecond: mean(unlogged, (r) => r.linesPerSecond),
      },
      costShare: loggedSeconds / unloggedSeconds - 1,
      pairCostShares,
      leafBuild,
      verify,
    }
  } finally {
    if (kept) await kept.open.close()
    await target.discard(true)
  }
}

/** Verifies the logged slot's database against `key`, the verifier key of its log. */
async function measureVerify(
  target: Target,
  key: string,
  options: { cpuSources: CpuSources; profile: boolean; profileName: string },
): Promise<VerifyMeasurement> {
  const label = target.label
  const timed = target.openTimed ? await target.openTimed() : undefined
  const open = timed ? undefined : await target.reopen()
  const db = timed?.db ?? (open as OpenDatabase).db
  try {
    log(`  ${label}: VACUUM (ANALYZE), as autovacuum would have left the register`)
    const vacuumStart = performance.now()
    await sql`vacuum (analyze)`.execute(db)
    const vacuumSeconds = (performance.now() - vacuumStart) / 1000
    const sizes = await sql<{ nodes: number; leaves: number }>`
      select (select count(*) from log_nodes)::bigint as nodes,
             (select count(*) from log_leaves)::bigint as leaves`.execute(db)
    log(
      `  ${label}: verifying ${count(Number(sizes.rows[0]?.leaves ?? 0))} leaves ` +
        `(vacuum took ${vacuumSeconds.toFixed(1)} s)`,
    )
    const phase = async <T>(name: string, work: () => Promise<T>) => {
      const cpu = measureCpu(options.cpuSources)
      const start = performance.now()
      const value = await work()
      const result = { seconds: (performance.now() - start) / 1000, cpu: cpu.stop() }
      log(`  ${label}: ${name} in ${result.seconds.toFixed(1)} s`)
      return { value, phase: result }
    }
    const total = await phase('verifyLogAndRegister', () =>
      verifyLogAndRegister(db, { vkeys: [key], origin: BENCH_LOG_ORIGIN }),
    )
    const v = total.value
    if (!v.ok)
      log(`  ${label}: verification FAILED: ${v.problems.map((p) => p.message).join('; ')}`)
    const tree = await phase('verifyLog (tree)', () =>
      verifyLog(db, [key], { origin: BENCH_LOG_ORIGIN }),
    )
    timed?.record(true)
    const register = await phase('verifyRegisterAgainstLog (register)', () =>
      verifyRegisterAgainstLog(db),
    )
    const registerQueries = timed ? timed.record(false) : null
    const rest = await phase('verifyRecords + verifyCosignatures', async () => {
      await verifyRecords(db)
      await verifyCosignatures(db, { logVkey: key, witnessKeys: [] })
    })
    let profile: VerifyMeasurement['profile'] = null
    if (options.profile) {
      log(`  ${label}: profiling one more (untimed) register verification`)
      profile = await profileOf(options.profileName, () => verifyRegisterAgainstLog(db))
      for (const f of profile.top.slice(0, 12))
        log(`    ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.fn}`)
    }
    return {
      vacuumSeconds,
      leaves: v.leaves || (tree.value.ok ? tree.value.size : 0),
      nodes: Number(sizes.rows[0]?.nodes ?? 0),
      checkpoints: v.checkpoints,
      applications: v.applications,
      decisions: v.decisions,
      licences: v.licences,
      notices: v.notices,
      ok: v.ok && tree.value.ok && register.value.problems.length === 0,
      problems: v.problems,
      total: total.phase,
      tree: tree.phase,
      register: register.phase,
      rest: rest.phase,
      registerQueries,
      profile,
    }
  } finally {
    await (timed ?? (open as OpenDatabase)).close()
  }
}

async function databaseBytes(open: OpenDatabase): Promise<number | null> {
  if (open.kind !== 'postgres') return null
  const row = await sql<{ bytes: number }>`
    select pg_database_size(current_database())::bigint as bytes`.execute(open.db)
  return Number(row.rows[0]?.bytes ?? 0)
}

/**
 * Times `appendDecisions` on the unlogged baseline for `leaves` import decisions made from demo
 * records as the importer makes them: the leaf JSON, salts and commitments every run builds.
 */
async function measureLeafBuild(
  leaves: number,
  sha256: string,
): Promise<LogIntegrityMeasurement['leafBuild']> {
  const decisions: DecisionToLog[] = []
  for (const record of generateDemoRecords({ applications: leaves, referencePrefix: 'LEAF' }))
    decisions.push(importDecision(record, sha256))
  const baseline = unloggedDecisionLog()
  const trx = undefined as never
  const start = performance.now()
  for (let i = 0; i < decisions.length; i += 500)
    await appendDecisions(trx, baseline, decisions.slice(i, i + 500))
  const seconds = (performance.now() - start) / 1000
  return { leaves: decisions.length, seconds, microsPerLeaf: (seconds * 1e6) / decisions.length }
}

/** The decision the importer logs for a record read from a file (writeRecords' 'import'). */
function importDecision(record: RecordToWrite, sha256: string): DecisionToLog {
  const decidedOn = record.decidedOn ?? record.submittedOn ?? '1970-01-01'
  const licensed = LICENSED_STATES.includes(record.state)
  return {
    reference: record.reference,
    authorityId: record.authorityId,
    issuingState: record.issuingState,
    destination: record.destination,
    controlEntries: record.items.map((item) => item.controlEntry),
    action: 'import',
    fromState: null,
    toState: record.state,
    decidedOn,
    reasons: record.decisionReasons,
    againstRecommendation: false,
    licence: licensed
      ? { number: record.reference, validFrom: decidedOn, validUntil: defaultValidUntil(decidedOn) }
      : null,
    issuesLicence: licensed,
    origin: 'import',
    sourceSha256: sha256,
    actor: 'bench',
    confirmedBy: null,
    explanation: record.decisionExplanation,
    justification: null,
  }
}

export type TimedDb = {
  db: Db
  /** Starts recording statements (true), or stops and returns them grouped by kind (false). */
  record(on: boolean): QueryTime[]
  close(): Promise<void>
}

/** openPostgres's pool and type parsers, with Kysely's query log timing each statement. */
export async function openTimedPostgres(url: string, max = 10): Promise<TimedDb> {
  let recording: Map<string, QueryTime> | undefined
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: postgresPool(url, max) }),
    log: (event: LogEvent) => {
      if (!recording || event.level !== 'query') return
      const query = event.query.sql.replace(/\s+/g, ' ').trim().slice(0, 90)
      const entry = recording.get(query) ?? { query, calls: 0, ms: 0, maxMs: 0 }
      entry.calls += 1
      entry.ms += event.queryDurationMillis
      entry.maxMs = Math.max(entry.maxMs, event.queryDurationMillis)
      recording.set(query, entry)
    },
  })
  await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute()
  return {
    db,
    record(on) {
      const done = recording
      recording = on ? new Map() : undefined
      return done ? [...done.values()].sort((a, b) => b.ms - a.ms) : []
    },
    close: () => db.destroy(),
  }
}

/** Runs `work` under the V8 sampling profiler; writes the .cpuprofile and sums self time. */
async function profileOf(
  name: string,
  work: () => Promise<unknown>,
): Promise<{ path: string; top: { fn: string; selfMs: number }[] }> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 500 })
    await session.post('Profiler.start')
    await work()
    const { profile } = await session.post('Profiler.stop')
    const dir = join(OUT_DIR, 'profiles')
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `${name}.cpuprofile`)
    writeFileSync(path, JSON.stringify(profile))
    return { path, top: selfTimes(profile) }
  } finally {
    session.disconnect()
  }
}

type Profile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[] | undefined
  timeDeltas?: number[] | undefined
}

function selfTimes(profile: Profile): { fn: string; selfMs: number }[] {
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const totals = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  // The first sample's delta runs from the profiler's start, not from a previous sample: skipped.
  for (let i = 1; i < samples.length; i++) {
    const frame = frameOf.get(samples[i] as number)
    if (!frame) continue
    // No line numbers: tsx's transpiled lines are not the source's.
    const file = frame.url.replace(/^.*\/(src|node_modules)\//, '$1/')
    const fn = `${frame.functionName || '(anonymous)'} ${file}`
    totals.set(fn, (totals.get(fn) ?? 0) + (deltas[i] ?? 0) / 1000)
  }
  return [...totals]
    .map(([fn, selfMs]) => ({ fn: fn.trim(), selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, 25)
}
