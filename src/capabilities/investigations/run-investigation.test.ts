import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createOfficial, testDecisionLog } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { systemClock } from '../../platform/clock.ts'
import { withTenant } from '../accounts/tenant.ts'
import {
  createOrganisation,
  createUser,
  findUser,
  principalOf,
} from '../accounts/user.repository.ts'
import { seedDemo } from '../licensing/demo/seed-demo.ts'
import { createLicensingService } from '../licensing/licensing.service.ts'
import { createEvidenceInForce } from '../risk-assessment/evidence/evidence-in-force.ts'
import { setMoratorium } from '../risk-assessment/policy/policy.repository.ts'
import { seedBuiltInList } from '../watchlists/built-in/seed-built-in-list.ts'
import { createScreeningService } from '../watchlists/screening.service.ts'
import { findInvestigation, savePage } from './investigation.repository.ts'
import { createInvestigationsService } from './investigations.service.ts'

const database = useTestDatabase()
const PAGE = 25
let prepared: ReturnType<typeof prepare> | undefined
/** One demo register for the file (seeded on first use). */
const setUp = () => {
  prepared ??= prepare()
  return prepared
}

async function prepare() {
  const { db } = database
  await seedDemo(db, { log: testDecisionLog(), applications: 1500, seed: 9 })
  await seedBuiltInList(db, systemClock)
  await setMoratorium(db, systemClock, true, { actor: 'test', reason: 'Moratorium adopted' })
  const screening = createScreeningService({ db, clock: systemClock })
  const service = createInvestigationsService({
    db,
    clock: systemClock,
    screening,
    licensing: createLicensingService({ db, clock: systemClock, decisionLog: testDecisionLog() }),
    loadEvidence: createEvidenceInForce(),
  })
  const user = await createUser(db, {
    email: 'investigator@olaf.test.example',
    displayName: 'Investigator',
    role: 'investigator',
  })
  const row = await findUser(db, user.id)
  if (!row) throw new Error('no investigator')
  return { service, investigator: principalOf(row) }
}

/** Every finding and proposal of an investigation, without its id, in a stable order. */
async function outcome(id: number) {
  const findings = await sql<{ row: string }>`
    select concat_ws('|', application_id, kind, significant, infringement, level_then, level_now,
      title, evidence::text, public) as row
    from investigation_findings where investigation_id = ${id} order by 1`.execute(database.db)
  const proposals = await sql<{ row: string }>`
    select concat_ws('|', application_id, level_then, level_now, kinds::text) as row
    from revocation_proposals where investigation_id = ${id} order by 1`.execute(database.db)
  return { findings: findings.rows.map((r) => r.row), proposals: proposals.rows.map((r) => r.row) }
}

describe('running an investigation', () => {
  it('resumes an interrupted run after its last committed page, with the same findings as an uninterrupted one', async () => {
    const { service, investigator } = await setUp()
    const reason = 'Moratorium adopted: re-screen everything'

    const whole = await service.start({ scope: {}, reason }, investigator)
    expect(whole.progress.inScope).toBeGreaterThan(3 * PAGE)
    const done = await service.run(whole.id, { pageSize: PAGE })
    expect(done.status).toBe('completed')
    expect(done.progress.licencesDone).toBe(whole.progress.inScope)
    const expected = await outcome(whole.id)
    expect(expected.proposals.length).toBeGreaterThan(0)
    expect(done.progress.findings).toBe(expected.findings.length)
    expect(done.progress.proposals).toBe(expected.proposals.length)

    // Killed after page 3: three pages committed, the rest not started.
    const interrupted = await service.start({ scope: {}, reason }, investigator)
    const stop = new AbortController()
    const stopped = await service.run(interrupted.id, {
      pageSize: PAGE,
      signal: stop.signal,
      onPage: (p) => {
        if (p.pagesDone === 3) stop.abort()
      },
    })
    expect(stopped.status).toBe('running')
    expect(stopped.progress).toMatchObject({ pagesDone: 3, licencesDone: 3 * PAGE })
    const partial = await outcome(interrupted.id)
    expect(partial.findings.length).toBeLessThan(expected.findings.length)

    // A page committed again (a second process running the same investigation) is refused
    // whole: nothing is inserted twice and the counters stay.
    const again = await findInvestigation(database.db, interrupted.id)
    await expect(
      savePage(database.db, interrupted.id, {
        lastId: again?.progress.cursor ?? 0,
        licences: PAGE,
        results: [],
      }),
    ).rejects.toMatchObject({ code: 'investigation_running_elsewhere' })
    expect((await findInvestigation(database.db, interrupted.id))?.progress).toEqual(
      again?.progress,
    )

    const resumed = await service.resume(interrupted.id, investigator, { pageSize: PAGE })
    expect(resumed.status).toBe('completed')
    expect(resumed.progress.licencesDone).toBe(done.progress.licencesDone)
    expect(resumed.progress.findings).toBe(done.progress.findings)
    expect(await outcome(interrupted.id)).toEqual(expected)
    await expect(service.resume(interrupted.id, investigator)).rejects.toMatchObject({
      code: 'investigation_completed',
    })
  })

  it('narrows the scope by its filters and to a senior officer’s own authority', async () => {
    const { service, investigator } = await setUp()
    const count = async (scope: unknown) =>
      (await service.start({ scope, reason: 'Scope check' }, investigator)).progress.inScope
    const all = await count({})
    const granted = await database.db
      .selectFrom('applications as a')
      .leftJoin('licences as l', 'l.application_id', 'a.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.state', '=', 'granted')
      .where((eb) =>
        eb.or([eb('l.valid_until', 'is', null), eb('l.valid_until', '>=', systemClock.today())]),
      )
      .executeTakeFirstOrThrow()
    expect(all).toBe(Number(granted.n))
    const german = await count({ issuingStates: ['de'] })
    expect(german).toBeGreaterThan(0)
    expect(german).toBeLessThan(all)
    expect(await count({ issuingStates: ['DE'], controlEntries: ['5A001'] })).toBeLessThanOrEqual(
      german,
    )
    expect(await count({ exporter: '%_' })).toBe(0)
    expect(await count({ decidedFrom: '2999-01-01' })).toBe(0)

    const senior = await createOfficial(database.db, 'fr-sbdu', 'senior_officer')
    const own = await service.start({ scope: {}, reason: 'Our licences' }, senior)
    expect(own.authorityScope).toBe('fr-sbdu')
    expect(own.progress.inScope).toBe(await count({ authorities: ['fr-sbdu'] }))
    await expect(
      service.start({ scope: { issuingStates: ['XXX'] }, reason: 'bad' }, investigator),
    ).rejects.toMatchObject({ code: 'validation_failed' })
  })

  it('keeps findings and proposals to their authority’s officials in the database itself', async () => {
    const { service, investigator } = await setUp()
    const run = await service.start({ scope: {}, reason: 'Tenancy check' }, investigator)
    await service.run(run.id, { pageSize: 200 })
    const french = await createOfficial(database.db, 'fr-sbdu', 'officer')
    // Deliberately unfiltered reads, as the tenant role: only fr-sbdu's licences come back.
    const seen = await withTenant(database.db, french, async (trx) => {
      const rows = await sql<{ authority_id: string }>`
        select a.authority_id from investigation_findings f
        join applications a on a.id = f.application_id where f.investigation_id = ${run.id}
        union all
        select a.authority_id from revocation_proposals p
        join applications a on a.id = p.application_id where p.investigation_id = ${run.id}`.execute(
        trx,
      )
      const all = await sql<{ n: number }>`select count(*)::int as n from revocation_proposals
        where investigation_id = ${run.id}`.execute(trx)
      // Another authority's proposal cannot be marked decided.
      const changed = await sql`update revocation_proposals set decision = 'maintain'
        where investigation_id = ${run.id}
          and application_id in (select id from applications where authority_id <> 'fr-sbdu')`.execute(
        trx,
      )
      return { rows: rows.rows, own: all.rows[0]?.n ?? 0, changed: Number(changed.numAffectedRows) }
    })
    expect(seen.rows.length).toBeGreaterThan(0)
    expect(new Set(seen.rows.map((r) => r.authority_id))).toEqual(new Set(['fr-sbdu']))
    expect(seen.changed).toBe(0)
    const total = await sql<{ n: number }>`select count(*)::int as n from revocation_proposals
      where investigation_id = ${run.id}`.execute(database.db)
    expect(seen.own).toBeLessThan(total.rows[0]?.n ?? 0)
    // An exporter's account reads none of it.
    await createOrganisation(database.db, {
      id: 'tenancy-exporter',
      name: 'Tenancy Exporter SAS',
      country: 'FR',
      authorityId: 'fr-sbdu',
    })
    const user = await createUser(database.db, {
      email: 'exporter@tenancy.test.example',
      displayName: 'Exporter',
      role: 'exporter',
      organisationId: 'tenancy-exporter',
    })
    const row = await findUser(database.db, user.id)
    if (!row) throw new Error('no exporter')
    const exporterSees = await withTenant(database.db, principalOf(row), async (trx) => {
      const f = await sql<{
        n: number
      }>`select count(*)::int as n from investigation_findings`.execute(trx)
      const p = await sql<{
        n: number
      }>`select count(*)::int as n from revocation_proposals`.execute(trx)
      return (f.rows[0]?.n ?? 0) + (p.rows[0]?.n ?? 0)
    })
    expect(exporterSees).toBe(0)
  })
})
