import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DecisionLog } from '../capabilities/decision-log/decision-log.ts'
import {
  REPORT_FORMATS,
  type ReportFormat,
  renderReportFiles,
  sha256,
} from '../capabilities/reporting/outputs/report-files.ts'
import { publishReport } from '../capabilities/reporting/publication.ts'
import { buildAnnualReport } from '../capabilities/reporting/report-data.ts'
import { parseScope } from '../capabilities/reporting/report-scope.ts'
import type { Clock } from '../platform/clock.ts'
import type { Db } from '../platform/db/database.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

/**
 * `glasshouse report`: computes the annual report of a year and scope and writes the chosen
 * format into a folder; with --publish, freezes it and logs its files' hashes instead.
 */
export async function reportCommand(
  db: Db,
  out: Out,
  o: {
    year?: string | undefined
    scope?: string | undefined
    format?: string | undefined
    outDir?: string | undefined
    publish: boolean
    clock: Clock
    log: DecisionLog
  },
) {
  const year = Number(o.year)
  if (!o.year || !Number.isInteger(year) || year < 1990 || year > 2200)
    throw new CliUsageError('report needs --year YYYY')
  if (!o.scope) throw new CliUsageError('report needs --scope EU|<ISO2>|<authority-id>')
  const scope = await parseScope(db, o.scope)
  const started = Date.now()
  if (o.publish) {
    const published = await publishReport(
      db,
      { clock: o.clock, log: o.log },
      { year, scope, actor: 'cli' },
    )
    out(
      `Published ${published.title}, version ${published.version} (report ${published.id}, log leaf ${published.logIndex}); ${published.files.length} files:\n${published.files.map((f) => `  ${f.sha256}  ${f.name}`).join('\n')}`,
      published,
    )
    return
  }
  if (!o.outDir) throw new CliUsageError('report needs --out DIR (or --publish)')
  const format = (o.format ?? 'html') as ReportFormat
  if (!REPORT_FORMATS.includes(format))
    throw new CliUsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`)
  const report = await buildAnnualReport(db, { year, scope, now: o.clock.now() })
  const files = await renderReportFiles(db, report, [format])
  mkdirSync(o.outDir, { recursive: true })
  for (const file of files) writeFileSync(join(o.outDir, file.name), file.content)
  const seconds = (Date.now() - started) / 1000
  out(
    `${report.title}: ${report.licenceCount} decisions; wrote ${files.map((f) => f.name).join(', ')} to ${o.outDir} in ${seconds.toFixed(1)} s.`,
    {
      year,
      scope: o.scope,
      licences: report.licenceCount,
      files: files.map((f) => ({
        name: f.name,
        bytes: f.content.length,
        sha256: sha256(f.content),
      })),
      seconds,
    },
  )
}
