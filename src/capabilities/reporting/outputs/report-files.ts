import { createHash } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import { writeCsv } from '../../../platform/csv/csv-writer.ts'
import type { Db } from '../../../platform/db/database.ts'
import { type AnnualReport, DENIAL_OUTCOMES, type Outcome } from '../annual-report.ts'
import { firstLicenceRows, streamLicenceRows } from '../licence-rows.ts'
import { renderReportHtml } from '../report.page.tsx'
import { scopeKey } from '../report-scope.ts'
import {
  type Cell,
  LICENCE_FIELDS,
  licenceCells,
  type ReportTable,
  reportTables,
} from './report-tables.ts'

export const REPORT_FORMATS = ['html', 'csv', 'json', 'datapackage'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export type ReportFile = { name: string; mediaType: string; content: Uint8Array }

/** How many licences the HTML report lists; the CSV has them all. */
export const HTML_LICENCE_ROWS = 200

/** A table as CSV through the shared writer (formula-like text neutralised, numbers as they are). */
function csv(fields: { name: string }[], rows: Cell[][]): string {
  return writeCsv(rows, { header: fields.map((f) => f.name) })
}

/**
 * The per-licence table (or its denials) as CSV, read in batches so a year of a million licences
 * stays in bounds.
 */
async function licencesCsv(
  db: Db,
  report: AnnualReport,
  outcomes?: readonly Outcome[],
): Promise<string> {
  const parts = [csv(LICENCE_FIELDS, [])]
  let batch: Cell[][] = []
  const input = { year: report.year, scope: report.scope }
  for await (const row of streamLicenceRows(db, input, outcomes ? { outcomes } : {})) {
    batch.push(licenceCells(row))
    if (batch.length === 5000) {
      parts.push(writeCsv(batch))
      batch = []
    }
  }
  if (batch.length > 0) parts.push(writeCsv(batch))
  return parts.join('')
}

export function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

/** The Frictionless Data Package descriptor (datapackage.json) for the report's CSV files. */
export function dataPackageDescriptor(
  report: AnnualReport,
  tables: ReportTable[],
  files: ReportFile[],
) {
  const name = `glasshouse-annual-report-${scopeKey(report.scope).toLowerCase()}-${report.year}`
  const hashOf = (path: string) => {
    const file = files.find((f) => f.name === path)
    return file ? { hash: `sha256:${sha256(file.content)}`, bytes: file.content.length } : {}
  }
  return {
    profile: 'tabular-data-package',
    name,
    title: `${report.title} — Glasshouse annual report (Art. 26 Regulation (EU) 2021/821)`,
    created: report.generatedAt,
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    resources: [
      ...tables.map((t) => ({
        name: t.name,
        title: t.title,
        path: `${t.name}.csv`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        ...hashOf(`${t.name}.csv`),
        schema: { fields: t.fields },
      })),
      {
        name: 'denials',
        title: 'Denials: refusals, revocations and annulments of the year',
        path: 'denials.csv',
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        ...hashOf('denials.csv'),
        schema: { fields: LICENCE_FIELDS },
      },
      {
        name: 'licences',
        title: 'Every decision of the year (the briefing’s minimum fields)',
        path: 'licences.csv',
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        ...hashOf('licences.csv'),
        schema: { fields: LICENCE_FIELDS, primaryKey: ['reference', 'outcome', 'decided_on'] },
      },
    ],
  }
}

/**
 * Every file of a report: the HTML, the JSON, one CSV per table, the per-licence CSV and the
 * data package (a zip of datapackage.json and the CSVs). `formats` picks which.
 */
export async function renderReportFiles(
  db: Db,
  report: AnnualReport,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  extras: { publication?: Parameters<typeof renderReportHtml>[0]['publication'] } = {},
): Promise<ReportFile[]> {
  const text = (name: string, mediaType: string, body: string): ReportFile => ({
    name,
    mediaType,
    content: strToU8(body),
  })
  const tables = reportTables(report)
  const files: ReportFile[] = []
  const needsCsv = formats.includes('csv') || formats.includes('datapackage')
  const csvFiles = needsCsv
    ? [
        ...tables.map((t) => text(`${t.name}.csv`, 'text/csv', csv(t.fields, t.rows))),
        text('denials.csv', 'text/csv', await licencesCsv(db, report, DENIAL_OUTCOMES)),
        text('licences.csv', 'text/csv', await licencesCsv(db, report)),
      ]
    : []
  if (formats.includes('html')) {
    const licences = await firstLicenceRows(
      db,
      { year: report.year, scope: report.scope },
      HTML_LICENCE_ROWS,
    )
    const downloads = [
      { label: 'Every table as CSV, with the data package', href: 'datapackage.zip' },
      { label: 'Every licence (CSV)', href: 'licences.csv' },
      { label: 'The report as JSON', href: 'report.json' },
    ]
    files.push(
      text(
        'report.html',
        'text/html',
        renderReportHtml({
          report,
          licences,
          licencesTotal: report.licenceCount,
          downloads,
          publication: extras.publication ?? null,
        }),
      ),
    )
  }
  if (formats.includes('json'))
    files.push(text('report.json', 'application/json', `${JSON.stringify(report, null, 2)}\n`))
  if (formats.includes('csv')) files.push(...csvFiles)
  if (formats.includes('datapackage')) {
    const descriptor = dataPackageDescriptor(report, tables, csvFiles)
    const entries: Record<string, Uint8Array> = {
      'datapackage.json': strToU8(`${JSON.stringify(descriptor, null, 2)}\n`),
    }
    for (const f of csvFiles) entries[f.name] = f.content
    // A fixed timestamp keeps the zip's bytes, and so its published hash, reproducible.
    files.push({
      name: 'datapackage.zip',
      mediaType: 'application/zip',
      content: zipSync(entries, { mtime: new Date('2000-01-01T00:00:00Z') }),
    })
  }
  return files
}
