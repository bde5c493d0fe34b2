import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '../../src/capabilities/accounts/tenant.ts'
import { applicationBody, exporterBody, type TestUsers, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

describe('tenant isolation', () => {
  let t: ReturnType<typeof testApp>
  let users: TestUsers
  let german: string
  let french: string
  beforeAll(async () => {
    t = testApp(database.db)
    users = await t.users()
    const created = async (response: Response) => {
      expect(response.status).toBe(201)
      return ((await response.json()) as { reference: string }).reference
    }
    german = await created(
      await t.callAs('exporter')('POST', '/api/v1/applications', exporterBody()),
    )
    expect(
      (await t.callAs('exporter')('POST', `/api/v1/applications/${german}/submit`)).status,
    ).toBe(200)
    const fr = exporterBody({ authorityId: 'fr-sbdu', exporter: { name: 'x', country: 'FR' } })
    french = await created(await t.callAs('otherExporter')('POST', '/api/v1/applications', fr))
    expect(
      (await t.callAs('otherExporter')('POST', `/api/v1/applications/${french}/submit`)).status,
    ).toBe(200)
  })

  describe('in the services', () => {
    it("hides another authority's application as if it did not exist", async () => {
      const other = t.callAs('otherOfficer')
      expect((await other('GET', `/api/v1/applications/${german}`)).status).toBe(404)
      expect((await other('GET', `/api/v1/applications/${german}/assessments`)).status).toBe(404)
      expect((await other('GET', `/api/v1/applications/${german}/screenings`)).status).toBe(404)
      const list = (await (await other('GET', '/api/v1/applications?limit=100')).json()) as {
        items: { reference: string }[]
      }
      expect(list.items.map((i) => i.reference)).toContain(french)
      expect(list.items.map((i) => i.reference)).not.toContain(german)
    })

    it('answers a reference another tenant holds exactly as one that nobody holds', async () => {
      const answer = async (response: Response) => `${response.status} ${await response.text()}`
      const draft = (caller: ReturnType<typeof t.callAs>, reference: string, authorityId: string) =>
        caller('POST', '/api/v1/applications', applicationBody({ reference, authorityId }))
      // A reference the register gave an exporter's application (german, "DE-2026-000123"),
      // and one of the same shape that nobody has.
      const unused = german.replace(/\d+$/, (digits) => '9'.repeat(digits.length))
      const officerOwn = applicationBody()
      expect((await t.callAs('officer')('POST', '/api/v1/applications', officerOwn)).status).toBe(
        201,
      )
      const unusedOwn = `de-bafa.${officerOwn.reference.slice('de-bafa.'.length)}x`
      // Another organisation's exporter, and another authority's official, try both.
      for (const [caller, authorityId] of [
        [t.callAs('otherExporter'), 'fr-sbdu'],
        [t.callAs('otherOfficer'), 'fr-sbdu'],
      ] as const) {
        const taken = await answer(await draft(caller, german, authorityId))
        expect(taken).toMatch(/^400 /)
        expect(await answer(await draft(caller, unused, authorityId))).toBe(taken)
        const takenByOfficer = await answer(await draft(caller, officerOwn.reference, authorityId))
        expect(takenByOfficer).toMatch(/^400 /)
        expect(await answer(await draft(caller, unusedOwn, authorityId))).toBe(takenByOfficer)
      }
      // Nothing was made by the refusals, and reading says "not found" for both alike.
      const other = t.callAs('otherOfficer')
      for (const reference of [unused, unusedOwn, officerOwn.reference])
        expect((await other('GET', `/api/v1/applications/${reference}`)).status).toBe(404)
      expect((await t.callAs('officer')('GET', `/api/v1/applications/${unusedOwn}`)).status).toBe(
        404,
      )
      // Each authority names its own: the same text after its own prefix is no collision, and
      // only a reference of one's own authority can be "taken".
      const suffix = officerOwn.reference.slice('de-bafa.'.length)
      expect((await draft(other, `fr-sbdu.${suffix}`, 'fr-sbdu')).status).toBe(201)
      const again = await draft(t.callAs('officer'), officerOwn.reference, 'de-bafa')
      expect(again.status).toBe(409)
      expect(((await again.json()) as { code: string }).code).toBe('reference_taken')
    })

    it("refuses writes to another tenant's application and changes nothing", async () => {
      const other = t.callAs('otherOfficer')
      expect((await other('POST', `/api/v1/applications/${german}/review`, {})).status).toBe(404)
      expect(
        (
          await other('POST', `/api/v1/applications/${german}/decision`, {
            decision: 'refused',
            reasons: ['CP2'],
            explanation: 'cross-tenant attempt',
          })
        ).status,
      ).toBe(404)
      const stranger = t.callAs('otherExporter')
      expect((await stranger('POST', `/api/v1/applications/${german}/withdraw`, {})).status).toBe(
        404,
      )
      const frenchBody = applicationBody({ authorityId: 'fr-sbdu', reference: german })
      expect((await stranger('PUT', `/api/v1/applications/${german}`, frenchBody)).status).toBe(404)
      const after = (await (
        await t.callAs('officer')('GET', `/api/v1/applications/${german}`)
      ).json()) as {
        state: string
        history: unknown[]
      }
      expect(after.state).toBe('submitted')
      expect(after.history).toHaveLength(1)
    })

    it('lets an officer create drafts only for their own authority, an exporter only for their organisation', async () => {
      const forFrance = applicationBody({ authorityId: 'fr-sbdu' })
      expect((await t.callAs('officer')('POST', '/api/v1/applications', forFrance)).status).toBe(
        403,
      )
      const response = await t.callAs('exporter')('POST', '/api/v1/applications', forFrance)
      expect(response.status).toBe(400)
      expect(JSON.stringify(await response.json())).toContain('authorityId')
    })

    it("keeps the authority's screening and assessment from the exporter, but shows the exporter its own application", async () => {
      const own = (await (
        await t.callAs('exporter')('GET', `/api/v1/applications/${german}`)
      ).json()) as {
        reference: string
        exporter: { name: string }
      }
      expect(own.reference).toBe(german)
      // Box 1 is the organisation as registered, whatever the form said.
      expect(own.exporter.name).toBe('Nordlicht Systems GmbH')
      expect(
        (await t.callAs('exporter')('GET', `/api/v1/applications/${german}/assessments`)).status,
      ).toBe(403)
    })

    it('lets analysts read every authority but change nothing', async () => {
      const analyst = t.callAs('analyst')
      expect((await analyst('GET', `/api/v1/applications/${german}`)).status).toBe(200)
      expect((await analyst('GET', `/api/v1/applications/${french}`)).status).toBe(200)
      expect((await analyst('POST', `/api/v1/applications/${german}/review`, {})).status).toBe(403)
    })

    it('keeps four-eyes: the proposer cannot confirm their own revocation', async () => {
      const body = applicationBody({
        destination: 'NO',
        consignee: { name: 'Fjord AS', country: 'NO' },
      })
      const officer = t.callAs('officer')
      await officer('POST', '/api/v1/applications', body)
      for (const step of ['submit', 'review'])
        await officer('POST', `/api/v1/applications/${body.reference}/${step}`)
      const granted = await officer('POST', `/api/v1/applications/${body.reference}/decision`, {
        decision: 'granted',
        reasons: ['NO_SIGNIFICANT_RISK'],
        justification: 'Allied destination, verified end user',
      })
      if (granted.status === 202)
        await t.callAs('secondOfficer')(
          'POST',
          `/api/v1/applications/${body.reference}/confirmation`,
          { confirm: true },
        )
      const proposed = await officer('POST', `/api/v1/applications/${body.reference}/revoke`, {
        reasons: ['NEW_EVIDENCE'],
        explanation: 'Diversion reported',
      })
      expect(proposed.status).toBe(202)
      const self = await officer('POST', `/api/v1/applications/${body.reference}/confirmation`, {
        confirm: true,
      })
      expect(self.status).toBe(403)
      const foreign = await t.callAs('otherOfficer')(
        'POST',
        `/api/v1/applications/${body.reference}/confirmation`,
        {
          confirm: true,
        },
      )
      expect(foreign.status).toBe(404)
      const rejected = await t.callAs('secondOfficer')(
        'POST',
        `/api/v1/applications/${body.reference}/confirmation`,
        {
          confirm: false,
          note: 'Evidence not yet corroborated',
        },
      )
      expect(rejected.status).toBe(200)
      expect(((await rejected.json()) as { state: string }).state).toBe('granted')
    })
  })

  describe('in the database (row-level security)', () => {
    it('gives a deliberately unfiltered query only the tenant’s own rows', async () => {
      const french_ = await withTenant(database.db, users.otherOfficer.principal, (trx) =>
        trx.selectFrom('applications').select(['reference', 'authority_id']).execute(),
      )
      expect(french_.length).toBeGreaterThan(0)
      expect(new Set(french_.map((r) => r.authority_id))).toEqual(new Set(['fr-sbdu']))
      const decisions = await withTenant(database.db, users.otherOfficer.principal, (trx) =>
        trx
          .selectFrom('decisions')
          .innerJoin('applications', 'applications.id', 'decisions.application_id')
          .select('applications.authority_id')
          .execute(),
      )
      expect(new Set(decisions.map((r) => r.authority_id))).toEqual(new Set(['fr-sbdu']))
      // The same query as the owner sees both authorities: the filter is the database's doing.
      const all = await database.db
        .selectFrom('applications')
        .select('authority_id')
        .distinct()
        .execute()
      expect(all.map((r) => r.authority_id)).toEqual(expect.arrayContaining(['de-bafa', 'fr-sbdu']))
    })

    it("gives an exporter its organisation's rows and none of the authority's working records", async () => {
      const own = await withTenant(database.db, users.exporter.principal, async (trx) => ({
        applications: await trx.selectFrom('applications').select('organisation_id').execute(),
        assessments: await trx.selectFrom('assessments').select('id').execute(),
        screenings: await trx.selectFrom('screening_runs').select('id').execute(),
        denials: await trx.selectFrom('denial_notices').select('id').execute(),
      }))
      expect(own.applications.length).toBeGreaterThan(0)
      expect(new Set(own.applications.map((r) => r.organisation_id))).toEqual(
        new Set([users.exporter.principal.organisationId]),
      )
      expect(own).toMatchObject({ assessments: [], screenings: [], denials: [] })
    })

    it("refuses to write another tenant's rows", async () => {
      const updated = await withTenant(database.db, users.otherOfficer.principal, (trx) =>
        trx
          .updateTable('applications')
          .set({ intended_use: 'tampered' })
          .where('reference', '=', german)
          .executeTakeFirst(),
      )
      expect(updated.numUpdatedRows).toBe(0n)
      const row = await database.db
        .selectFrom('applications')
        .select(['id', 'intended_use'])
        .where('reference', '=', german)
        .executeTakeFirstOrThrow()
      expect(row.intended_use).not.toBe('tampered')
      await expect(
        withTenant(database.db, users.otherOfficer.principal, (trx) =>
          trx
            .insertInto('information_requests')
            .values({ application_id: row.id, question: 'x', asked_by: 'x' })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/)
    })

    it('keeps the account tables out of the tenant role’s reach', async () => {
      await expect(
        withTenant(database.db, users.officer.principal, (trx) =>
          sql`select password_hash from users`.execute(trx),
        ),
      ).rejects.toThrow(/permission denied/)
    })
  })
})
