import { createReadStream } from 'node:fs'
import { sql } from 'kysely'
import type { DecisionLog } from '../src/capabilities/decision-log/decision-log.ts'
import { seedAuthorities } from '../src/capabilities/licensing/authority.repository.ts'
import { fileSha256 } from '../src/capabilities/licensing/interchange/file-sha256.ts'
import { importLicenceRows } from '../src/capabilities/licensing/interchange/import-licences.ts'
import { parseLicenceRow } from '../src/capabilities/licensing/interchange/licence-csv.ts'
import { readLicenceCsv } from '../src/capabilities/licensing/interchange/read-licence-file.ts'
import type { OpenDatabase } from '../src/platform/db/database.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { benchDecisionLog } from './bench-log.ts'
import { type CpuSources, type CpuSplit, measureCpu } from './cpu.ts'
import type { LicenceFile } from './licence-file.ts'
import { count, log, mib, sampleRss, throttledLog } from './progress.ts'

export type ImportMeasurement = {
  database: 'postgres' | 'pglite'
  version: string
  itemLines: number
  applications: number
  fileBytes: number
  seconds: number
  linesPerSecond: number
  applicationsPerSecond: number
  rssAtStartBytes: number
  peakRssBytes: number
  cpu: CpuSplit
}

/**
 * Migrates an empty database, then times `importLicenceRows` over the whole file, every decision
 * appended to a real decision log (a fresh bench key); closes the database.
 */
export async function measureImport(
  open: OpenDatabase,
  file: LicenceFile,
  cpuSources: CpuSources,
): Promise<ImportMeasurement> {
  try {
    return await timeImport(open, file, {
      cpuSources,
      log: benchDecisionLog(),
      sourceSha256: await fileSha256(file.path),
    })
  } finally {
    await open.close()
  }
}

/**
 * Migrates an empty database and times `importLicenceRows` over the whole file with the given
 * decision log; leaves the database open. The file's SHA-256 (what `glasshouse import` computes
 * before it starts) is the caller's, outside the time.
 */
export async function timeImport(
  open: OpenDatabase,
  file: LicenceFile,
  options: { cpuSources: CpuSources; log: DecisionLog; sourceSha256: string },
): Promise<ImportMeasurement> {
  const { db } = open
  await migrateToLatest(db)
  await seedAuthorities(db)
  const version = await sql<{ version: string }>`select version()`.execute(db)
  const progress = throttledLog()
  const rssAtStartBytes = process.memoryUsage().rss
  const rss = sampleRss()
  const cpu = measureCpu(options.cpuSources)
  const start = performance.now()
  const result = await importLicenceRows(db, readLicenceCsv(createReadStream(file.path)), {
    actor: 'bench',
    log: options.log,
    sourceSha256: options.sourceSha256,
    onProgress: (rows) => {
      const seconds = (performance.now() - start) / 1000
      progress(
        `  ${open.kind}: ${count(rows)} / ${count(file.lines)} lines ` +
          `(${count(Math.round(rows / seconds))} lines/s, RSS ${mib(process.memoryUsage().rss)})`,
      )
    },
  })
  const seconds = (performance.now() - start) / 1000
  const cpuSplit = cpu.stop()
  const peakRssBytes = rss.stop()
  if (result.issueCount > 0 || result.items !== file.lines)
    throw new Error(
      `${open.kind} import: ${result.items} items, ${result.issueCount} issues (expected ${file.lines}, 0)`,
    )
  const stored = await db
    .selectFrom('application_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(stored.n) !== file.lines)
    throw new Error(`${open.kind} holds ${stored.n} item lines after the import, not ${file.lines}`)
  log(`  ${open.kind}: imported ${count(result.items)} lines in ${seconds.toFixed(1)} s`)
  return {
    database: open.kind,
    version: version.rows[0]?.version ?? 'unknown',
    itemLines: result.items,
    applications: result.applications,
    fileBytes: file.bytes,
    seconds,
    linesPerSecond: result.items / seconds,
    applicationsPerSecond: result.applications / seconds,
    rssAtStartBytes,
    peakRssBytes,
    cpu: cpuSplit,
  }
}

export type ParseMeasurement = { seconds: number; linesPerSecond: number; cpu: CpuSplit }

/** Reads and validates every row without a database: the importer's floor. */
export async function measureReadAndValidate(file: LicenceFile): Promise<ParseMeasurement> {
  const cpu = measureCpu({})
  const start = performance.now()
  const progress = throttledLog()
  let rows = 0
  for await (const raw of readLicenceCsv(createReadStream(file.path))) {
    const parsed = parseLicenceRow(raw)
    if (!parsed.ok) throw new Error(`invalid row in the generated file: ${JSON.stringify(parsed)}`)
    rows += 1
    if (rows % 50_000 === 0) progress(`  read + validate: ${count(rows)} / ${count(file.lines)}`)
  }
  const seconds = (performance.now() - start) / 1000
  return { seconds, linesPerSecond: rows / seconds, cpu: cpu.stop() }
}
