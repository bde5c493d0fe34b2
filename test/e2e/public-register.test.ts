import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import { TEST_SOURCE_SHA256, testApp, testDecisionLog } from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
const prefix = `P${randomBytes(3).toString('hex')}`
const exporter = `Publica ${prefix} GmbH`

beforeAll(async () => {
  const rows = [
    csvRow({
      reference: `${prefix}-1`,
      exporter_name: exporter,
      destination: 'SA',
      consignee_country: 'SA',
      end_user_country: 'SA',
      control_entry: '4A005',
      decision: 'granted',
    }),
    csvRow({
      reference: `${prefix}-2`,
      exporter_name: exporter,
      destination: 'MX',
      consignee_country: 'MX',
      end_user_country: 'MX',
      control_entry: '5A001.f.2',
      decision: 'refused',
      decision_reasons: 'CP2',
      end_user_type: 'individual',
      end_user_name: 'Juan Ejemplo',
      end_user_description: 'Juan Ejemplo, businessman',
    }),
    csvRow({
      reference: `${prefix}-3`,
      exporter_name: exporter,
      decision: 'pending',
      decided_on: '',
      decision_reasons: '',
      decision_explanation: '',
    }),
    csvRow({
      reference: `${prefix}-4`,
      exporter_name: exporter,
      control_entry: '5A002',
      decision: 'revoked',
      decision_reasons: 'NEW_EVIDENCE',
    }),
    csvRow({
      reference: `${prefix}-5`,
      exporter_name: exporter,
      licence_type: 'eu_general',
      gea: 'EU005',
      destination: 'CN',
      consignee_country: 'CN',
      end_user_country: 'CN',
      end_user_type: 'telecom_operator',
      control_entry: '5A001.c',
      decision: 'granted',
    }),
  ]
  await importLicenceRows(database.db, readLicenceCsv(stream(csvText(rows))), {
    actor: 'test',
    log: testDecisionLog(),
    sourceSha256: TEST_SOURCE_SHA256,
  })
})

type Page = {
  items: { reference: string; endUser: { description: string }; decision: string }[]
  nextCursor: string | null
}

async function list(query: string): Promise<Page> {
  const { app } = testApp(database.db)
  const response = await app.request(
    `/api/public/v1/licences?exporter=${encodeURIComponent(exporter)}&${query}`,
  )
  expect(response.status).toBe(200)
  return (await response.json()) as Page
}

describe('public register API', () => {
  it('needs no token and publishes decided applications only', async () => {
    const page = await list('')
    expect(page.items.map((i) => i.reference).sort()).toEqual([
      `${prefix}-1`,
      `${prefix}-2`,
      `${prefix}-4`,
      `${prefix}-5`,
    ])
    const { app } = testApp(database.db)
    expect((await app.request(`/api/public/v1/licences/${prefix}-3`)).status).toBe(404)
  })

  it('never names a natural person', async () => {
    const { app } = testApp(database.db)
    const body = await (await app.request(`/api/public/v1/licences/${prefix}-2`)).text()
    expect(body).not.toContain('Juan')
    expect(JSON.parse(body)).toMatchObject({
      endUser: { description: 'natural person', country: 'MX' },
      decision: 'refused',
      decisionReasons: ['CP2'],
    })
  })

  it.each([
    ['destination=SA', [`${prefix}-1`]],
    ['technology=mobile_interception', [`${prefix}-2`]],
    ['controlEntry=4A005', [`${prefix}-1`]],
    ['controlEntry=5A001', [`${prefix}-2`, `${prefix}-5`]],
    ['decision=revoked', [`${prefix}-4`]],
    [
      'issuingState=DE&decidedFrom=2024-03-01&decidedTo=2024-03-01',
      [`${prefix}-1`, `${prefix}-2`, `${prefix}-4`, `${prefix}-5`],
    ],
    ['issuingState=FR', []],
    ['licenceType=eu_general', [`${prefix}-5`]],
    ['licenceType=individual', [`${prefix}-1`, `${prefix}-2`, `${prefix}-4`]],
    ['gea=EU005', [`${prefix}-5`]],
    ['gea=EU001', []],
  ])('filters by %s', async (query, expected) => {
    const page = await list(query)
    expect(page.items.map((i) => i.reference).sort()).toEqual(expected)
  })

  it('pages with a cursor, newest first, without repeats', async () => {
    const first = await list('limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const second = await list(`limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((i) => i.reference)).toEqual([`${prefix}-2`, `${prefix}-1`])
    expect(second.nextCursor).toBeNull()
  })

  it('narrows the register page by type of authorisation and by Union GEA, and says so', async () => {
    const { app } = testApp(database.db)
    const page = await app.request(
      `/register?gea=EU005&licenceType=eu_general&exporter=${encodeURIComponent(exporter)}`,
    )
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(`${prefix}-5`)
    expect(html).not.toContain(`${prefix}-1<`)
    expect(html).toContain('eu general authorisations, under EU005')
    expect(html).toMatch(/<option value="EU005" selected="">EU005 Telecommunications<\/option>/)
  })

  it('answers bad filters with 400 problem+json naming the field', async () => {
    const { app } = testApp(database.db)
    for (const [query, field] of [
      ['destination=saudi', 'destination'],
      ['limit=5000', 'limit'],
      ['cursor=zzz', 'cursor'],
      ['decidedFrom=2024-13-01', 'decidedFrom'],
      ['gea=EU009', 'gea'],
      ['licenceType=export', 'licenceType'],
    ]) {
      const response = await app.request(`/api/public/v1/licences?${query}`)
      expect(response.status, query).toBe(400)
      expect(await response.json()).toMatchObject({ issues: [expect.objectContaining({ field })] })
    }
  })

  it('serves reference data with sources', async () => {
    const { app } = testApp(database.db)
    const entries = (await (
      await app.request('/api/public/v1/reference/control-entries')
    ).json()) as { code: string; cyberSurveillance: boolean }[]
    expect(entries.find((e) => e.code === '5A001.j')).toMatchObject({ cyberSurveillance: true })
    const lists = (await (await app.request('/api/public/v1/reference/briefing-lists')).json()) as {
      pegasusProjectStates: string[]
    }
    expect(lists.pegasusProjectStates).toHaveLength(11)
    const authorities = (await (
      await app.request('/api/public/v1/authorities')
    ).json()) as unknown[]
    expect(authorities.length).toBeGreaterThanOrEqual(27)
  })

  it('serves the portal pages with a strict content security policy', async () => {
    const { app } = testApp(database.db)
    const home = await app.request('/')
    expect(home.status).toBe(200)
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await home.text()).toMatch(/^<!doctype html>/)
    const register = await app.request(`/register?exporter=${encodeURIComponent(exporter)}`)
    const html = await register.text()
    expect(html).toContain(`${prefix}-1`)
    expect(html).not.toContain('Juan')
    expect((await app.request('/register?destination=nowhere')).status).toBe(400)
    expect((await app.request('/api/docs')).status).toBe(200)
  })
})

describe('public cache', () => {
  it('serves public pages with an ETag and drops them when an authority decides', async () => {
    const { app, call, callAs } = testApp(database.db, undefined, 60)
    const url = `/api/public/v1/licences/${prefix}-1`
    const first = await app.request(url)
    expect(((await first.json()) as { decision: string }).decision).toBe('granted')
    const etag = first.headers.get('etag') as string
    expect((await app.request(url, { headers: { 'if-none-match': etag } })).status).toBe(304)
    const revoked = await call('POST', `/api/v1/applications/${prefix}-1/revoke`, {
      reasons: ['NEW_EVIDENCE'],
      explanation: 'Misuse',
    })
    // A revocation waits for a second officer; only the confirmation changes the public record.
    expect(revoked.status).toBe(202)
    const pending = await app.request(url)
    expect(((await pending.json()) as { decision: string }).decision).toBe('granted')
    const confirmed = await callAs('secondOfficer')(
      'POST',
      `/api/v1/applications/${prefix}-1/confirmation`,
      { confirm: true },
    )
    expect(confirmed.status).toBe(200)
    const after = await app.request(url)
    expect(((await after.json()) as { decision: string }).decision).toBe('revoked')
  })
})
