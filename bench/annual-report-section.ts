import type {
  AnnualReportMeasurement,
  QueryTiming,
  ScopeMeasurement,
} from './annual-report-bench.ts'
import type { CodeVersion } from './code-version.ts'
import {
  keptAnalysis,
  machineRows,
  SECTIONS,
  type Section,
  writeMarkedSection,
} from './doc-sections.ts'
import type { Machine } from './report.ts'

export type AnnualReportResults = {
  date: string
  totalSeconds: number
  settings: {
    licences: number
    year: number
    memberState: string
    runs: number
    externalDatabase: boolean
    command: string
  }
  code: CodeVersion & { changedDuringRun: boolean }
  machine: Omit<Machine, 'pglite'>
  measurement: AnnualReportMeasurement
}

/** Issue 7: `npm run bench` builds a report over 1M licences on PostgreSQL in ≤ 5 s. */
export const ANNUAL_REPORT_TARGET = { licences: 1_000_000, seconds: 5 }

export const ANNUAL_REPORT_SECTION: Section = {
  begin: '<!-- annual-report:begin -->',
  end: '<!-- annual-report:end -->',
}

const ANALYSIS_START = '<!-- annual-report-analysis: kept when the bench rewrites this section -->'
const ANALYSIS_END = '<!-- /annual-report-analysis -->'

/**
 * Writes the annual-report section of docs/benchmarks.md between its markers (after the
 * decision-log section, before the matching one when it is new); its hand-written analysis
 * survives a rerun.
 */
export function writeAnnualReportSection(path: string, results: AnnualReportResults): void {
  writeMarkedSection(
    path,
    ANNUAL_REPORT_SECTION,
    (old) => renderSection(results, keptAnalysis(old, ANALYSIS_START, ANALYSIS_END)),
    { after: [SECTIONS.decisionLog, SECTIONS.assessment], before: SECTIONS.matching },
  )
}

function renderSection(r: AnnualReportResults, analysis: string): string {
  const m = r.machine
  const x = r.measurement
  const load = x.load
  const target = ANNUAL_REPORT_TARGET
  const atSize = load.applications >= target.licences
  const verdict = (s: ScopeMeasurement) => {
    const median = s.medianMs / 1000
    const met = median <= target.seconds
    const word = met
      ? '**met**'
      : `**missed** (${(median / target.seconds).toFixed(1)}× the target)`
    return atSize
      ? word
      : `n/a at ${n(load.applications)} licences (${met ? 'within' : 'over'} 5 s)`
  }
  const runs = (s: ScopeMeasurement) => s.runs.map((run) => sec(run.ms)).join(', ')
  const outcomes = Object.entries(load.outcomes)
    .map(([action, value]) => `${action} ${n(value)}`)
    .join(', ')
  const slow = x.slowestQuery
  return `## Annual report: ${n(load.applications)} licences decided in ${load.year}

The target (issue 7): **a report over ${n(target.licences)} licences on PostgreSQL in ≤ ${target.seconds} s**.
Written by \`bench/annual-report-bench.ts\` (raw numbers in \`bench/out/annual-report-results.json\`);
run it alone with

\`\`\`sh
${r.settings.command}
\`\`\`

Knobs: \`BENCH_REPORT_LICENCES\` (applications decided in the year, default 1000000),
\`BENCH_REPORT_YEAR\` (default 2025), \`BENCH_REPORT_STATE\` (the member state timed besides the EU,
default DE), \`BENCH_REPORT_RUNS\` (timed builds per scope after one warm-up, default 3),
\`BENCH_SKIP_REPORT=1\` (leave it out of a full \`npm run bench\`).

An empty, migrated PostgreSQL database is loaded with ${n(load.applications)} applications from the
demo generator, each moved in time so that its decision (grant, refusal or withdrawal) falls on a
random day of ${load.year}, and later suspensions, revocations and annulments stay inside the year;
records that end undecided or expired are skipped. They are written with \`writeRecords\` (items,
parties, the decision history, licences and Art. 16 denial notices; the database's triggers keep
the report facts as they go), 2,000 per transaction, two transactions in flight, then
\`ANALYZE\`d. Then:

1. **\`buildAnnualReport\`** for the EU and for ${r.settings.memberState}: one warm-up build, then
   ${r.settings.runs} timed builds; the median is the result. The pool has 6 connections (the
   report's queries run concurrently).
2. **licences.csv** for the EU: \`renderReportFiles(db, report, ['csv'])\` (every table's CSV and
   the per-licence CSV, read in keyset-paginated batches of 5,000) and writing \`licences.csv\` to
   \`bench/out\`.
3. The slowest single statement of the EU builds is run again under \`EXPLAIN (ANALYZE, BUFFERS)\`
   (the plan is in the results file).

| | |
| --- | --- |
${machineRows(r.date, m, r.settings.externalDatabase)}
| Load before the run | ${pct(m.backgroundLoadBeforeRun)} of all cores in use just before, load average ${m.loadAverageBeforeRun.toFixed(2)}; other processes used ${pct(x.eu.cpu.otherProcessesSeconds / (x.eu.cpu.wallSeconds * x.eu.cpu.cores))} of the machine during the EU builds |
| Code | commit ${r.code.commit}${r.code.uncommittedChanges ? ' plus uncommitted changes in src/' : ''} (src/ hash ${r.code.sourceHash})${r.code.changedDuringRun ? ' — **src/ changed during the run**' : ''} |
| Whole run | ${minutes(r.totalSeconds)} |

| The data | |
| --- | ---: |
| Applications (each decided in ${load.year}) | ${n(load.applications)} |
| Item lines | ${n(load.itemLines)} |
| Decision rows (all years, all actions) | ${n(load.decisionRows)} |
| Outcome decisions in ${load.year} | ${n(load.countedDecisions)}: ${outcomes} |
| Refusals with reason codes | ${n(load.refusalsWithReasons)} |
| Under a Union general authorisation | ${n(load.generalAuthorisations)} |
| Issuing states / destinations / control entries / currencies | ${n(load.issuingStates)} / ${n(load.destinations)} / ${n(load.controlEntries)} / ${n(load.currencies)} |
| Loading (not in the report times) | ${sec(load.seconds * 1000)} (${n(Math.round(load.applicationsPerSecond))} applications/s), ANALYZE ${sec(load.analyzeSeconds * 1000)} |
| Database size | ${mib(load.databaseBytes)} |

| \`buildAnnualReport\` | EU | ${r.settings.memberState} |
| --- | ---: | ---: |
| Target: ≤ ${target.seconds} s over ${n(target.licences)} licences | ${verdict(x.eu)} | ${x.memberState.medianMs / 1000 <= target.seconds ? 'within it' : 'over it'} |
| Licences in the report (decisions of the year) | ${n(x.eu.licenceCount)} | ${n(x.memberState.licenceCount)} |
| Denials listed (refusals, revocations, annulments) | ${n(x.eu.denials)} | ${n(x.memberState.denials)} |
| **Median of ${r.settings.runs} runs** | **${sec(x.eu.medianMs)}** | **${sec(x.memberState.medianMs)}** |
| Each run | ${runs(x.eu)} | ${runs(x.memberState)} |
| Warm-up (first build) | ${sec(x.eu.warmupMs)} | ${sec(x.memberState.warmupMs)} |
| CPU, bench process / PostgreSQL (all builds) | ${cpuRow(x.eu)} | ${cpuRow(x.memberState)} |
| Peak RSS of the bench process | ${mib(x.eu.peakRssBytes)} | ${mib(x.memberState.peakRssBytes)} |

Statements of the median EU build, by total time (they overlap: the report runs them
concurrently):

| Statement (start) | Calls | Total | Slowest |
| --- | ---: | ---: | ---: |
${queryRows(medianRun(x.eu)?.queries ?? [])}

| licences.csv (${x.csv.scope}, \`renderReportFiles(…, ['csv'])\`) | |
| --- | ---: |
| Rows | ${n(x.csv.rows)} |
| Size | ${mib(x.csv.bytes)} |
| Time (all CSV tables, licences.csv written to disk) | ${sec(x.csv.seconds * 1000)} |
| Rows/s | ${n(Math.round(x.csv.rowsPerSecond))} |
| Peak RSS of the bench process (at the start) | ${mib(x.csv.peakRssBytes)} (${mib(x.csv.rssAtStartBytes)}) |

The slowest statement of the EU builds under \`EXPLAIN (ANALYZE, BUFFERS)\`:
${slow ? `\`${slow.label}\` — ${slow.summary}.` : 'not measured.'}

### What the time is spent on

${ANALYSIS_START}
${analysis}
${ANALYSIS_END}
`
}

function medianRun(s: ScopeMeasurement) {
  return s.runs.find((run) => run.ms === s.medianMs)
}

function queryRows(queries: QueryTiming[]): string {
  const shown = queries.slice(0, 8)
  const rest = queries.slice(8)
  const rows = shown.map(
    (q) =>
      `| \`${q.label.replaceAll('|', '\\|').replaceAll('`', "'")}\` | ${n(q.calls)} | ${ms(q.totalMs)} | ${ms(q.maxMs)} |`,
  )
  if (rest.length > 0)
    rows.push(
      `| ${rest.length} other statements | ${n(rest.reduce((s, q) => s + q.calls, 0))} | ${ms(rest.reduce((s, q) => s + q.totalMs, 0))} | |`,
    )
  return rows.join('\n')
}

const cpuRow = (s: ScopeMeasurement) =>
  `${s.cpu.benchSeconds.toFixed(1)} s / ${s.cpu.postgresSeconds === null ? 'not measured' : `${s.cpu.postgresSeconds.toFixed(1)} s`} in ${s.cpu.wallSeconds.toFixed(1)} s`
const n = (value: number) => value.toLocaleString('en-GB')
const pct = (s: number) => `${Math.round(s * 100)} %`
const sec = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`
const ms = (value: number) => `${n(Math.round(value))} ms`
const minutes = (value: number) => `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`
const mib = (bytes: number) => `${n(Math.round(bytes / 1024 / 1024))} MiB`
