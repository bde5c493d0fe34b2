import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importList } from '../../src/capabilities/watchlists/import-list.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { applicationBody, testApp } from '../factories.ts'
import { REQUIRE_SHARED_DATA, SHARED_DATA, useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
const UN = `${SHARED_DATA}sanctions/un/un_sc_consolidated_2026-02-27.xml`

type Assessment = {
  level: string
  recommendation: string
  reasonCodes: string[]
  policyVersion: number
  trigger: string
  findings: { rule: string; severity: string }[]
  summary: string
}

async function submit(body: ReturnType<typeof applicationBody>) {
  const { call } = testApp(database.db)
  expect((await call('POST', '/api/v1/applications', body)).status).toBe(201)
  expect((await call('POST', `/api/v1/applications/${body.reference}/submit`)).status).toBe(200)
  const list = await call('GET', `/api/v1/applications/${body.reference}/assessments`)
  return ((await list.json()) as { items: Assessment[] }).items
}

const cryptoForOslo = () =>
  applicationBody({
    consignee: { name: 'Universitetet i Oslo', country: 'NO' },
    endUser: {
      name: 'Universitetet i Oslo',
      country: 'NO',
      type: 'research',
      description: 'Public university, department of informatics',
    },
    governmentAgency: null,
    destination: 'NO',
    intendedUse: 'Teaching and research on secure messaging protocols',
    items: [
      {
        controlEntry: '5D002',
        description: 'Cryptography library',
        quantity: '1',
        value: '1200.00',
        currency: 'EUR',
      },
    ],
    endUseFlags: [],
    dueDiligence: { summary: 'Stakeholder and destination screening done', completedOn: null },
    internalComplianceProgramme: true,
  })

describe('risk assessment through the API', () => {
  it('assesses every submission under the policy in force and stores it', async () => {
    const items = await submit(cryptoForOslo())
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      trigger: 'submission',
      policyVersion: 1,
      level: 'low',
      recommendation: 'approve',
    })
  })

  it('refuses intrusion software for the intelligence service of a Pegasus Project state', async () => {
    const body = applicationBody({
      endUser: {
        name: 'State Security Service',
        country: 'AZ',
        type: 'government_intelligence',
        description: 'National intelligence service',
      },
      consignee: { name: 'Baku Systems LLC', country: 'AZ' },
      destination: 'AZ',
      items: [
        {
          controlEntry: '4D004',
          description: 'Intrusion software delivery platform',
          quantity: '1',
          value: '4000000.00',
          currency: 'EUR',
        },
      ],
    })
    const [assessment] = await submit(body)
    expect(assessment).toMatchObject({ level: 'prohibitive', recommendation: 'refuse' })
    expect(assessment?.reasonCodes).toContain('CP2A')

    // Granting against the recommendation needs a justification, which the record keeps.
    const { call, callAs, users } = testApp(database.db)
    await call('POST', `/api/v1/applications/${body.reference}/review`)
    const bare = await call('POST', `/api/v1/applications/${body.reference}/decision`, {
      decision: 'granted',
      reasons: ['NO_SIGNIFICANT_RISK'],
    })
    expect(bare.status).toBe(400)
    expect(JSON.stringify(await bare.json())).toContain('justification')
    const justified = await call('POST', `/api/v1/applications/${body.reference}/decision`, {
      decision: 'granted',
      reasons: ['CONDITIONS'],
      justification: 'End-use assurances verified on site; licence limited to a test system',
    })
    // Assessed high or worse, the grant waits for a second officer (four-eyes).
    expect(justified.status).toBe(202)
    const confirmed = await callAs('secondOfficer')(
      'POST',
      `/api/v1/applications/${body.reference}/confirmation`,
      { confirm: true, note: 'Checked the assurances' },
    )
    expect(confirmed.status).toBe(200)
    const application = (await confirmed.json()) as {
      history: { action: string; againstRecommendation: boolean; justification: string | null }[]
    }
    expect(application.history.at(-1)).toMatchObject({
      confirmedBy: (await users()).secondOfficer.principal.userId,
      action: 'grant',
      againstRecommendation: true,
      justification: 'End-use assurances verified on site; licence limited to a test system',
    })
  })

  it('assesses again on demand, and the same input gives the same hash', async () => {
    const body = cryptoForOslo()
    const [first] = await submit(body)
    const { call } = testApp(database.db)
    const again = await call('POST', `/api/v1/applications/${body.reference}/assessments`)
    expect(again.status).toBe(201)
    const second = (await again.json()) as Assessment & { inputSha256: string }
    expect(second.trigger).toBe('on_demand')
    expect(second.recommendation).toBe(first?.recommendation)
    const missing = await call('POST', '/api/v1/applications/NOPE-1/assessments')
    expect(missing.status).toBe(404)
  })

  it('switches the moratorium on and off through the API, publicly visible', async () => {
    const { app, call } = testApp(database.db)
    const bad = await call('PUT', '/api/v1/policy', { policy: { name: 'x' }, reason: 'test' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('levels')

    const on = await call('POST', '/api/v1/policy/moratorium', {
      active: true,
      reason: 'Moratorium adopted pending safeguards',
    })
    expect(on.status).toBe(201)
    const publicPolicy = (await (await app.request('/api/public/v1/policy')).json()) as {
      version: number
      policy: { moratorium: { active: boolean } }
    }
    expect(publicPolicy.policy.moratorium.active).toBe(true)

    const held = applicationBody({ consignee: { name: 'Telenor ASA', country: 'NO' } })
    const [assessment] = await submit({
      ...held,
      endUser: {
        name: 'Telenor ASA',
        country: 'NO',
        type: 'telecom_operator',
        description: 'Mobile operator',
      },
      destination: 'NO',
    })
    expect(assessment?.recommendation).toBe('refuse')
    expect(assessment?.reasonCodes).toContain('MORATORIUM')

    await call('POST', '/api/v1/policy/moratorium', {
      active: false,
      reason: 'Safeguards in force',
    })
    const [after] = await submit(cryptoForOslo())
    expect(after?.reasonCodes).not.toContain('MORATORIUM')
    const versions = (await (await app.request('/api/public/v1/policy/versions')).json()) as {
      items: { reason: string }[]
    }
    expect(versions.items[0]?.reason).toBe('Safeguards in force')
  })

  it.skipIf(!existsSync(UN) && !REQUIRE_SHARED_DATA)(
    'refuses a consignee on the UN list, citing SANCTIONS',
    async () => {
      await importList(database.db, systemClock, { format: 'un-xml', paths: [UN], actor: 'test' })
      const [assessment] = await submit(
        applicationBody({
          consignee: { name: 'Korea Mining Development Trading Corporation', country: 'KP' },
          destination: 'CN',
          endUser: {
            name: 'Shenyang Electronics Co',
            country: 'CN',
            type: 'private_company',
            description: 'Reseller',
          },
          items: [
            {
              controlEntry: '5D002',
              description: 'Cryptography library',
              quantity: '1',
              value: '100.00',
              currency: 'EUR',
            },
          ],
        }),
      )
      expect(assessment?.recommendation).toBe('refuse')
      expect(assessment?.reasonCodes).toContain('SANCTIONS')
      expect(assessment?.findings.map((f) => f.rule)).toContain('party.watchlist-hit')
    },
  )
})
