// `log verify` alone, on a database kept between runs: the log-integrity benchmark imports its
// file four times (about an hour at 1,000,000 lines) before it verifies once, which is too slow
// to try a change to the verifier. This imports once, then times the verifier's parts as often
// as asked. Numbers from it go into the analysis of docs/benchmarks.md ("Log integrity").
//
//   BENCH_DATABASE_URL=postgres://…/postgres npx tsx bench/log-verify.ts prepare 1000000 v1m
//   BENCH_DATABASE_URL=postgres://…/postgres npx tsx bench/log-verify.ts verify v1m [tree|register|whole|all]
//
// `prepare` needs bench/out/log-integrity-licences.csv (written by
// `BENCH_ONLY=log-integrity npm run bench`; one line per application) and keeps the log's signing
// key in bench/out/log-verify-<database>.skey so that `verify` can check the checkpoints.
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { sql } from 'kysely'
import { verifyLog } from '../src/capabilities/decision-log/verify-log.ts'
import { fileSha256 } from '../src/capabilities/licensing/interchange/file-sha256.ts'
import { verifyRegisterAgainstLog } from '../src/capabilities/licensing/verify-register.ts'
import { verifyLogAndRegister } from '../src/cli/verify-log-and-register.ts'
import { openPostgres } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { BENCH_LOG_ORIGIN, benchDecisionLog, benchLogKey } from './bench-log.ts'
import { timeImport } from './import-bench.ts'
import { OUT_DIR } from './settings.ts'

const server = process.env.BENCH_DATABASE_URL
if (!server) throw new Error('set BENCH_DATABASE_URL to a PostgreSQL server (its maintenance db)')
const urlOf = (database: string) => {
  const url = new URL(server)
  url.pathname = `/${database}`
  return url.toString()
}
const keyFile = (database: string) => join(OUT_DIR, `log-verify-${database}.skey`)
const [mode, ...args] = process.argv.slice(2)

if (mode === 'prepare') {
  const lines = Number(args[0])
  const database = args[1] ?? 'glasshouse_bench_verify'
  const path = await firstLines(lines)
  const admin = await openPostgres(server)
  await sql.raw(`drop database if exists ${database} with (force)`).execute(admin.db)
  await sql.raw(`create database ${database}`).execute(admin.db)
  await admin.close()
  const open = await openPostgres(urlOf(database))
  const skey = benchLogKey()
  writeFileSync(keyFile(database), skey, { mode: 0o600 })
  const file = { path, lines, applications: lines, bytes: 0 }
  const log = benchDecisionLog(skey)
  const measured = await timeImport(open, file, {
    cpuSources: {},
    log,
    sourceSha256: await fileSha256(path),
  })
  console.log(`imported ${lines} lines in ${measured.seconds.toFixed(1)} s`)
  await sql`vacuum (analyze)`.execute(open.db)
  await open.close()
} else if (mode === 'verify') {
  const database = args[0] ?? 'glasshouse_bench_verify'
  const part = args[1] ?? 'all'
  // BENCH_WORKERS=1 checks the register on this thread alone (the one-thread baseline).
  const workers = process.env.BENCH_WORKERS ? { workers: Number(process.env.BENCH_WORKERS) } : {}
  const vkey = benchDecisionLog(readFileSync(keyFile(database), 'utf8')).vkey
  const open = await openPostgres(urlOf(database))
  await migrateToLatest(open.db) // a database prepared by an older build
  const time = async (
    label: string,
    run: () => Promise<{ ok?: boolean; problems?: unknown[] }>,
  ) => {
    const start = performance.now()
    const result = await run()
    const ok = result.ok ?? result.problems?.length === 0
    console.log(
      `${label}: ${((performance.now() - start) / 1000).toFixed(2)} s, ${ok ? 'verified' : 'NOT verified'}`,
    )
  }
  if (part === 'all' || part === 'tree')
    await time('tree (verifyLog)', () => verifyLog(open.db, [vkey], { origin: BENCH_LOG_ORIGIN }))
  if (part === 'all' || part === 'register')
    await time('register (verifyRegisterAgainstLog)', () =>
      verifyRegisterAgainstLog(open.db, { postgresUrl: urlOf(database), ...workers }),
    )
  if (part === 'all' || part === 'whole')
    await time('whole (verifyLogAndRegister)', () =>
      verifyLogAndRegister(open.db, {
        vkeys: [vkey],
        origin: BENCH_LOG_ORIGIN,
        postgresUrl: urlOf(database),
        ...workers,
      }),
    )
  await open.close()
} else {
  throw new Error('usage: log-verify.ts prepare <lines> [database] | verify [database] [part]')
}

/** The first `lines` applications of the log-integrity file (one line each), as a file. */
async function firstLines(lines: number): Promise<string> {
  const source = join(OUT_DIR, 'log-integrity-licences.csv')
  if (!existsSync(source)) throw new Error(`${source} is missing: run the log-integrity bench once`)
  const path = join(OUT_DIR, `log-verify-${lines}.csv`)
  if (existsSync(path)) return path
  const out = createWriteStream(path)
  let written = 0
  for await (const line of createInterface({ input: createReadStream(source) })) {
    if (written > lines) break // the header and `lines` lines
    out.write(`${line}\n`)
    written++
  }
  await new Promise((resolve) => out.end(resolve))
  return path
}
