import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import {
  ensureUkAuthority,
  readUkCaatLicences,
  UK_AUTHORITY,
  ukCaatCountryCode,
} from '../../src/capabilities/licensing/interchange/uk-caat-mapping.ts'
import type { ReportScope } from '../../src/capabilities/reporting/annual-report.ts'
import { streamLicenceRows } from '../../src/capabilities/reporting/licence-rows.ts'
import { buildAnnualReport } from '../../src/capabilities/reporting/report-data.ts'
import { parseScope } from '../../src/capabilities/reporting/report-scope.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import { TEST_LOG_KEY, TEST_SOURCE_SHA256, testDecisionLog } from '../factories.ts'
import { REQUIRE_SHARED_DATA, SHARED_DATA, useTestDatabase } from '../test-database.ts'

const VALUES = `${SHARED_DATA}export-licences/caat-uk-2008-2014/values.csv`
const haveData = existsSync(VALUES)
const YEARS = [2008, 2009, 2010, 2011, 2012, 2013, 2014]

if (!haveData && !REQUIRE_SHARED_DATA) {
  // biome-ignore lint/suspicious/noConsole: say why the test is skipped
  console.warn(`uk-annual-report: skipped, ${VALUES} is missing (REQUIRE_SHARED_DATA=1 fails)`)
}

type Expected = { licences: number; refusals: number; granted: number; valueMinor: number }

/**
 * Straight from values.csv: one licence per licence group and destination, its refused part
 * apart (the mapping's reference `UK-<group>-<ISO2>[-R]`); the year of its date; values in
 * whole pounds, none for refusals.
 */
function fromValuesCsv(): Map<number, Expected> {
  const rows = parse(readFileSync(VALUES), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
  }) as {
    licence_group: string
    date: string
    value: string
    country: string
    refused: string
  }[]
  const byYear = new Map<number, Expected & { keys: Set<string> }>()
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4))
    const entry = byYear.get(year) ?? {
      licences: 0,
      refusals: 0,
      granted: 0,
      valueMinor: 0,
      keys: new Set<string>(),
    }
    byYear.set(year, entry)
    const key = `${row.licence_group}|${ukCaatCountryCode(row.country)}|${row.refused}`
    if (!entry.keys.has(key)) {
      entry.keys.add(key)
      entry.licences += 1
      if (row.refused === '1') entry.refusals += 1
      else entry.granted += 1
    }
    entry.valueMinor += Math.round(Number(row.value === '' ? '0' : row.value) * 100)
  }
  return new Map(
    [...byYear].map(([year, { keys: _keys, ...expected }]) => [year, expected] as const),
  )
}

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('the UK 2008–2014 annual reports', () => {
  const database = useTestDatabase()
  let expected: Map<number, Expected>
  let scope: ReportScope

  beforeAll(async () => {
    expect(existsSync(VALUES), `${VALUES} is missing`).toBe(true)
    expected = fromValuesCsv()
    await ensureUkAuthority(database.db)
    const result = await importLicenceRows(database.db, readUkCaatLicences(VALUES), {
      log: testDecisionLog(),
      sourceSha256: TEST_SOURCE_SHA256,
      actor: 'cli',
      origin: 'cli',
    })
    expect(result.issueCount).toBe(0)
    scope = await parseScope(database.db, UK_AUTHORITY.id)
  }, 180_000)

  it('logs every imported decision, marked as imported, and the register verifies against the log', async () => {
    const verified = await verifyLogAndRegister(database.db, { vkeys: [TEST_LOG_KEY.vkey] })
    expect(verified.problems).toEqual([])
    const applications = await database.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(verified.decisions).toBe(Number(applications.n))
    const leaf = await database.db
      .selectFrom('log_leaves')
      .select('leaf')
      .where('kind', '=', 'decision')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(leaf.leaf)).toMatchObject({ action: 'import', imported: true })
  }, 120_000)

  it.each(YEARS)(
    '%i: licences, refusals and values equal a direct count of values.csv',
    async (year) => {
      const want = expected.get(year)
      expect(want, `no rows for ${year} in values.csv`).toBeDefined()
      const report = await buildAnnualReport(database.db, { year, scope })
      const gbp = (list: { currency: string; minor: number }[]) =>
        list.find((m) => m.currency === 'GBP')?.minor ?? 0
      const totals = report.totals
      expect({
        licences: report.licenceCount,
        refusals: totals.decisions.refused,
        granted: totals.decisions.granted,
        valueMinor: gbp(totals.valueGranted) + gbp(totals.valueRefused),
      }).toEqual(want)
      expect(totals.received).toBe(want?.licences)
      expect(report.previousYear === null).toBe(year === 2008)
      expect(report.byIssuingState.rows.map((r) => r.key)).toEqual(['GB'])
    },
  )

  it('streams every licence of a year', async () => {
    let count = 0
    let last = ''
    for await (const row of streamLicenceRows(database.db, { year: 2014, scope })) {
      const at = `${row.decidedOn} ${row.reference}`
      expect(at >= last, `${at} after ${last}`).toBe(true)
      last = at
      count += 1
    }
    expect(count).toBe(expected.get(2014)?.licences)
  })

  it('leaves the UK out of the EU report', async () => {
    const report = await buildAnnualReport(database.db, { year: 2012, scope: { kind: 'eu' } })
    expect(report.licenceCount).toBe(0)
    expect(report.previousYear).toBeNull()
  })
})
