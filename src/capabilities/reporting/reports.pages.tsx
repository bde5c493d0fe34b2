import { Hono } from 'hono'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { AppError } from '../../platform/http/errors.ts'
import { parseId } from '../../platform/http/id-param.ts'
import { Page } from '../portal/layout.tsx'
import { firstLicenceRows } from './licence-rows.ts'
import { REPORT_FORMATS, type ReportFormat, renderReportFiles } from './outputs/report-files.ts'
import { listPublishedReports, publishedFileHeaders, publishedReportFile } from './publication.ts'
import { renderReportHtml } from './report.page.tsx'
import { buildAnnualReport } from './report-data.ts'
import { parseScope, scopeKey } from './report-scope.ts'

const FORMAT_OF: Record<string, ReportFormat> = {
  'report.json': 'json',
  'datapackage.zip': 'datapackage',
  'report.html': 'html',
}

/** The reports archive and the live report in the portal: /reports, /reports/live, /reports/{id}/… */
export function createReportPages({ db, clock }: { db: Db; clock: Clock }) {
  const app = new Hono()

  app.get('/reports', async (c) => {
    const published = await listPublishedReports(db)
    const thisYear = Number(clock.today().slice(0, 4))
    return c.html(
      <Page title="Annual reports — Glasshouse">
        <h1>Annual reports</h1>
        <p>
          The report Article 26 of Regulation (EU) 2021/821 requires, with what the briefing asks
          beyond it: every licence with its item, exporter, end user, destination, intended use,
          government agency, value and decision. Published reports are frozen; the SHA-256 of each
          file is in the public decision log.
        </p>
        <h2>See a year now</h2>
        <form method="get" action="/reports/live">
          <p>
            <label for="year">Year</label>
            <input
              id="year"
              name="year"
              type="number"
              min="1990"
              max={thisYear}
              value={String(thisYear - 1)}
              required
            />
          </p>
          <p>
            <label for="scope">Scope: EU, a member state (DE) or an authority (de-bafa)</label>
            <input id="scope" name="scope" value="EU" required />
          </p>
          <button type="submit">Show the report</button>
        </form>
        <h2>Published</h2>
        {published.length === 0 ? (
          <p>No report has been published yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Scope</th>
                <th scope="col">Version</th>
                <th scope="col">Licences</th>
                <th scope="col">Published</th>
                <th scope="col">Log leaf</th>
              </tr>
            </thead>
            <tbody>
              {published.map((r) => (
                <tr>
                  <td>{r.year}</td>
                  <td>
                    <a href={`/reports/${r.id}/report.html`}>{r.title}</a>
                  </td>
                  <td>{r.version}</td>
                  <td>{r.licenceCount.toLocaleString('en')}</td>
                  <td>{r.publishedAt.slice(0, 10)}</td>
                  <td>{r.logIndex ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Page>,
    )
  })

  /** Reads ?year&scope; a wrong one gets the archive page's message, not a 500. */
  async function liveReport(year: string | undefined, scopeText: string | undefined) {
    const y = Number(year)
    if (!Number.isInteger(y) || y < 1990 || y > 2200)
      throw new AppError(400, 'validation_failed', 'year: a year such as 2025')
    return buildAnnualReport(db, {
      year: y,
      // No scope given (a shortened link): the whole Union, as the form proposes.
      scope: await parseScope(
        db,
        scopeText === undefined || scopeText.trim() === '' ? 'EU' : scopeText,
      ),
      now: clock.now(),
    })
  }

  app.get('/reports/live', async (c) => {
    const { year, scope } = c.req.query()
    let report: Awaited<ReturnType<typeof liveReport>>
    try {
      report = await liveReport(year, scope)
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error
      return c.html(
        <Page title="Annual report — Glasshouse">
          <h1>That report cannot be made</h1>
          <p role="alert">{error.message}</p>
          <p>
            <a href="/reports">Back to the reports</a>
          </p>
        </Page>,
        400,
      )
    }
    // The scope as resolved ('EU', 'DE', 'de-bafa'), so every download link names one.
    const query = new URLSearchParams({
      year: String(report.year),
      scope: scopeKey(report.scope),
    }).toString()
    const licences = await firstLicenceRows(db, { year: report.year, scope: report.scope }, 200)
    return c.html(
      renderReportHtml({
        report,
        licences,
        licencesTotal: report.licenceCount,
        downloads: [
          {
            label: 'Every table as CSV, with the data package',
            href: `/reports/live/datapackage.zip?${query}`,
          },
          { label: 'Every licence (CSV)', href: `/reports/live/licences.csv?${query}` },
          { label: 'The report as JSON', href: `/reports/live/report.json?${query}` },
        ],
        publication: null,
      }),
    )
  })

  app.get('/reports/live/:name{[a-z0-9-]+\\.(?:csv|json|zip)}', async (c) => {
    const name = c.req.param('name')
    const report = await liveReport(c.req.query('year'), c.req.query('scope'))
    const format: ReportFormat = FORMAT_OF[name] ?? 'csv'
    const files = await renderReportFiles(
      db,
      report,
      [format].filter((f) => REPORT_FORMATS.includes(f)),
    )
    const file = files.find((f) => f.name === name)
    if (!file) return c.notFound()
    return c.body(Buffer.from(file.content), 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${report.year}-${name}"`,
    })
  })

  // An id beyond the safe integers names no report (and is never sent to the database).
  app.get('/reports/:id{[0-9]+}', (c) => {
    const id = parseId(c.req.param('id'))
    return id === undefined ? c.notFound() : c.redirect(`/reports/${id}/report.html`, 301)
  })
  app.get('/reports/:id{[0-9]+}/:name{[a-z0-9-]+\\.(?:html|csv|json|zip)}', async (c) => {
    const name = c.req.param('name')
    const id = parseId(c.req.param('id'))
    if (id === undefined) return c.notFound()
    const file = await publishedReportFile(db, id, name)
    if (!file) return c.notFound()
    return c.body(Buffer.from(file.content), 200, publishedFileHeaders(file, name))
  })
  return app
}
