import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportLicences } from '../../src/capabilities/licensing/interchange/export-licences.ts'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import { renderReportFiles } from '../../src/capabilities/reporting/outputs/report-files.ts'
import { buildAnnualReport } from '../../src/capabilities/reporting/report-data.ts'
import { parseScope } from '../../src/capabilities/reporting/report-scope.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { PLANTED_FORMULAS } from '../csv-formula-fixtures.ts'
import { TEST_SOURCE_SHA256, testApp, testDecisionLog } from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { createTestDatabase, useTestDatabase } from '../test-database.ts'

/**
 * CSV (formula) injection: text an exporter typed, planted as a spreadsheet formula, reaches every
 * CSV the system produces only as text — the cell starts with `'` (OWASP). Each file is parsed
 * and the cells compared exactly. The investigation report and the screening answer are tested
 * beside their code (investigation-report.test.ts, watchlist-commands.test.ts); the writer in
 * src/platform/csv/csv-writer.test.ts.
 */
const database = useTestDatabase()
const YEAR = 2023

const PLANTED = PLANTED_FORMULAS
const reference = (i: number) => `CSVI-${i + 1}`
/** The importer trims, so values led by a tab or CR are stored directly, as old data could be. */
const LEADING_SPACE = PLANTED.flatMap((p, i) => (p === p.trim() ? [] : [i]))
const LEGACY_EXPORTER = 'Altbestand Systems GmbH'

const LICENCE_TEXT = [
  'item_description',
  'end_user_description',
  'intended_use',
  'government_agency',
]
const REPORT_TEXT = ['items', 'end_user', 'intended_use', 'government_agency']
const FORMULA_START = /^[=+\-@\t\r]/

type CsvRecord = Record<string, string>
const readCsv = (text: string): CsvRecord[] => parse(text, { columns: true })

/**
 * No cell of the file starts like a formula; each planted application's item text is exactly the
 * planted value behind a `'`, and so is every other text column where the planted value shows.
 */
function expectNeutralised(
  records: CsvRecord[],
  itemColumn: string,
  textColumns: string[],
  planted: readonly number[] = PLANTED.map((_, i) => i),
) {
  for (const record of records)
    for (const [column, cell] of Object.entries(record))
      expect(cell, `${record.reference} ${column}`).not.toMatch(FORMULA_START)
  for (const i of planted) {
    const value = PLANTED[i] as string
    const rows = records.filter((r) => r.reference === reference(i))
    expect(rows.length, reference(i)).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row[itemColumn], `${reference(i)} ${itemColumn}`).toBe(`'${value}`)
      for (const column of textColumns)
        if (row[column]?.includes(value.trim()))
          expect(row[column], `${reference(i)} ${column}`).toBe(`'${value}`)
    }
  }
}

async function exportText(db: Db, options: Parameters<typeof exportLicences>[2]) {
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk))
      callback()
    },
  })
  await exportLicences(db, sink, options)
  return chunks.join('')
}

function unzipCsvs(zip: Uint8Array): Record<string, string> {
  const entries = unzipSync(zip)
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([name]) => name.endsWith('.csv'))
      .map(([name, content]) => [name, strFromU8(content)]),
  )
}

/** The data package's tables: nothing starts like a formula; the licence tables as above. */
function expectPackageNeutralised(csvs: Record<string, string>) {
  expect(Object.keys(csvs)).toEqual(expect.arrayContaining(['licences.csv', 'denials.csv']))
  expect(Object.keys(csvs).length).toBeGreaterThan(2)
  for (const [name, text] of Object.entries(csvs)) {
    if (name === 'licences.csv' || name === 'denials.csv')
      expectNeutralised(readCsv(text), 'items', REPORT_TEXT)
    else expectNeutralised(readCsv(text), 'items', [], [])
  }
}

beforeAll(async () => {
  const rows = PLANTED.map((value, i) =>
    csvRow({
      reference: reference(i),
      exporter_name: LEADING_SPACE.includes(i) ? LEGACY_EXPORTER : 'Nordlicht Systems GmbH',
      item_description: value,
      end_user_description: value,
      intended_use: value,
      government_agency: value,
      submitted_on: `${YEAR}-01-15`,
      decision: 'refused',
      decided_on: `${YEAR}-03-01`,
      decision_reasons: 'CP2',
      decision_explanation: 'A clear risk of internal repression',
    }),
  )
  await importLicenceRows(database.db, readLicenceCsv(stream(csvText(rows))), {
    log: testDecisionLog(),
    sourceSha256: TEST_SOURCE_SHA256,
    actor: 'test',
  })
  for (const i of LEADING_SPACE) {
    const value = PLANTED[i] as string
    await sql`update applications set end_user_description = ${value}, intended_use = ${value},
      government_agency = ${value} where reference = ${reference(i)}`.execute(database.db)
    await sql`update application_items set description = ${value} where application_id =
      (select id from applications where reference = ${reference(i)})`.execute(database.db)
  }
})

describe('CSV formula injection', () => {
  it('the licence export (glasshouse export licences) neutralises them, full and public', async () => {
    expectNeutralised(
      readCsv(await exportText(database.db, { format: 'csv', public: false })),
      'item_description',
      LICENCE_TEXT,
    )
    expectNeutralised(
      readCsv(await exportText(database.db, { format: 'csv', public: true })),
      'item_description',
      LICENCE_TEXT,
    )
  })

  it('the licence export imports back to the planted values and exports to the same file', async () => {
    const filter = { exporter: 'Nordlicht' }
    const first = await exportText(database.db, { format: 'csv', public: false, filter })
    expect(first).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    const fresh = await createTestDatabase()
    try {
      await importLicenceRows(fresh.db, readLicenceCsv(stream(first)), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      })
      const stored = await fresh.db
        .selectFrom('applications')
        .select(['reference', 'intended_use', 'government_agency', 'end_user_description'])
        .orderBy('reference')
        .execute()
      const trimmed = PLANTED.flatMap((value, i) => (LEADING_SPACE.includes(i) ? [] : [value]))
      expect(stored.map((a) => a.intended_use)).toEqual(trimmed)
      expect(stored.map((a) => a.government_agency)).toEqual(trimmed)
      expect(stored.map((a) => a.end_user_description)).toEqual(trimmed)
      expect(await exportText(fresh.db, { format: 'csv', public: false })).toBe(first)
    } finally {
      await fresh.close()
    }
  })

  it('the register download /register/licences.csv neutralises them', async () => {
    const response = await testApp(database.db).app.request('/register/licences.csv')
    expect(response.status).toBe(200)
    expectNeutralised(readCsv(await response.text()), 'item_description', LICENCE_TEXT)
  })

  it('the live report CSVs (/reports/live/…) neutralise them, every table of the data package too', async () => {
    const { app } = testApp(database.db)
    const query = `year=${YEAR}&scope=DE`
    for (const name of ['licences.csv', 'denials.csv']) {
      const response = await app.request(`/reports/live/${name}?${query}`)
      expect(response.status, name).toBe(200)
      expectNeutralised(readCsv(await response.text()), 'items', REPORT_TEXT)
    }
    const zip = await app.request(`/reports/live/datapackage.zip?${query}`)
    expect(zip.status).toBe(200)
    const csvs = unzipCsvs(new Uint8Array(await zip.arrayBuffer()))
    expectPackageNeutralised(csvs)
    for (const name of Object.keys(csvs)) {
      const response = await app.request(`/reports/live/${name}?${query}`)
      expect(response.status, name).toBe(200)
      expect(await response.text(), name).toBe(csvs[name])
    }
  })

  it('the annual report files (glasshouse report --format csv|datapackage) neutralise them', async () => {
    const report = await buildAnnualReport(database.db, {
      year: YEAR,
      scope: await parseScope(database.db, 'DE'),
      now: new Date(),
    })
    const files = await renderReportFiles(database.db, report, ['csv', 'datapackage'])
    const csvs = Object.fromEntries(
      files.filter((f) => f.name.endsWith('.csv')).map((f) => [f.name, strFromU8(f.content)]),
    )
    expectPackageNeutralised(csvs)
    const zip = files.find((f) => f.name === 'datapackage.zip')
    expect(unzipCsvs(zip?.content ?? new Uint8Array())).toEqual(csvs)
  })

  it('the published report’s files and data package neutralise them', async () => {
    const t = testApp(database.db)
    const response = await t.call('POST', '/api/v1/reports', { year: YEAR, scope: 'DE' })
    expect(response.status, await response.clone().text()).toBe(201)
    const { id } = (await response.json()) as { id: number }
    const file = (name: string) => t.app.request(`/api/public/v1/reports/${id}/files/${name}`)
    for (const name of ['licences.csv', 'denials.csv'])
      expectNeutralised(readCsv(await (await file(name)).text()), 'items', REPORT_TEXT)
    const zip = new Uint8Array(await (await file('datapackage.zip')).arrayBuffer())
    expectPackageNeutralised(unzipCsvs(zip))
  })
})
