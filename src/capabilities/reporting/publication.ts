import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { reportLeaf } from '../decision-log/decision-leaf.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import type { ReportScope } from './annual-report.ts'
import { REPORT_FORMATS, renderReportFiles, sha256 } from './outputs/report-files.ts'
import { buildAnnualReport } from './report-data.ts'
import { scopeKey } from './report-scope.ts'

export type PublishedReport = {
  id: number
  year: number
  scope: string
  version: number
  title: string
  licenceCount: number
  publishedAt: string
  logIndex: number | null
  files: { name: string; mediaType: string; bytes: number; sha256: string }[]
}

/**
 * Publishes a report: computes it, renders every file, stores them frozen and appends their
 * hashes to the public decision log, all in one transaction. Publishing the same year and scope
 * again makes a new version; earlier versions stay.
 */
export async function publishReport(
  db: Db,
  deps: { clock: Clock; log?: DecisionLog | undefined },
  input: { year: number; scope: ReportScope; actor: string },
): Promise<PublishedReport> {
  const now = deps.clock.now()
  const report = await buildAnnualReport(db, { year: input.year, scope: input.scope, now })
  const key = scopeKey(input.scope)
  const files = await renderReportFiles(db, report, REPORT_FORMATS, {
    publication: { publishedAt: now.toISOString(), logIndex: null, sha256: {} },
  })
  const hashes = Object.fromEntries(files.map((f) => [f.name, sha256(f.content)]))
  const id = await db.transaction().execute(async (trx) => {
    const { latest } = await trx
      .selectFrom('annual_reports')
      .select((eb) => eb.fn.max('version').as('latest'))
      .where('year', '=', input.year)
      .where('scope_key', '=', key)
      .executeTakeFirstOrThrow()
    const version = Number(latest ?? 0) + 1
    const appended = deps.log
      ? await deps.log.append(trx, [
          reportLeaf({
            year: input.year,
            scope: key,
            version,
            publishedAt: now.toISOString(),
            files: hashes,
          }),
        ])
      : null
    const row = await trx
      .insertInto('annual_reports')
      .values({
        year: input.year,
        scope_key: key,
        version,
        title: report.title,
        report: JSON.stringify(report),
        licence_count: report.licenceCount,
        published_at: now,
        published_by: input.actor,
        log_index: appended?.firstIndex ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('annual_report_files')
      .values(
        files.map((f) => ({
          report_id: row.id,
          name: f.name,
          media_type: f.mediaType,
          content: f.content,
          sha256: hashes[f.name] as string,
        })),
      )
      .execute()
    return row.id
  })
  return (await findPublishedReport(db, id)) as PublishedReport
}

/** Every published report, newest year first: two queries, whatever the number of reports. */
export function listPublishedReports(db: Db): Promise<PublishedReport[]> {
  return publishedReports(db)
}

export async function findPublishedReport(db: Db, id: number): Promise<PublishedReport | null> {
  return (await publishedReports(db, id))[0] ?? null
}

async function publishedReports(db: Db, id?: number): Promise<PublishedReport[]> {
  let query = db
    .selectFrom('annual_reports')
    .select([
      'id',
      'year',
      'scope_key',
      'version',
      'title',
      'licence_count',
      'published_at',
      'log_index',
    ])
    .orderBy('year', 'desc')
    .orderBy('scope_key')
    .orderBy('version', 'desc')
  if (id !== undefined) query = query.where('id', '=', id)
  const rows = await query.execute()
  if (rows.length === 0) return []
  const files = await db
    .selectFrom('annual_report_files')
    .select([
      'report_id',
      'name',
      'media_type',
      'sha256',
      (eb) => eb.fn<number>('length', ['content']).as('bytes'),
    ])
    .where(
      'report_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('name')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    year: row.year,
    scope: row.scope_key,
    version: row.version,
    title: row.title,
    licenceCount: row.licence_count,
    publishedAt: row.published_at.toISOString(),
    logIndex: row.log_index,
    files: files
      .filter((f) => f.report_id === row.id)
      .map((f) => ({
        name: f.name,
        mediaType: f.media_type,
        bytes: Number(f.bytes),
        sha256: f.sha256,
      })),
  }))
}

/** The response headers of a published file: its hash is its ETag, and it never changes. */
export function publishedFileHeaders(
  file: { media_type: string; sha256: string },
  name: string,
): Record<string, string> {
  const text = file.media_type.startsWith('text/')
  return {
    'content-type': `${file.media_type}${text ? '; charset=utf-8' : ''}`,
    'content-disposition': `${name.endsWith('.html') ? 'inline' : 'attachment'}; filename="${name}"`,
    etag: `"${file.sha256}"`,
    'cache-control': 'public, max-age=31536000, immutable',
  }
}

export async function publishedReportFile(db: Db, id: number, name: string) {
  return db
    .selectFrom('annual_report_files')
    .select(['media_type', 'content', 'sha256'])
    .where('report_id', '=', id)
    .where('name', '=', name)
    .executeTakeFirst()
}
