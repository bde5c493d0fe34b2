import { sql } from 'kysely'
import { decisionLeaf } from '../src/capabilities/decision-log/decision-leaf.ts'
import {
  appendLeaves,
  consistencyProofFor,
  inclusionProofFor,
  latestCheckpoint,
  type NewLogLeaf,
} from '../src/capabilities/decision-log/log-store.ts'
import { signerFromKey } from '../src/capabilities/decision-log/signer.ts'
import {
  generateKeyPair,
  hashLeaf,
  verifyConsistency,
  verifyInclusion,
} from '../src/capabilities/decision-log/tlog/index.ts'
import { verifyLog } from '../src/capabilities/decision-log/verify-log.ts'
import type { OpenDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import { count, log, mib, sampleRss, throttledLog } from './progress.ts'

export type Latency = { p50: number; p90: number; p99: number; max: number; mean: number }

export type LogMeasurement = {
  database: 'postgres' | 'pglite'
  version: string
  /** The log's size at the end (batched leaves plus single appends). */
  finalSize: number
  leafBytes: { mean: number; min: number; max: number }
  /** Leaves per transaction in the batched phase. */
  batchSize: number
  batched: {
    leaves: number
    transactions: number
    seconds: number
    leavesPerSecond: number
    /** Leaves/s over the last 10 % of the phase (the log near its final size). */
    lastTenthLeavesPerSecond: number
    /** Per transaction of `batchSize` leaves, ms. */
    transactionMs: Latency
    /** Building the leaf JSON (decisionLeaf: canonical JSON, salts, commitments); not in the rate. */
    leafBuildSeconds: number
    cpu: CpuSplit
  }
  single: {
    appends: number
    /** The log size when the single appends began. */
    startSize: number
    seconds: number
    appendsPerSecond: number
    /** Per append (one leaf, one transaction, one signed checkpoint, one commit), ms. */
    latencyMs: Latency
  }
  inclusion: {
    proofs: number
    size: number
    /** inclusionProofFor: the proof nodes from the database (one query). */
    proofMs: Latency
    /** verifyInclusion (the browser-safe tlog verifier) against the checkpoint root. */
    verifyMs: Latency
    /** Both, per proof. */
    totalMs: Latency
    proofLength: number
  }
  consistency: {
    proofs: number
    size: number
    proofMs: Latency
    verifyMs: Latency
  }
  verifyLog: { seconds: number; ok: boolean; problem: string | null; checkpoints: number }
  databaseBytes: number | null
  peakRssBytes: number
}

export type LogBenchOptions = {
  /** Final log size: batched leaves up to `leaves − single`, then `single` one-leaf appends. */
  leaves: number
  single: number
  batchSize: number
  proofs: number
  cpuSources: CpuSources
}

const ORIGIN = 'bench.glasshouse.example/decision-log'
const AT = new Date('2026-11-28T12:00:00Z')
const ACTIONS = [
  ['approve', 'under_review', 'approved'],
  ['refuse', 'under_review', 'refused'],
  ['approve_with_conditions', 'under_review', 'approved'],
  ['revoke', 'approved', 'revoked'],
] as const
const DESTINATIONS = ['AE', 'SA', 'EG', 'IN', 'BR', 'MX', 'TR', 'SG', 'ID', 'PK', 'NG', 'KZ']
const ENTRIES = ['5A001.j', '5A004.b', '4A005', '4D004', '5D001.a', '5A001.f', '6A003']
const REASONS = ['end-user-verified', 'human-rights-risk', 'diversion-risk', 'catch-all', 'policy']

/** One decision leaf as the licensing service logs it (decisionLeaf), for decision `n`. */
export function benchLeaf(n: number): NewLogLeaf {
  const [action, fromState, toState] = ACTIONS[n % ACTIONS.length] as (typeof ACTIONS)[number]
  const reference = `GH-2026-${String(n).padStart(7, '0')}`
  const entries = [ENTRIES[n % ENTRIES.length], ENTRIES[(n * 7 + 3) % ENTRIES.length]]
  return decisionLeaf(
    {
      reference,
      action,
      fromState,
      toState,
      decidedOn: `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
      issuingState: 'NL',
      authorityId: 'nl-cdiu',
      destination: DESTINATIONS[n % DESTINATIONS.length] as string,
      controlEntries: [...new Set(entries as string[])].sort(),
      reasonCodes: [REASONS[n % REASONS.length] as string],
      licenceNumber: toState === 'refused' ? null : `NL-2026-${String(n).padStart(7, '0')}`,
      againstRecommendation: n % 17 === 0,
    },
    {
      actor: `officer-${n % 40}`,
      explanation: n % 3 === 0 ? null : `Assessed against policy ${n % 9}.`,
      justification: n % 17 === 0 ? 'Overridden after a referral.' : null,
    },
  ).leaf
}

/**
 * Fills an empty, migrated decision log with `leaves − single` decision leaves in transactions of
 * `batchSize`, then appends `single` more one per transaction (each signs its own checkpoint, as a
 * decision does), then measures inclusion and consistency proofs at the final size and verifies the
 * whole log.
 */
export async function measureLog(
  open: OpenDatabase,
  options: LogBenchOptions,
): Promise<LogMeasurement> {
  const { db } = open
  const label = open.kind
  const { skey, vkey } = generateKeyPair(ORIGIN)
  const { signer } = signerFromKey(skey)
  const rss = sampleRss()
  try {
    await migrateToLatest(db)
    const version = await sql<{ version: string }>`select version()`.execute(db)
    const single = Math.min(options.single, options.leaves)
    const batchedTarget = options.leaves - single
    let size = 0
    let leafBytesTotal = 0
    let leafBytesMin = Number.POSITIVE_INFINITY
    let leafBytesMax = 0
    const measureLeaves = (leaves: NewLogLeaf[]) => {
      for (const l of leaves) {
        const b = Buffer.byteLength(l.leaf as string)
        leafBytesTotal += b
        leafBytesMin = Math.min(leafBytesMin, b)
        leafBytesMax = Math.max(leafBytesMax, b)
      }
    }

    // (1) batched appends
    log(
      `  ${label}: appending ${count(batchedTarget)} leaves, ${count(options.batchSize)} per transaction`,
    )
    const progress = throttledLog()
    const transactionTimes: number[] = []
    let leafBuildMs = 0
    let appendMs = 0
    let lastTenthMs = 0
    let lastTenthLeaves = 0
    const cpu = measureCpu(options.cpuSources)
    while (size < batchedTarget) {
      const n = Math.min(options.batchSize, batchedTarget - size)
      const buildStart = performance.now()
      const leaves = Array.from({ length: n }, (_, i) => benchLeaf(size + i))
      leafBuildMs += performance.now() - buildStart
      measureLeaves(leaves)
      const start = performance.now()
      const result = await db
        .transaction()
        .execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT))
      const took = performance.now() - start
      appendMs += took
      transactionTimes.push(took)
      if (size >= batchedTarget * 0.9) {
        lastTenthMs += took
        lastTenthLeaves += n
      }
      size = result.size
      progress(
        `  ${label}: ${count(size)} / ${count(batchedTarget)} leaves ` +
          `(${count(Math.round(size / (appendMs / 1000)))}/s appending, RSS ${mib(process.memoryUsage().rss)})`,
      )
    }
    const cpuSplit = cpu.stop()
    const batchedSeconds = appendMs / 1000
    log(
      `  ${label}: ${count(size)} leaves in ${batchedSeconds.toFixed(1)} s of transactions ` +
        `(${count(Math.round(size / Math.max(batchedSeconds, 1e-9)))} leaves/s; building the leaf ` +
        `JSON took another ${(leafBuildMs / 1000).toFixed(1)} s)`,
    )

    // (2) single appends on the filled log
    log(`  ${label}: ${count(single)} single appends (one leaf per transaction) at ${count(size)}`)
    const startSize = size
    const singleTimes: number[] = []
    const singleProgress = throttledLog()
    for (let i = 0; i < single; i++) {
      const leaves = [benchLeaf(size)]
      measureLeaves(leaves)
      const start = performance.now()
      const result = await db
        .transaction()
        .execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT))
      singleTimes.push(performance.now() - start)
      size = result.size
      singleProgress(`  ${label}: ${count(i + 1)} / ${count(single)} single appends`)
    }
    const singleSeconds = singleTimes.reduce((a, b) => a + b, 0) / 1000
    log(
      `  ${label}: ${count(single)} single appends in ${singleSeconds.toFixed(1)} s ` +
        `(${count(Math.round(single / Math.max(singleSeconds, 1e-9)))}/s)`,
    )

    if (open.kind === 'postgres') await sql`vacuum (analyze) log_nodes, log_leaves`.execute(db)
    else await sql`analyze`.execute(db)

    // (3) inclusion proofs at the final size, against the latest signed checkpoint
    const checkpoint = await latestCheckpoint(db)
    if (checkpoint === undefined || checkpoint.size !== size)
      throw new Error(`${label}: no checkpoint for size ${size}`)
    log(`  ${label}: ${count(options.proofs)} inclusion proofs at size ${count(size)}`)
    const proofTimes: number[] = []
    const verifyTimes: number[] = []
    let proofLength = 0
    for (let i = 0; i < options.proofs; i++) {
      const index = Math.floor(Math.random() * size)
      const leafHash = hashLeaf(encoder.encode(await leafText(open, index)))
      const start = performance.now()
      const proof = await inclusionProofFor(db, index, size)
      const proved = performance.now()
      const verdict = await verifyInclusion(leafHash, index, size, proof, checkpoint.rootHash)
      const verified = performance.now()
      if (!verdict.ok) throw new Error(`${label}: inclusion of ${index}: ${verdict.reason}`)
      proofTimes.push(proved - start)
      verifyTimes.push(verified - proved)
      proofLength = Math.max(proofLength, proof.length)
    }
    const totalTimes = proofTimes.map((p, i) => p + (verifyTimes[i] ?? 0))

    log(`  ${label}: ${count(options.proofs)} consistency proofs to size ${count(size)}`)
    const roots = await sql<{ size: number; root_hash: Uint8Array }>`
      select size, root_hash from log_checkpoints where size > 0 and size < ${size}
      order by random() limit ${options.proofs}`.execute(db)
    const consistencyTimes: number[] = []
    const consistencyVerifyTimes: number[] = []
    for (const row of roots.rows) {
      const m = Number(row.size)
      const start = performance.now()
      const proof = await consistencyProofFor(db, m, size)
      const proved = performance.now()
      const verdict = await verifyConsistency(
        m,
        size,
        proof,
        new Uint8Array(row.root_hash),
        checkpoint.rootHash,
      )
      const verified = performance.now()
      if (!verdict.ok) throw new Error(`${label}: consistency ${m} → ${size}: ${verdict.reason}`)
      consistencyTimes.push(proved - start)
      consistencyVerifyTimes.push(verified - proved)
    }

    // (4) verifying the whole log
    const checkpoints = await sql<{ n: number }>`
      select count(*)::bigint as n from log_checkpoints`.execute(db)
    log(
      `  ${label}: verifyLog over ${count(size)} leaves and ${count(Number(checkpoints.rows[0]?.n ?? 0))} checkpoints`,
    )
    const verifyStart = performance.now()
    const verification = await verifyLog(db, [vkey], { origin: ORIGIN })
    const verifySeconds = (performance.now() - verifyStart) / 1000
    log(
      `  ${label}: verifyLog ${verification.ok ? 'ok' : `FAILED: ${verification.problem}`} ` +
        `in ${verifySeconds.toFixed(1)} s`,
    )

    const databaseBytes =
      open.kind === 'postgres'
        ? Number(
            (
              await sql<{ bytes: number }>`
                select pg_database_size(current_database())::bigint as bytes`.execute(db)
            ).rows[0]?.bytes ?? 0,
          )
        : null

    return {
      database: open.kind,
      version: version.rows[0]?.version ?? 'unknown',
      finalSize: size,
      leafBytes: {
        mean: leafBytesTotal / Math.max(1, size),
        min: size > 0 ? leafBytesMin : 0,
        max: leafBytesMax,
      },
      batchSize: options.batchSize,
      batched: {
        leaves: startSize,
        transactions: transactionTimes.length,
        seconds: batchedSeconds,
        leavesPerSecond: startSize / Math.max(batchedSeconds, 1e-9),
        lastTenthLeavesPerSecond: lastTenthLeaves / Math.max(lastTenthMs / 1000, 1e-9),
        transactionMs: latency(transactionTimes),
        leafBuildSeconds: leafBuildMs / 1000,
        cpu: cpuSplit,
      },
      single: {
        appends: single,
        startSize,
        seconds: singleSeconds,
        appendsPerSecond: single / Math.max(singleSeconds, 1e-9),
        latencyMs: latency(singleTimes),
      },
      inclusion: {
        proofs: proofTimes.length,
        size,
        proofMs: latency(proofTimes),
        verifyMs: latency(verifyTimes),
        totalMs: latency(totalTimes),
        proofLength,
      },
      consistency: {
        proofs: consistencyTimes.length,
        size,
        proofMs: latency(consistencyTimes),
        verifyMs: latency(consistencyVerifyTimes),
      },
      verifyLog: {
        seconds: verifySeconds,
        ok: verification.ok,
        problem: verification.ok ? null : verification.problem,
        checkpoints: Number(checkpoints.rows[0]?.n ?? 0),
      },
      databaseBytes,
      peakRssBytes: rss.stop(),
    }
  } finally {
    rss.stop()
    await open.close()
  }
}

/** The stored leaf text of `index` (what a verifier holds: the published leaf). */
async function leafText(open: OpenDatabase, index: number): Promise<string> {
  const row = await open.db
    .selectFrom('log_leaves')
    .select('leaf')
    .where('index', '=', index)
    .executeTakeFirstOrThrow()
  return row.leaf
}

const encoder = new TextEncoder()

export function latency(values: readonly number[]): Latency {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 }
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  }
}
