import { randomBytes } from 'node:crypto'
import { type Kysely, Migrator, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  applicationBody,
  createOfficial,
  TEST_SOURCE_SHA256,
  testDecisionLog,
} from '../../../test/factories.ts'
import { csvRow, csvText, stream } from '../../../test/licence-csv-fixtures.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import { type Db, openPGlite } from '../../platform/db/database.ts'
import * as publicText from '../../platform/db/migrations/2026_12_07_0300_public_text.ts'
import { migrations } from '../../platform/db/migrations/index.ts'
import type { Principal } from '../accounts/principal.ts'
import { withTenant } from '../accounts/tenant.ts'
import { ApplicationInputSchema } from '../licensing/application.schema.ts'
import { seedAuthorities } from '../licensing/authority.repository.ts'
import { seedDemo } from '../licensing/demo/seed-demo.ts'
import { importLicenceRows } from '../licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../licensing/interchange/read-licence-file.ts'
import { createLicensingService } from '../licensing/licensing.service.ts'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import { buildAnnualReport } from './report-data.ts'

const database = useTestDatabase()
const RUN = randomBytes(3).toString('hex')

type Facts = { events: Record<string, unknown>[]; values: Record<string, unknown>[] }

async function readFacts(db: Db): Promise<Facts> {
  const events = await sql<Record<string, unknown>>`select * from report_events
    order by application_id, decision_id nulls first`.execute(db)
  const values = await sql<Record<string, unknown>>`select * from report_values
    order by application_id, day, outcome, line_no`.execute(db)
  return { events: events.rows, values: values.rows }
}

/**
 * The facts the triggers kept equal those recomputed from scratch for every application (and
 * for any application the facts mention that no longer exists).
 */
async function expectFactsFresh(db: Db): Promise<Facts> {
  const kept = await readFacts(db)
  await sql`select report_facts_rebuild(array(select id from applications
    union select application_id from report_events
    union select application_id from report_values))`.execute(db)
  expect(await readFacts(db)).toEqual(kept)
  return kept
}

const eventsOf = (facts: Facts, applicationId: number) =>
  facts.events.filter((e) => Number(e.application_id) === applicationId)

async function applicationId(db: Db, reference: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

describe('the report facts', () => {
  const clock = fixedClock('2025-06-01T12:00:00Z')
  let officer: Principal
  let secondOfficer: Principal
  beforeAll(async () => {
    officer = await createOfficial(database.db, 'de-bafa')
    secondOfficer = await createOfficial(database.db, 'de-bafa')
  })

  it('follow an application through the service: draft, edit, submission, decisions, four-eyes', async () => {
    const service = createLicensingService({
      db: database.db,
      clock,
      decisionLog: testDecisionLog(),
    })
    const reference = `de-bafa.FACTS-${RUN}-SVC`
    const body = (items: unknown[], destination = 'AE') =>
      ApplicationInputSchema.parse(applicationBody({ reference, items, destination }))
    const item = (controlEntry: string, value: string, currency = 'EUR') => ({
      controlEntry,
      description: `Item ${controlEntry}`,
      quantity: '1',
      value,
      currency,
    })
    await service.createDraft(body([item('5A001.j', '100.00')]), officer)
    const id = await applicationId(database.db, reference)
    expect(eventsOf(await expectFactsFresh(database.db), id)).toEqual([])

    // A draft's items and destination change: still no facts, and none stale later.
    await service.updateDraft(
      reference,
      body(
        [item('5A001.j', '100.00'), item('5D001.a', '50.00', 'SEK'), item('5A001.j', '7.00')],
        'KZ',
      ),
      officer,
    )
    await service.act(reference, 'submit', { reasons: [] }, officer)
    let facts = await expectFactsFresh(database.db)
    expect(eventsOf(facts, id)).toMatchObject([
      { outcome: null, day: expect.anything(), destination: 'KZ', issuing_state: 'DE' },
    ])

    await service.act(reference, 'start_review', { reasons: [] }, officer)
    await service.act(reference, 'grant', { reasons: ['CONDITIONS'] }, officer)
    await service.act(
      reference,
      'suspend',
      { reasons: ['NEW_EVIDENCE'], explanation: 'Under examination' },
      officer,
    )
    // Four-eyes under the default policy: the suspension waits for the second officer too.
    await service.confirm(reference, { confirm: true }, secondOfficer)
    await service.act(reference, 'reinstate', { reasons: [] }, officer)
    // Four-eyes: the revocation is a decision only once the second officer confirms it.
    await service.act(
      reference,
      'revoke',
      { reasons: ['POLICY_CHANGE', 'POLICY_CHANGE'], explanation: 'Moratorium' },
      officer,
    )
    expect(eventsOf(await expectFactsFresh(database.db), id)).toHaveLength(3)
    await service.confirm(reference, { confirm: true }, secondOfficer)

    facts = await expectFactsFresh(database.db)
    const events = eventsOf(facts, id)
    expect(events.map((e) => e.outcome)).toEqual([null, 'granted', 'suspended', 'revoked'])
    expect(events.at(-1)).toMatchObject({ reason_codes: ['POLICY_CHANGE'] })
    // Entries, technologies and cyber entries, each list distinct and sorted.
    const [entries, technologies] = String(events[0]?.items).split('\x1e')
    expect(entries).toBe(['5A001.j', '5D001.a'].join('\x1f'))
    expect(technologies?.split('\x1f')).toEqual([...new Set(technologies?.split('\x1f'))].sort())
    // The grant's value lines: one per item line, in its currency.
    expect(
      facts.values
        .filter((v) => Number(v.application_id) === id)
        .map((v) => [v.outcome, v.control_entry, v.currency, Number(v.value_minor)]),
    ).toEqual([
      ['granted', '5A001.j', 'EUR', 10000],
      ['granted', '5D001.a', 'SEK', 5000],
      ['granted', '5A001.j', 'EUR', 700],
    ])
  })

  it('are kept by an import, its applications and items written by separate statements', async () => {
    const reference = (n: number) => `FACTS-${RUN}-IMP-${n}`
    const rows = [
      csvRow({ reference: reference(1), control_entry: '5A001.j', decided_on: '2025-03-01' }),
      csvRow({ reference: reference(1), control_entry: '5A002.a', decided_on: '2025-03-01' }),
      csvRow({ reference: reference(2), decision: 'refused', decision_reasons: 'CP2' }),
      csvRow({ reference: reference(3), decision: 'withdrawn', decision_reasons: '' }),
    ]
    const result = await importLicenceRows(database.db, readLicenceCsv(stream(csvText(rows))), {
      actor: 'test',
      log: testDecisionLog(),
      sourceSha256: TEST_SOURCE_SHA256,
    })
    expect(result.issueCount).toBe(0)
    const facts = await expectFactsFresh(database.db)
    const first = eventsOf(facts, await applicationId(database.db, reference(1)))
    expect(first.map((e) => e.outcome)).toEqual([null, 'granted'])
    const third = eventsOf(facts, await applicationId(database.db, reference(3)))
    expect(third.map((e) => e.outcome)).toEqual([null, 'withdrawn'])
  })

  it('are kept by the demo register', async () => {
    await seedDemo(database.db, {
      log: testDecisionLog(),
      applications: 60,
      seed: 7,
      referencePrefix: `FD${RUN}`,
    })
    const facts = await expectFactsFresh(database.db)
    expect(facts.events.length).toBeGreaterThan(60)
  })

  it('follow changes to items and application columns made after a decision', async () => {
    const id = await applicationId(database.db, `FACTS-${RUN}-IMP-1`)
    await sql`update application_items set value_minor = value_minor + 1, cyber_surveillance = true
      where application_id = ${id} and line_no = 2`.execute(database.db)
    await sql`update applications set destination = 'BR', gea = 'EU001' where id = ${id}`.execute(
      database.db,
    )
    await sql`delete from application_items where application_id = ${id} and line_no = 1`.execute(
      database.db,
    )
    const facts = await expectFactsFresh(database.db)
    expect(eventsOf(facts, id)).toMatchObject([
      { destination: 'BR', gea: 'EU001', cyber: true },
      { destination: 'BR', gea: 'EU001', cyber: true },
    ])
  })

  it('give the report the same totals as the live tables', async () => {
    const report = await buildAnnualReport(database.db, { year: 2025, scope: { kind: 'eu' } })
    const live = await sql<{ outcome: string; n: string }>`
      select report_outcome(d.action, d.to_state) as outcome, count(*) as n
      from decisions d join applications a on a.id = d.application_id
      join authorities au on au.id = a.authority_id
      where d.decided_on between '2025-01-01' and '2025-12-31'
        and au.member_state in (${sql.join(EU_MEMBER_STATES)})
        and report_outcome(d.action, d.to_state) is not null
      group by 1`.execute(database.db)
    for (const row of live.rows) {
      expect(report.totals.decisions[row.outcome as 'granted']).toBe(Number(row.n))
    }
    expect(live.rows.length).toBeGreaterThan(0)
  })

  it('are out of the tenant role’s reach', async () => {
    await expect(
      withTenant(database.db, officer, (trx) => sql`select * from report_events`.execute(trx)),
    ).rejects.toThrow(/permission denied/)
    await expect(
      withTenant(database.db, officer, (trx) => sql`select * from report_values`.execute(trx)),
    ).rejects.toThrow(/permission denied/)
  })
})

describe('the report-facts migration', () => {
  it('fills the facts of the rows already in the register', async () => {
    const opened = await openPGlite('memory://')
    try {
      const db = opened.db
      const migrator = new Migrator({
        db: db as Kysely<unknown>,
        provider: { getMigrations: async () => migrations },
      })
      await migrator.migrateTo('2026_11_28_2200_create_annual_reports')
      // Today's register writer needs today's public-text columns (the migration is idempotent).
      await publicText.up(db as Kysely<unknown>)
      await seedAuthorities(db)
      await seedDemo(db, { log: testDecisionLog(), applications: 80, seed: 3 })
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const facts = await expectFactsFresh(db)
      const counted = await sql<{ n: string }>`select
          (select count(*) from decisions where report_outcome(action, to_state) is not null)
          + (select count(*) from applications where submitted_on is not null) as n`.execute(db)
      expect(facts.events).toHaveLength(Number(counted.rows[0]?.n))
      expect(facts.values.length).toBeGreaterThan(0)
      // And the triggers keep them from then on.
      const csv = csvText([csvRow({ reference: 'AFTER-1', decided_on: '2025-02-01' })])
      await importLicenceRows(db, readLicenceCsv(stream(csv)), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      })
      expect((await expectFactsFresh(db)).events.length).toBeGreaterThan(facts.events.length)
    } finally {
      await opened.close()
    }
  })
})
