import type { CodeVersion } from './code-version.ts'
import type { CpuSplit } from './cpu.ts'
import {
  keptAnalysis,
  machineRows,
  SECTIONS,
  type Section,
  writeMarkedSection,
} from './doc-sections.ts'
import type { ImportRun, LogIntegrityMeasurement, Phase } from './log-integrity-bench.ts'
import type { Machine } from './report.ts'

export type LogIntegrityResults = {
  date: string
  totalSeconds: number
  settings: {
    lines: number
    pgliteLines: number
    itemsPerApplication: number
    profile: boolean
    skipPglite: boolean
    externalDatabase: boolean
    command: string
  }
  code: CodeVersion & { changedDuringRun: boolean }
  machine: Machine
  runs: LogIntegrityMeasurement[]
}

/** The issue's targets: logging costs an import of 1,000,000 lines < 15 %; `log verify` ≤ 30 s at 1M leaves. */
export const LOG_INTEGRITY_TARGET = {
  lines: 1_000_000,
  costShare: 0.15,
  leaves: 1_000_000,
  verifySeconds: 30,
}

export const LOG_INTEGRITY_SECTION: Section = {
  begin: '<!-- log-integrity:begin -->',
  end: '<!-- log-integrity:end -->',
}

const ANALYSIS_START = '<!-- log-integrity-analysis: kept when the bench rewrites this section -->'
const ANALYSIS_END = '<!-- /log-integrity-analysis -->'

/** Writes the log-integrity section of docs/benchmarks.md, after the decision-log one. */
export function writeLogIntegritySection(path: string, results: LogIntegrityResults): void {
  writeMarkedSection(
    path,
    LOG_INTEGRITY_SECTION,
    (old) => render(results, keptAnalysis(old, ANALYSIS_START, ANALYSIS_END)),
    { after: [SECTIONS.decisionLog, SECTIONS.assessment], before: SECTIONS.matching },
  )
}

const n = (v: number) => Math.round(v).toLocaleString('en-GB')
const s = (v: number) => `${v.toFixed(1)} s`
const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`
const share = (v: number) => `${(v * 100).toFixed(1)} %`
const mib = (bytes: number) => `${n(bytes / 1024 / 1024)} MiB`
const minutes = (v: number) => `${Math.floor(v / 60)} min ${Math.round(v % 60)} s`
const name = (x: LogIntegrityMeasurement) => (x.database === 'postgres' ? 'PostgreSQL' : 'PGlite')

function cores(seconds: number | null, cpu: CpuSplit): string {
  return seconds === null
    ? '–'
    : `${seconds.toFixed(0)} s (${(seconds / cpu.wallSeconds).toFixed(2)})`
}

function render(r: LogIntegrityResults, analysis: string): string {
  const m = r.machine
  const pg = r.runs.find((x) => x.database === 'postgres')
  const costVerdict = (x: LogIntegrityMeasurement) => {
    const at = `${pct(x.costShare)} at ${n(x.file.lines)} lines`
    if (x.file.lines < LOG_INTEGRITY_TARGET.lines) return `n/a (${at})`
    return `${x.costShare < LOG_INTEGRITY_TARGET.costShare ? '**met**' : '**missed**'} (${at})`
  }
  const verifyVerdict = (x: LogIntegrityMeasurement) => {
    const at = `${s(x.verify.total.seconds)} at ${n(x.verify.leaves)} leaves`
    if (x.verify.leaves < LOG_INTEGRITY_TARGET.leaves) return `n/a (${at})`
    return `${x.verify.total.seconds <= LOG_INTEGRITY_TARGET.verifySeconds ? '**met**' : '**missed**'} (${at})`
  }
  return `## Log integrity: importing with and without the decision log; \`log verify\` at ${n(pg?.verify.leaves ?? r.settings.lines)} leaves

Every decision now goes into the public decision log whatever its path, imports included, and
\`glasshouse log verify\` (\`verifyLogAndRegister\`) checks the tree and then the register against it
both ways. The issue's targets: **logging costs the import of ${n(LOG_INTEGRITY_TARGET.lines)} lines less than
${LOG_INTEGRITY_TARGET.costShare * 100} %**, and **\`log verify\` takes ≤ ${LOG_INTEGRITY_TARGET.verifySeconds} s at ${n(LOG_INTEGRITY_TARGET.leaves)} leaves on PostgreSQL**. Written by
\`bench/log-integrity-bench.ts\` (raw numbers in \`bench/out/log-integrity-results.json\`); this run:

\`\`\`sh
${r.settings.command}
\`\`\`

Knobs: \`BENCH_LOG_INTEGRITY_LINES\` (item lines of the file, default 1000000),
\`BENCH_LOG_INTEGRITY_ITEMS\` (item lines kept per application, default 1; 0 keeps the generator's
1–4), \`BENCH_LOG_INTEGRITY_PGLITE_LINES\` (the PGlite file, default 100000),
\`BENCH_LOG_INTEGRITY_PROFILE=1\` (a V8 CPU profile of one more, untimed, register verification in
\`bench/out/profiles\`), \`BENCH_SKIP_LOG_INTEGRITY=1\` (leave it out of a full \`npm run bench\`),
\`BENCH_SKIP_PGLITE=1\`.

**The file.** \`writeLicenceCsv\` (as the import benchmark) from the demo generator, but keeping
${r.settings.itemsPerApplication === 0 ? 'every item line of each application' : `${n(r.settings.itemsPerApplication)} item line${r.settings.itemsPerApplication === 1 ? '' : 's'} per application`}${r.settings.itemsPerApplication === 1 ? ": one line is one application, one decision and one leaf, so the import logs as many leaves as it has lines (the import benchmark's file has about 1.5 lines per application, so logging weighs less there)" : ''}.
${r.runs.map((x) => `${name(x)}: ${n(x.file.lines)} lines, ${n(x.file.applications)} applications, ${mib(x.file.bytes)}; its SHA-256 (which \`glasshouse import\` computes before it starts and every leaf names) took ${s(x.file.sha256Seconds)}, outside the timed imports.`).join('\n')}

**The runs.** The file is imported by \`readLicenceCsv\` + \`importLicenceRows\` (one transaction)
into a fresh, migrated database, four times in the order *without*, *with*, *with*, *without*
logging, so that noise (another job on the machine, a cold cache) hits both kinds:

- *with logging*: a real decision log (\`createDecisionLog\`, a fresh Ed25519 key): each batch of
  500 applications appends its leaves, their Merkle nodes and one signed checkpoint
  (\`appendLeaves\`) in the import's transaction;
- *without logging* (the baseline): a \`DecisionLog\` whose \`append\` writes nothing and returns
  consecutive fake indexes. The importer **still builds every leaf's JSON and salts in
  JavaScript** and still stores the indexes and salts on the decision rows, but writes no leaf,
  node or checkpoint and computes no Merkle hash or signature. So the cost below is that of the
  log's storage and tree; building the leaves (measured apart, last row of the summary) is in
  both.

Then, on the database of the last logged run, after \`VACUUM (ANALYZE)\` (as autovacuum would have
left a register in service): \`verifyLogAndRegister\` timed whole, then its parts one after another:
\`verifyLog\` (the tree: every leaf rehashed, every node and every checkpoint's root, signature and
consistency with the one before), \`verifyRegisterAgainstLog\` (every decision row against its
leaf and the leaves against the rows, states, licences, denial notices) and the rest
(\`verifyRecords\`: policies and reports; \`verifyCosignatures\`). PostgreSQL runs with fsync on.

| | |
| --- | --- |
${machineRows(r.date, m, r.settings.externalDatabase)}
| PGlite | ${r.runs.some((x) => x.database === 'pglite') ? m.pglite : 'skipped'} |
| Load before the run | ${Math.round(m.backgroundLoadBeforeRun * 100)} % of all cores in use just before, load average ${m.loadAverageBeforeRun.toFixed(2)}; other processes used ${r.runs.map((x) => `${otherShare(x)} (${name(x)})`).join(', ')} of the machine during the imports |
| Code | commit ${r.code.commit}${r.code.uncommittedChanges ? ' plus uncommitted changes in src/' : ''} (src/ hash ${r.code.sourceHash})${r.code.changedDuringRun ? ' — **src/ changed during the run**' : ''} |
| Whole run | ${minutes(r.totalSeconds)} |

| Targets | ${r.runs.map(name).join(' | ')} |
| --- | ${r.runs.map(() => '---:').join(' | ')} |
| Logging costs the import < ${LOG_INTEGRITY_TARGET.costShare * 100} % (${n(LOG_INTEGRITY_TARGET.lines)} lines) | ${r.runs.map(costVerdict).join(' | ')} |
| \`log verify\` ≤ ${LOG_INTEGRITY_TARGET.verifySeconds} s at ${n(LOG_INTEGRITY_TARGET.leaves)} leaves | ${r.runs.map(verifyVerdict).join(' | ')} |

${r.runs.map(importTable).join('\n\n')}

| Summary | ${r.runs.map(name).join(' | ')} |
| --- | ${r.runs.map(() => '---:').join(' | ')} |
| Without logging: mean time, lines/s | ${r.runs.map((x) => `${s(x.unlogged.seconds)}, ${n(x.unlogged.linesPerSecond)}`).join(' | ')} |
| With logging: mean time, lines/s | ${r.runs.map((x) => `${s(x.logged.seconds)}, ${n(x.logged.linesPerSecond)}`).join(' | ')} |
| With logging: decision leaves appended/s | ${r.runs.map((x) => n(x.logged.leavesPerSecond)).join(' | ')} |
| **Logging cost** (mean with / mean without − 1) | ${r.runs.map((x) => `**${pct(x.costShare)}**`).join(' | ')} |
| Logging cost per adjacent pair (runs 1–2, 3–4) | ${r.runs.map((x) => x.pairCostShares.map(pct).join(', ')).join(' | ')} |
| CPU time, bench process + PostgreSQL, mean without / with | ${r.runs.map((x) => `${s(cpuOf(x, false))} / ${s(cpuOf(x, true))}`).join(' | ')} |
| **Logging cost in CPU time** (less sensitive to other load than wall time) | ${r.runs.map((x) => `**${pct(cpuOf(x, true) / cpuOf(x, false) - 1)}**`).join(' | ')} |
| Hashing the file first (\`glasshouse import\` does), as a share of the unlogged import | ${r.runs.map((x) => share(x.file.sha256Seconds / x.unlogged.seconds)).join(' | ')} |
| Building the leaves (JSON, salts, commitments; in **both** runs) | ${r.runs.map((x) => `${x.leafBuild.microsPerLeaf.toFixed(1)} µs/leaf ≈ ${s((x.leafBuild.microsPerLeaf * x.file.applications) / 1e6)} for the file`).join(' | ')} |

${[...r.runs.map(verifyTable), ...r.runs.map(queryTable), ...r.runs.map(profileTable)]
  .filter(Boolean)
  .join('\n\n')}

### What limits it

${ANALYSIS_START}
${analysis}
${ANALYSIS_END}
`
}

/** Mean CPU seconds of the runs with or without logging: the bench process and PostgreSQL. */
function cpuOf(x: LogIntegrityMeasurement, logging: boolean): number {
  const runs = x.runs.filter((r) => r.logging === logging)
  const total = runs.reduce((a, r) => a + r.cpu.benchSeconds + (r.cpu.postgresSeconds ?? 0), 0)
  return total / Math.max(1, runs.length)
}

function otherShare(x: LogIntegrityMeasurement): string {
  const worst = Math.max(
    ...x.runs.map((r) => r.cpu.otherProcessesSeconds / (r.cpu.wallSeconds * r.cpu.cores)),
  )
  return `up to ${Math.round(worst * 100)} %`
}

function importTable(x: LogIntegrityMeasurement): string {
  const head = x.runs.map((r) => `${r.run}: ${r.logging ? 'with log' : 'without'}`)
  const row = (label: string, value: (r: ImportRun) => string) =>
    `| ${label} | ${x.runs.map(value).join(' | ')} |`
  return [
    `| ${name(x)}, ${n(x.file.lines)} lines | ${head.join(' | ')} |`,
    `| --- | ${x.runs.map(() => '---:').join(' | ')} |`,
    row('Time', (r) => s(r.seconds)),
    row('Item lines/s', (r) => n(r.linesPerSecond)),
    row('Applications/s', (r) => n(r.applicationsPerSecond)),
    row('Decision leaves', (r) => (r.logging ? n(r.leaves) : `(${n(r.leaves)} not written)`)),
    row('Decision leaves/s', (r) => (r.logging ? n(r.leavesPerSecond) : '–')),
    row('Signed checkpoints', (r) => n(r.checkpoints)),
    row('CPU: bench process, s (cores)', (r) => cores(r.cpu.benchSeconds, r.cpu)),
    row('CPU: PostgreSQL server, s (cores)', (r) =>
      r.database === 'pglite' ? 'in the bench process' : cores(r.cpu.postgresSeconds, r.cpu),
    ),
    row('CPU: other processes, s (cores)', (r) => cores(r.cpu.otherProcessesSeconds, r.cpu)),
    row('Database size after', (r) => (r.databaseBytes === null ? '–' : mib(r.databaseBytes))),
    row('Peak RSS of the bench process', (r) => mib(r.peakRssBytes)),
  ].join('\n')
}

function verifyTable(x: LogIntegrityMeasurement): string {
  const v = x.verify
  const phase = (label: string, p: Phase) =>
    `| ${label} | **${s(p.seconds)}** | ${cores(p.cpu.benchSeconds, p.cpu)} | ${x.database === 'pglite' ? 'in the bench process' : cores(p.cpu.postgresSeconds, p.cpu)} | ${cores(p.cpu.otherProcessesSeconds, p.cpu)} |`
  return [
    `**\`log verify\` on ${name(x)}**: ${n(v.leaves)} leaves, ${n(v.nodes)} nodes, ${n(v.checkpoints)} checkpoints; ` +
      `${n(v.applications)} applications, ${n(v.decisions)} decisions, ${n(v.licences)} licences, ${n(v.notices)} denial notices — ` +
      `${v.ok ? 'all verified' : `**failed**: ${v.problems.map((p) => `${p.kind}: ${p.message}`).join('; ')}`}. ` +
      `\`VACUUM (ANALYZE)\` before it took ${s(v.vacuumSeconds)}.`,
    '',
    '| Phase | Wall time | CPU: bench process, s (cores) | CPU: PostgreSQL | CPU: other processes |',
    '| --- | ---: | ---: | ---: | ---: |',
    phase('`verifyLogAndRegister` (all of `log verify`)', v.total),
    phase('… `verifyLog` alone (tree, checkpoints, signatures)', v.tree),
    phase('… `verifyRegisterAgainstLog` alone (register ↔ log)', v.register),
    phase('… `verifyRecords` + `verifyCosignatures`', v.rest),
  ].join('\n')
}

function queryTable(x: LogIntegrityMeasurement): string {
  const q = x.verify.registerQueries
  if (!q || q.length === 0) return ''
  const total = q.reduce((a, b) => a + b.ms, 0)
  return [
    `Statements of \`verifyRegisterAgainstLog\` on ${name(x)} (wall time as awaited by the bench; the four per page run concurrently, so they overlap; ${s(total / 1000)} in all):`,
    '',
    '| Statement (start) | Calls | Total | Max |',
    '| --- | ---: | ---: | ---: |',
    ...q
      .slice(0, 8)
      .map(
        (e) =>
          `| \`${e.query.replaceAll('|', '\\|')}…\` | ${n(e.calls)} | ${s(e.ms / 1000)} | ${(e.maxMs / 1000).toFixed(2)} s |`,
      ),
  ].join('\n')
}

function profileTable(x: LogIntegrityMeasurement): string {
  const p = x.verify.profile
  if (!p) return ''
  return [
    `Self time in the bench process during one more, profiled, \`verifyRegisterAgainstLog\` on ${name(x)} (\`${p.path.replace(/^.*\/bench\//, 'bench/')}\`):`,
    '',
    '| Function | Self time |',
    '| --- | ---: |',
    ...p.top.slice(0, 15).map((f) => `| \`${f.fn}\` | ${n(f.selfMs)} ms |`),
  ].join('\n')
}
