// A fault run (issue 18): `glasshouse serve` killed with SIGKILL while annual reports are being
// published. Restarted, every report is whole (its row, all its files and its log leaf) or
// absent, and `log verify` passes.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openPGlite } from '../../src/platform/db/database.ts'
import { applicationBody } from '../factories.ts'
import { glasshouse } from '../glasshouse-cli.ts'
import { inThePGlitePass } from '../pglite-pass.ts'
import { api, killMidBurst, officialToken, serve } from '../serve-child.ts'

inThePGlitePass('annual report publication after a SIGKILL', () => {
  it('leaves every report whole or absent, and a log that verifies', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'glasshouse-report-kill-')), 'data')
    const port = 20000 + Math.floor(Math.random() * 2000)
    const token = await officialToken(dataDir, 'senior_officer')
    const server = await serve(dataDir, port)
    const call = api(port, token)
    // Some decisions of this year, so that each report has rows to render.
    for (let i = 0; i < 4; i++) {
      const body = applicationBody()
      expect((await call('POST', '/api/v1/applications', body)).status).toBe(201)
      for (const step of ['submit', 'review'])
        await call('POST', `/api/v1/applications/${body.reference}/${step}`)
      const refused = await call('POST', `/api/v1/applications/${body.reference}/decision`, {
        decision: 'refused',
        reasons: ['CP2'],
        explanation: 'Internal note',
        publicReason: 'A clear risk of internal repression',
      })
      expect(refused.status).toBe(200)
    }

    // A burst of six publications (each a new version); the server is killed while they run.
    const year = new Date().getUTCFullYear()
    const acknowledged = await killMidBurst(
      server,
      Array.from({ length: 6 }, (_, i) =>
        call('POST', '/api/v1/reports', { year, scope: ['EU', 'DE', 'de-bafa'][i % 3] }),
      ),
      201,
      2,
    )

    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    const result = JSON.parse(verified.stdout) as { reports: number }
    expect(result.reports).toBeGreaterThanOrEqual(acknowledged)
    expect(result.reports).toBeLessThan(6)

    // Every report row has every file and its leaf; no file without its report.
    const opened = await openPGlite(dataDir)
    try {
      const reports = await opened.db
        .selectFrom('annual_reports as r')
        .leftJoin('annual_report_files as f', 'f.report_id', 'r.id')
        .select(['r.id', 'r.log_index'])
        .select((eb) => eb.fn.count<number>('f.name').as('files'))
        .groupBy(['r.id', 'r.log_index'])
        .execute()
      expect(reports.length).toBe(result.reports)
      const fileCounts = new Set(reports.map((r) => Number(r.files)))
      expect([...fileCounts]).toHaveLength(1)
      expect([...fileCounts][0]).toBeGreaterThan(1)
      expect(reports.every((r) => r.log_index !== null)).toBe(true)
    } finally {
      await opened.close()
    }
  }, 180_000)
})
