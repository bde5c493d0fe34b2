import { describe, expect, it } from 'vitest'
import { applicationBody, grantWithFourEyes, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

type Proposal = {
  reference: string
  kinds: string[]
  outcome: string
  evidence: { kind: string; evidence: { rule: string }[] }[]
}
type Investigation = {
  id: number
  status: string
  policyVersion: number
  authorityScope: string | null
  progress: { inScope: number; licencesDone: number; proposals: number; findings: number }
}

/** A licence as officers make one: drafted, submitted (screened, assessed), reviewed, granted. */
async function license(t: ReturnType<typeof testApp>, overrides: Record<string, unknown> = {}) {
  const body = applicationBody(overrides)
  expect((await t.call('POST', '/api/v1/applications', body)).status).toBe(201)
  expect((await t.call('POST', `/api/v1/applications/${body.reference}/submit`)).status).toBe(200)
  expect((await t.call('POST', `/api/v1/applications/${body.reference}/review`)).status).toBe(200)
  const granted = await grantWithFourEyes(t, body.reference, {
    justification: 'Granted after consultation: end use verified by the embassy',
  })
  expect(granted.status, await granted.clone().text()).toBe(200)
  return body.reference
}

const norwegianTelecom = {
  consignee: { name: 'Telenor ASA', country: 'NO' },
  endUser: {
    name: 'Telenor ASA',
    country: 'NO',
    type: 'telecom_operator',
    description: 'Mobile operator',
  },
  governmentAgency: null,
  destination: 'NO',
  intendedUse: 'Lawful interception gateway required by Norwegian law',
}

const cryptoLibrary = {
  ...norwegianTelecom,
  items: [
    {
      controlEntry: '5D002',
      description: 'Cryptography library',
      quantity: '1',
      value: '1200.00',
      currency: 'EUR',
    },
  ],
}

describe('an investigation after the moratorium', () => {
  it('proposes revoking every active cyber-surveillance licence; revocations reach the register, the log and the annual report', async () => {
    const t = testApp(database.db)
    const year = Number(new Date().toISOString().slice(0, 4))
    const cyber = [
      await license(t, norwegianTelecom),
      await license(t, norwegianTelecom),
      await license(t), // interception for the UAE's intelligence service
    ]
    const crypto = await license(t, cryptoLibrary)
    const eu005 = await license(t, {
      ...norwegianTelecom,
      licenceType: 'eu_general',
      gea: 'EU005',
    })
    const french = await (async () => {
      const body = applicationBody({ ...norwegianTelecom, authorityId: 'fr-sbdu' })
      const fr = t.callFor('fr-sbdu')
      expect((await fr('POST', '/api/v1/applications', body)).status).toBe(201)
      for (const step of ['submit', 'review'])
        expect((await fr('POST', `/api/v1/applications/${body.reference}/${step}`)).status).toBe(
          200,
        )
      const proposed = await fr('POST', `/api/v1/applications/${body.reference}/decision`, {
        decision: 'granted',
        reasons: ['NO_SIGNIFICANT_RISK'],
        justification: 'Granted after consultation',
      })
      if (proposed.status === 202)
        expect(
          (
            await t.callFor('fr-sbdu', 'second')(
              'POST',
              `/api/v1/applications/${body.reference}/confirmation`,
              { confirm: true },
            )
          ).status,
        ).toBe(200)
      return body.reference
    })()

    const on = await t.call('POST', '/api/v1/policy/moratorium', {
      active: true,
      reason: 'Council moratorium on cyber-surveillance exports adopted',
    })
    expect(on.status).toBe(201)
    const policyVersion = ((await on.json()) as { version: number }).version

    const started = await t.callAs('investigator')('POST', '/api/v1/investigations?wait=true', {
      reason: 'Moratorium adopted: every licence re-screened',
    })
    expect(started.status, await started.clone().text()).toBe(201)
    const investigation = (await started.json()) as Investigation
    expect(investigation).toMatchObject({
      status: 'completed',
      policyVersion,
      authorityScope: null,
    })
    expect(investigation.progress.licencesDone).toBe(investigation.progress.inScope)

    // The Commission's view: every authority's proposals.
    const all = (await (
      await t.callAs('investigator')('GET', `/api/v1/investigations/${investigation.id}/proposals`)
    ).json()) as { items: Proposal[] }
    const proposed = new Map(all.items.map((p) => [p.reference, p]))
    for (const reference of [...cyber, eu005, french]) {
      expect(proposed.get(reference)?.kinds, reference).toContain('moratorium_applies')
      expect(proposed.get(reference)?.outcome).toBe('open')
    }
    expect(proposed.has(crypto)).toBe(false)
    const gea = proposed.get(eu005)
    expect(gea?.kinds).toContain('gea_outside_scope')
    expect(gea?.evidence.find((e) => e.kind === 'gea_outside_scope')?.evidence[0]?.rule).toBe(
      'authorisation.general-scope',
    )

    // A German officer sees the German proposals only, and cannot decide the French one.
    const officer = t.callAs('officer')
    const own = (await (
      await officer('GET', `/api/v1/investigations/${investigation.id}/proposals`)
    ).json()) as { items: Proposal[] }
    expect(own.items.map((p) => p.reference)).not.toContain(french)
    expect(own.items.map((p) => p.reference)).toEqual(expect.arrayContaining([...cyber, eu005]))
    const foreign = await officer(
      'POST',
      `/api/v1/investigations/${investigation.id}/proposals/${french}/decision`,
      { decision: 'revoke', reasons: ['MORATORIUM'], explanation: 'Moratorium in force' },
    )
    expect(foreign.status).toBe(404)

    // Revoke two and suspend one (four-eyes: proposed, then confirmed), maintain one.
    const decide = (reference: string, body: unknown) =>
      officer(
        'POST',
        `/api/v1/investigations/${investigation.id}/proposals/${reference}/decision`,
        body,
      )
    const revoked = [cyber[0] as string, eu005]
    for (const reference of revoked) {
      const answer = await decide(reference, {
        decision: 'revoke',
        reasons: ['MORATORIUM', 'NEW_EVIDENCE'],
        explanation: 'The moratorium now covers this item; revoked on the investigation’s finding',
      })
      expect(answer.status, await answer.clone().text()).toBe(202)
      expect(((await answer.json()) as Proposal).outcome).toBe('revocation_awaiting_confirmation')
      const confirmed = await t.callAs('secondOfficer')(
        'POST',
        `/api/v1/applications/${reference}/confirmation`,
        { confirm: true },
      )
      expect(confirmed.status).toBe(200)
    }
    const suspended = await decide(cyber[1] as string, {
      decision: 'suspend',
      reasons: ['MORATORIUM'],
      explanation: 'Suspended while the exporter’s end-use assurances are checked',
    })
    expect(suspended.status).toBe(202)
    expect(((await suspended.json()) as Proposal).outcome).toBe('suspension_awaiting_confirmation')
    const suspensionConfirmed = await t.callAs('secondOfficer')(
      'POST',
      `/api/v1/applications/${cyber[1]}/confirmation`,
      { confirm: true },
    )
    expect(suspensionConfirmed.status).toBe(200)
    const afterSuspension = (await (
      await officer('GET', `/api/v1/investigations/${investigation.id}/proposals`)
    ).json()) as { items: Proposal[] }
    expect(afterSuspension.items.find((p) => p.reference === cyber[1])?.outcome).toBe('suspended')
    const noReason = await decide(cyber[2] as string, { decision: 'maintain', reasons: [] })
    expect(noReason.status).toBe(400)
    expect(JSON.stringify(await noReason.json())).toContain('reasons')
    const maintained = await decide(cyber[2] as string, {
      decision: 'maintain',
      reasons: ['CONDITIONS'],
      explanation: 'Delivered and installed before the moratorium; end-use monitoring continues',
    })
    expect(maintained.status).toBe(200)
    expect(((await maintained.json()) as Proposal).outcome).toBe('maintained')
    expect(
      (
        await decide(cyber[2] as string, {
          decision: 'suspend',
          reasons: ['MORATORIUM'],
          explanation: 'again',
        })
      ).status,
    ).toBe(409)

    // The register shows the revocations.
    for (const reference of revoked) {
      const licence = (await (
        await t.app.request(`/api/public/v1/licences/${reference}`)
      ).json()) as { decision: string }
      expect(licence.decision).toBe('revoked')
    }
    // The decision log holds each revocation.
    for (const reference of revoked) {
      const row = await database.db
        .selectFrom('decisions as d')
        .innerJoin('applications as a', 'a.id', 'd.application_id')
        .select(['d.log_index', 'd.confirmed_by'])
        .where('a.reference', '=', reference)
        .where('d.action', '=', 'revoke')
        .executeTakeFirstOrThrow()
      expect(row.confirmed_by).not.toBeNull()
      const leaf = (await (
        await t.app.request(`/api/public/v1/log/leaves/${row.log_index}`)
      ).json()) as { subject: string; leaf: string }
      expect(leaf.subject).toContain(reference)
      expect(leaf.leaf).toContain('revoke')
    }
    // The annual report counts them among the year's decisions and lists them as denials.
    const report = (await (
      await t.app.request(`/api/public/v1/reports/live?year=${year}&scope=DE`)
    ).json()) as {
      totals: { decisions: { revoked: number; suspended: number } }
      denials: { reference: string; outcome: string }[]
    }
    expect(report.totals.decisions.revoked).toBe(2)
    expect(report.totals.decisions.suspended).toBe(1)
    expect(
      report.denials
        .filter((d) => d.outcome === 'revoked')
        .map((d) => d.reference)
        .sort(),
    ).toEqual([...revoked].sort())

    // Infringements, for the Commission: EU005 outside its scope was granted against a prohibitive finding.
    const flags = (await (
      await t.callAs('analyst')('GET', `/api/v1/investigations/${investigation.id}/infringements`)
    ).json()) as {
      items: { authorityId: string; licences: { reference: string; kinds: string[] }[] }[]
    }
    const bafa = flags.items.find((g) => g.authorityId === 'de-bafa')
    expect(bafa?.licences.map((l) => l.reference)).toContain(eu005)
    expect(bafa?.licences.find((l) => l.reference === eu005)?.kinds).toContain('gea_outside_scope')
    expect(
      (await officer('GET', `/api/v1/investigations/${investigation.id}/infringements`)).status,
    ).toBe(403)

    // The public report: outcomes, no officers, no people.
    const publicReport = await t.app.request(
      `/api/public/v1/investigations/${investigation.id}/report`,
    )
    expect(publicReport.status).toBe(200)
    const text = await publicReport.text()
    const parsed = JSON.parse(text) as {
      totals: { byOutcome: Record<string, number> }
      licences: { reference: string; proposal: string | null }[]
    }
    expect(parsed.totals.byOutcome).toMatchObject({ revoked: 2, suspended: 1, maintained: 1 })
    expect(parsed.licences.find((l) => l.reference === cyber[2])?.proposal).toBe('maintained')
    const users = await t.users()
    for (const secret of [
      users.officer.principal.userId,
      users.investigator.principal.userId,
      'Telenor',
      'State Security',
    ])
      expect(text).not.toContain(secret)
    const page = await t.app.request(`/investigations/${investigation.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Moratorium adopted: every licence re-screened')
    expect(html).toContain(eu005)
    expect(html).toContain('Revoked')
    expect(html).not.toContain('Telenor')
    expect((await t.app.request('/investigations/999999')).status).toBe(404)
    const csv = await t.app.request(`/api/public/v1/investigations/${investigation.id}/report.csv`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toContain('reference,issuing_state')
    expect(lines.some((l) => l.startsWith(`${eu005},DE,de-bafa,eu_general,EU005`))).toBe(true)
  })

  it('keeps a senior officer’s investigation to their own authority, and refuses bad scopes by field', async () => {
    const t = testApp(database.db)
    const bad = await t.call('POST', '/api/v1/investigations', {
      reason: 'Check',
      scope: { destinations: ['Narnia'], decidedFrom: '2026-13-01' },
    })
    expect(bad.status).toBe(400)
    const problem = JSON.stringify(await bad.json())
    expect(problem).toContain('destinations')
    expect(problem).toContain('decidedFrom')
    expect((await t.call('POST', '/api/v1/investigations', { scope: {} })).status).toBe(400)
    expect(
      (await t.callAs('officer')('POST', '/api/v1/investigations', { reason: 'x y z' })).status,
    ).toBe(403)
    expect(
      (await t.callAs('analyst')('POST', '/api/v1/investigations', { reason: 'x y z' })).status,
    ).toBe(403)

    const started = await t.call('POST', '/api/v1/investigations?wait=true', {
      reason: 'New evidence of abuse in the UAE',
      scope: { destinations: ['AE'], geas: ['EU005'] },
    })
    expect(started.status).toBe(201)
    const own = (await started.json()) as Investigation
    expect(own.authorityScope).toBe('de-bafa')
    // Another authority's official does not see it at all.
    expect((await t.callFor('fr-sbdu')('GET', `/api/v1/investigations/${own.id}`)).status).toBe(404)
    expect((await t.callAs('investigator')('GET', `/api/v1/investigations/${own.id}`)).status).toBe(
      200,
    )
    expect((await t.callAs('investigator')('GET', '/api/v1/investigations/999999')).status).toBe(
      404,
    )
    expect((await t.callAs('investigator')('GET', '/api/v1/investigations/abc')).status).toBe(400)
    expect((await t.app.request('/api/public/v1/investigations/999999/report')).status).toBe(404)
    // Bad input anywhere: a 4xx naming the field, never a 500.
    const investigator = t.callAs('investigator')
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/v1/investigations', 'not json'],
      ['POST', '/api/v1/investigations', { reason: 'x y z', scope: 'everything' }],
      ['POST', '/api/v1/investigations', { reason: 'x y z', scope: { colour: ['red'] } }],
      ['POST', '/api/v1/investigations', { reason: 'x y z', scope: { technologies: ['magic'] } }],
      ['POST', '/api/v1/investigations', { reason: 'x y z', scope: { geas: ['EU009'] } }],
      ['POST', '/api/v1/investigations?wait=maybe', { reason: 'x y z' }],
      ['GET', '/api/v1/investigations/0', undefined],
      ['GET', `/api/v1/investigations/${'9'.repeat(30)}`, undefined],
      ['POST', `/api/v1/investigations/${own.id}/resume?wait=true`, {}],
      ['POST', '/api/v1/investigations/424242/resume', {}],
      [
        'POST',
        `/api/v1/investigations/${own.id}/proposals/NOPE/decision`,
        { decision: 'revoke', reasons: ['NEW_EVIDENCE'], explanation: 'x' },
      ],
      ['POST', `/api/v1/investigations/${own.id}/proposals/NOPE/decision`, { decision: 'burn' }],
    ]
    for (const [method, path, body] of attempts) {
      const response = await (method === 'GET' ? investigator : t.call)(method, path, body)
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400)
      expect(response.status, `${method} ${path}`).toBeLessThan(500)
    }
    const unknownKey = await t.call('POST', '/api/v1/investigations', {
      reason: 'x y z',
      scope: { colour: ['red'] },
    })
    expect(JSON.stringify(await unknownKey.json())).toContain('colour')
  })

  it('lets an officer decide a proposal from the workspace page', async () => {
    const t = testApp(database.db)
    const reference = await license(t, norwegianTelecom)
    const started = await t.callAs('investigator')('POST', '/api/v1/investigations?wait=true', {
      reason: 'Workspace check',
      scope: { exporter: 'Nordlicht' },
    })
    const { id } = (await started.json()) as Investigation
    expect((await t.callAnonymously('GET', `/workspace/investigations/${id}`)).status).toBe(303)
    const officer = t.callAs('officer')
    const page = await officer('GET', `/workspace/investigations/${id}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(reference)
    expect((await t.callAs('exporter')('GET', `/workspace/investigations/${id}`)).status).toBe(403)
    const post = (body: string) =>
      officer('POST', `/workspace/investigations/${id}/proposals/${reference}`, body, {
        'content-type': 'application/x-www-form-urlencoded',
      })
    const wrong = await post('decision=maintain&reasons=&explanation=')
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('There is a problem')
    const done = await post(
      `decision=maintain&reasons=CONDITIONS&explanation=${encodeURIComponent('End-use monitoring continues under conditions')}`,
    )
    expect(done.status).toBe(303)
    const after = await (
      await officer('GET', `/workspace/investigations/${id}?done=maintain`)
    ).text()
    expect(after).toContain('your reasons are recorded')
    expect(after).toContain('End-use monitoring continues under conditions')
  })
})
