import type { CodeVersion } from './code-version.ts'
import { keptAnalysis, machineRows, SECTIONS, writeMarkedSection } from './doc-sections.ts'
import type { Latency, LogMeasurement } from './log-bench.ts'
import type { Machine } from './report.ts'

export type LogResults = {
  date: string
  totalSeconds: number
  settings: {
    leaves: number
    pgliteLeaves: number
    single: number
    batch: number
    proofs: number
    skipPglite: boolean
    externalDatabase: boolean
    command: string
  }
  code: CodeVersion & { changedDuringRun: boolean }
  machine: Machine
  runs: LogMeasurement[]
}

/** ARCHITECTURE §7: ≥ 5,000 appends/s batched; inclusion proof ≤ 2 ms at 1M leaves. */
export const LOG_TARGET = { appendsPerSecond: 5000, inclusionMs: 2, leaves: 1_000_000 }

const ANALYSIS_START = '<!-- decision-log-analysis: kept when the bench rewrites this section -->'
const ANALYSIS_END = '<!-- /decision-log-analysis -->'

/**
 * Writes the decision-log section of docs/benchmarks.md, between its markers (after the
 * assessment section, before the matching one when it is new), and leaves the rest of the file as
 * it is; its hand-written analysis survives a rerun.
 */
export function writeLogSection(path: string, results: LogResults): void {
  writeMarkedSection(
    path,
    SECTIONS.decisionLog,
    (old) => renderSection(results, keptAnalysis(old, ANALYSIS_START, ANALYSIS_END)),
    { after: [SECTIONS.assessment], before: SECTIONS.matching },
  )
}

function renderSection(r: LogResults, analysis: string): string {
  const m = r.machine
  const runs = r.runs
  const head = (label: string) => `| ${label} | ${runs.map((x) => name(x)).join(' | ')} |`
  const rule = `| --- | ${runs.map(() => '---:').join(' | ')} |`
  const row = (label: string, value: (x: LogMeasurement) => string) =>
    `| ${label} | ${runs.map(value).join(' | ')} |`
  const atTargetSize = (x: LogMeasurement) => x.finalSize >= LOG_TARGET.leaves
  const appendVerdict = (x: LogMeasurement) => {
    const rate = x.batched.leavesPerSecond
    const verdict = rate >= LOG_TARGET.appendsPerSecond ? '**met**' : '**missed**'
    return `${verdict} (${n(Math.round(rate))}/s)${atTargetSize(x) ? '' : ` at ${n(x.finalSize)} leaves`}`
  }
  const inclusionVerdict = (x: LogMeasurement) => {
    const { p50, p99 } = x.inclusion.totalMs
    const both = `p50 ${ms(p50)} ms, p99 ${ms(p99)} ms`
    if (!atTargetSize(x)) return `n/a (${n(x.finalSize)} leaves; ${both})`
    return p99 <= LOG_TARGET.inclusionMs
      ? `**met** (${both})`
      : `**missed** at p99 (${both}${p50 <= LOG_TARGET.inclusionMs ? '; p50 within it' : ''})`
  }
  const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p90)} / ${ms(l.p99)} / ${ms(l.max)} ms`
  const sizes = [...new Set(runs.map((x) => x.finalSize))]
  return `## Decision log: ${sizes.map(n).join(' / ')} leaves

The targets (ARCHITECTURE §7, issue 5): **≥ ${n(LOG_TARGET.appendsPerSecond)} appends/s batched; inclusion proof
≤ ${LOG_TARGET.inclusionMs} ms at ${n(LOG_TARGET.leaves)} leaves**. Written by \`bench/log-bench.ts\` (raw numbers in
\`bench/out/decision-log-results.json\`); run it alone with

\`\`\`sh
${r.settings.command}
\`\`\`

Knobs: \`BENCH_LOG_LEAVES\` (final log size, default 1000000), \`BENCH_LOG_PGLITE_LEAVES\` (the
PGlite log's size, default the same), \`BENCH_LOG_SINGLE\` (one-leaf appends, default 2000),
\`BENCH_LOG_BATCH\` (leaves per batched transaction, default 1000), \`BENCH_LOG_PROOFS\` (random
proofs, default 1000), \`BENCH_SKIP_LOG=1\` (leave it out of a full \`npm run bench\`),
\`BENCH_SKIP_PGLITE=1\`.

Each database starts with an empty, migrated log. The leaves are real decision leaves: the
\`decisionLeaf\` of \`src/capabilities/decision-log/decision-leaf.ts\` (RFC 8785 JSON of the public
fields plus three salted commitments), mean ${runs.map((x) => `${n(Math.round(x.leafBytes.mean))} bytes`).join(' / ')}
(${n(runs[0]?.leafBytes.min ?? 0)}–${n(runs[0]?.leafBytes.max ?? 0)}). In order:

1. **Batched appends**: \`appendLeaves\` with ${n(r.settings.batch)} leaves per transaction (one
   signed checkpoint each) until the log holds its final size less the single appends. The rate
   counts the transactions only; building the leaf JSON (salts, commitments) is reported apart.
2. **Single appends**: ${n(r.settings.single)} transactions of one leaf each — lock \`log_state\`, read the
   right edge, insert the leaf and its ≈ log₂ n new nodes, sign and store a checkpoint, commit —
   on the filled log, as a decision is logged in service.
3. **Proofs at the final size**: ${n(r.settings.proofs)} inclusion proofs of random leaves
   (\`inclusionProofFor\`, one query, then \`verifyInclusion\` of the browser-safe tlog verifier
   against the latest checkpoint's root, timed apart), and consistency proofs from up to
   ${n(r.settings.proofs)} random earlier checkpoints to the final one (\`consistencyProofFor\` +
   \`verifyConsistency\`).
4. **\`verifyLog\`** over the whole log: every leaf rehashed, every node and every checkpoint (root,
   signature, consistency with the previous one) checked.

PostgreSQL runs with fsync on (every commit durable); the pool has 2 connections but the appends are
sequential (\`appendLeaves\` locks \`log_state\`, so appends serialise anyway).

| | |
| --- | --- |
${machineRows(r.date, m, r.settings.externalDatabase)}
| PGlite | ${runs.some((x) => x.database === 'pglite') ? m.pglite : 'skipped (BENCH_SKIP_PGLITE=1)'} |
| Load before the run | ${pct(m.backgroundLoadBeforeRun)} of all cores in use just before, load average ${m.loadAverageBeforeRun.toFixed(2)}; other processes used ${runs.map((x) => `${pct(x.batched.cpu.otherProcessesSeconds / (x.batched.cpu.wallSeconds * x.batched.cpu.cores))} (${name(x)})`).join(', ')} of the machine during the batched appends |
| Code | commit ${r.code.commit}${r.code.uncommittedChanges ? ' plus uncommitted changes in src/' : ''} (src/ hash ${r.code.sourceHash})${r.code.changedDuringRun ? ' — **src/ changed during the run**' : ''} |
| Whole run | ${minutes(r.totalSeconds)} |

${head('Against ARCHITECTURE §7')}
${rule}
${row(`Target: ≥ ${n(LOG_TARGET.appendsPerSecond)} appends/s batched`, appendVerdict)}
${row(`Target: inclusion proof ≤ ${LOG_TARGET.inclusionMs} ms at ${n(LOG_TARGET.leaves)} leaves (p99, proof + verification)`, inclusionVerdict)}

${head('Measurements')}
${rule}
${row('Final log size (leaves)', (x) => n(x.finalSize))}
${row(`Batched: leaves appended (${n(r.settings.batch)} per transaction)`, (x) => `${n(x.batched.leaves)} in ${n(x.batched.transactions)} transactions`)}
${row('Batched: time in transactions', (x) => seconds(x.batched.seconds))}
${row('Batched: leaves/s', (x) => n(Math.round(x.batched.leavesPerSecond)))}
${row('Batched: leaves/s over the last 10 %', (x) => n(Math.round(x.batched.lastTenthLeavesPerSecond)))}
${row('Batched: per transaction p50 / p90 / p99 / max', (x) => lat(x.batched.transactionMs))}
${row('Batched: building the leaf JSON (not in the rate)', (x) => seconds(x.batched.leafBuildSeconds))}
${row('Batched: CPU, bench process', (x) => cores(x.batched.cpu.benchSeconds, x))}
${row('Batched: CPU, PostgreSQL server', (x) => (x.database === 'pglite' ? 'in the bench process' : cores(x.batched.cpu.postgresSeconds, x)))}
${row('Single: appends (one leaf per transaction)', (x) => `${n(x.single.appends)} from size ${n(x.single.startSize)}`)}
${row('Single: appends/s', (x) => n(Math.round(x.single.appendsPerSecond)))}
${row('Single: per append p50 / p90 / p99 / max', (x) => lat(x.single.latencyMs))}
${row('Inclusion: proofs (random leaves)', (x) => `${n(x.inclusion.proofs)} at size ${n(x.inclusion.size)}, ${x.inclusion.proofLength} hashes`)}
${row('Inclusion: proof from the database p50 / p90 / p99 / max', (x) => lat(x.inclusion.proofMs))}
${row('Inclusion: verifyInclusion p50 / p90 / p99 / max', (x) => lat(x.inclusion.verifyMs))}
${row('Inclusion: both p50 / p90 / p99 / max', (x) => lat(x.inclusion.totalMs))}
${row('Consistency: proofs (random earlier checkpoints)', (x) => n(x.consistency.proofs))}
${row('Consistency: proof from the database p50 / p90 / p99 / max', (x) => lat(x.consistency.proofMs))}
${row('Consistency: verifyConsistency p50 / p90 / p99 / max', (x) => lat(x.consistency.verifyMs))}
${row('verifyLog over the whole log', (x) => `${seconds(x.verifyLog.seconds)} (${x.verifyLog.ok ? 'ok' : `**failed**: ${x.verifyLog.problem}`}; ${n(x.verifyLog.checkpoints)} checkpoints)`)}
${row('verifyLog leaves/s', (x) => n(Math.round(x.finalSize / Math.max(x.verifyLog.seconds, 1e-9))))}
${row('Database size', (x) => (x.databaseBytes === null ? 'not read' : mib(x.databaseBytes)))}
${row('Peak RSS of the bench process', (x) => mib(x.peakRssBytes))}

Latencies are wall time in the bench process, the database on the same machine; for PGlite the
database runs inside the bench process.

### What limits it

${ANALYSIS_START}
${analysis}
${ANALYSIS_END}
`
}

const name = (x: LogMeasurement) => (x.database === 'postgres' ? 'PostgreSQL' : 'PGlite')
const n = (value: number) => value.toLocaleString('en-GB')
const pct = (s: number) => `${Math.round(s * 100)} %`
const ms = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(3))
const seconds = (value: number) => `${value.toFixed(1)} s`
const minutes = (value: number) => `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`
const mib = (bytes: number) => `${n(Math.round(bytes / 1024 / 1024))} MiB`
const cores = (cpuSeconds: number | null, x: LogMeasurement) =>
  cpuSeconds === null
    ? 'not measured'
    : `${cpuSeconds.toFixed(0)} s (${(cpuSeconds / x.batched.cpu.wallSeconds).toFixed(2)} cores)`
