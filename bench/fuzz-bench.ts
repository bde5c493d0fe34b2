// BENCH_ONLY=fuzz npm run bench: the fuzz runs of test/fuzz at bench size, on PGlite (issue 18, item 8).
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { seedAuthorities } from '../src/capabilities/licensing/authority.repository.ts'
import { currentPolicy } from '../src/capabilities/risk-assessment/policy/policy.repository.ts'
import { systemClock } from '../src/platform/clock.ts'
import { openPGlite } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { testDecisionLog } from '../test/factories.ts'
import { FORM_ROUTES, formRequestFor, vocabularyOf, withCsrf } from '../test/fuzz/form-cases.ts'
import { createFuzzTarget, type FuzzTarget, roleArbitrary } from '../test/fuzz/harness.ts'
import { operationsOf, readSpec, requestFor } from '../test/fuzz/openapi-cases.ts'
import { writeMarkedSection } from './doc-sections.ts'
import { count, log, throttledLog } from './progress.ts'
import { PROJECT_ROOT } from './settings.ts'

const SECTION = { begin: '<!-- fuzz:begin -->', end: '<!-- fuzz:end -->' }
/** Cases drawn at a time: fc.sample holds them all, and some are megabytes long. */
const CHUNK = 250

type Target = { name: string; runs: number; draw: (seed: number, n: number) => Promise<number> }

/** Runs every route BENCH_FUZZ_RUNS times (default 10,000) and writes the "Fuzzing" section. */
export async function runFuzzBench(): Promise<void> {
  const runs = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000)
  const loadBefore = loadavg()[0] ?? 0
  const seed = Number(process.env.FUZZ_SEED ?? 20_261_207)
  const opened = await openPGlite('memory://')
  await migrateToLatest(opened.db)
  await seedAuthorities(opened.db)
  await currentPolicy(opened.db, systemClock, testDecisionLog())
  const target = await createFuzzTarget(opened.db)
  const failures: string[] = []
  const targets = [
    ...apiTargets(target, runs, failures),
    ...(await formTargets(target, runs, failures)),
  ]
  log(
    `fuzzing ${targets.length} routes, ${count(runs)} cases each (sign-in: a tenth), seed ${seed}`,
  )
  const begun = performance.now()
  const progress = throttledLog(15_000)
  for (const [index, t] of targets.entries()) {
    for (let done = 0; done < t.runs; ) {
      done += await t.draw(seed + index * 1000 + done, Math.min(CHUNK, t.runs - done))
      progress(
        `  ${t.name}: ${count(done)} / ${count(t.runs)}; ${count(target.stats.cases)} cases in all`,
      )
    }
  }
  const seconds = (performance.now() - begun) / 1000
  await opened.close()
  const { stats } = target
  log(
    `${count(stats.cases)} cases in ${seconds.toFixed(0)} s: ${stats.serverErrors} 5xx, ${stats.refusedWithWrite} refused with a write`,
  )
  for (const failure of failures.slice(0, 20)) log(`  ${failure.slice(0, 500)}`)
  writeMarkedSection(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), SECTION, (previous) =>
    render({ runs, seed, seconds, routes: targets.length, stats, failures, loadBefore }, previous),
  )
  log('wrote the "Fuzzing" section of docs/benchmarks.md')
  if (stats.serverErrors > 0 || stats.refusedWithWrite > 0 || failures.length > 0)
    process.exitCode = 1
}

function apiTargets(target: FuzzTarget, runs: number, failures: string[]): Target[] {
  const spec = readSpec()
  return operationsOf(spec).map((op) => {
    const cases = fc.record({
      request: requestFor(spec, op, target.known),
      role: roleArbitrary,
      auth: fc.constantFrom('bearer', 'bearer', 'session', 'none' as const),
    })
    return {
      name: `${op.method} ${op.path}`,
      runs,
      draw: async (seed, n) => {
        for (const c of fc.sample(cases, { seed, numRuns: n })) {
          const problem = await target.judge(c.request, c.role, c.auth)
          if (problem)
            failures.push(
              `${c.role} ${c.request.method} ${c.request.path.slice(0, 200)}: ${problem}`,
            )
        }
        return n
      },
    }
  })
}

async function formTargets(
  target: FuzzTarget,
  runs: number,
  failures: string[],
): Promise<Target[]> {
  const [draft, ownCase] = target.known.references
  const page = async (role: 'exporter' | 'senior' | null, path: string) =>
    (
      await target.app.request(path, {
        headers: role ? { cookie: target.sessions.get(role)?.cookie ?? '' } : {},
      })
    ).text()
  const vocabulary = vocabularyOf([
    await page(null, '/login'),
    await page(null, '/setup'),
    await page('exporter', '/workspace/applications/new'),
    await page('exporter', `/workspace/applications/${draft}`),
    await page('senior', `/workspace/cases/${ownCase}`),
  ])
  return FORM_ROUTES.map((route) => {
    const cases = fc.record({
      form: formRequestFor(route, target.known, vocabulary),
      role: roleArbitrary,
    })
    return {
      name: `POST ${route} (form)`,
      // Every sign-in hashes its password (about 0.5 s): a tenth of the cases.
      runs: route === '/login' ? Math.ceil(runs / 10) : runs,
      draw: async (seed, n) => {
        for (const { form, role } of fc.sample(cases, { seed, numRuns: n })) {
          const session = target.sessions.get(role)
          const token =
            form.csrf === 'valid' ? session?.csrf : form.csrf === 'junk' ? form.csrfJunk : undefined
          const request = withCsrf(form.request, token)
          const problem = await target.judge(request, role, session ? 'session' : 'none')
          if (problem) failures.push(`${role} POST ${request.path.slice(0, 200)}: ${problem}`)
        }
        return n
      },
    }
  })
}

type Outcome = {
  runs: number
  seed: number
  seconds: number
  routes: number
  stats: FuzzTarget['stats']
  failures: string[]
  loadBefore: number
}

function render(o: Outcome, previous: string): string {
  const kept = /<!-- fuzz-notes:begin -->[\s\S]*<!-- fuzz-notes:end -->/.exec(previous)?.[0]
  const statuses = [...o.stats.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}: ${count(n)}`)
    .join(', ')
  return `## Fuzzing

Every operation of \`openapi.json\` and every POST form (workspace, sign-in, set-up, activation),
with random and malformed paths, queries, headers and bodies, as each role (anonymous, exporter,
officer, senior officer, analyst, investigator, complaint handler, admin, and an officer of
another authority), by bearer token, by session cookie or with nothing; forms with a valid, a junk
or no CSRF token. The generators are in \`test/fuzz/\` (fast-check); the test suite runs the same
with a few dozen cases per route.

| | |
| --- | --- |
| Date | ${new Date().toISOString()} |
| CPU | ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores |
| Memory | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |
| OS | ${type()} ${release()} |
| Load average before the run | ${o.loadBefore.toFixed(1)} (other work on the machine) |
| Node.js | ${process.version} |
| Database | PGlite in memory |
| Command | \`BENCH_ONLY=fuzz BENCH_FUZZ_RUNS=${o.runs} FUZZ_SEED=${o.seed} npm run bench\` |
| Routes | ${o.routes} (cases per route: ${count(o.runs)}; \`POST /login\`: ${count(Math.ceil(o.runs / 10))}) |
| Cases | ${count(o.stats.cases)} in ${o.seconds.toFixed(0)} s (${(o.stats.cases / o.seconds).toFixed(0)} cases/s) |
| Answers by status | ${statuses} |
| **5xx answers** | **${o.stats.serverErrors}** (target 0) |
| **Refused requests that wrote** | **${o.stats.refusedWithWrite}** (target 0) |
| Other failures (stack traces, wrong error type) | ${o.failures.length - o.stats.serverErrors - o.stats.refusedWithWrite} |

"Wrote" means: a refused (≥ 400) request committed a change to any row of any table, as noted
by a trigger on every table (\`test/fuzz/write-log.ts\`: inserts, deletes, truncates, and updates
that change a value; the note is written in the request's own transaction, so a rolled-back
write leaves none). Expected and excluded: \`audit_events\` (refusals are
audited on purpose), \`users.failed_logins\`/\`locked_until\` (a wrong password counts),
\`api_tokens.last_used_at\` and \`sessions.last_seen_at\` (the credential was used).
${
  o.failures.length
    ? `\nFirst failures:\n\n${o.failures
        .slice(0, 10)
        .map((f) => `- \`${f.slice(0, 300).replaceAll('`', "'").replaceAll('\n', ' ')}\``)
        .join('\n')}\n`
    : ''
}
${kept ?? '<!-- fuzz-notes:begin -->\n_What was found and fixed: written by hand._\n<!-- fuzz-notes:end -->'}
`
}
