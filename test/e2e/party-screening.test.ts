import { beforeAll, describe, expect, it } from 'vitest'
import { seedBuiltInList } from '../../src/capabilities/watchlists/built-in/seed-built-in-list.ts'
import { replaceListVersion } from '../../src/capabilities/watchlists/watchlist.repository.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { applicationBody, testApp, uniqueReference } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

type Hit = {
  source: string
  entityId: string
  score: number
  explanation: { summary: string; parts: unknown[] }
}
type Result = { threshold: number; lists: { source: string }[]; results: { hits: Hit[] }[] }

describe('party screening through the API and on submission', () => {
  beforeAll(async () => {
    await seedBuiltInList(database.db, systemClock)
    await replaceListVersion(database.db, systemClock, {
      format: 'ftm',
      files: [],
      actor: 'test',
      list: {
        source: 'test-sanctions',
        listDate: '2026-01-01',
        entities: [
          {
            entityId: 'p1',
            schema: 'Person',
            names: [
              { value: 'VISHNYAKOV, Aleksandr Ivanovich', quality: 'primary', kind: null },
              { value: 'Вишняков Александр Иванович', quality: 'good', kind: 'original-script' },
            ],
            countries: ['RU'],
            birthDates: ['1961-03-12'],
            identifiers: [{ type: 'passport', value: '7202345', country: 'RU' }],
            programmes: ['TEST'],
            listedOn: '2022-02-24',
            addresses: [],
            remarks: null,
          },
        ],
      },
    })
  })

  const screen = async (parties: unknown[], extra: object = {}) => {
    const { call } = testApp(database.db)
    const response = await call('POST', '/api/v1/screening/parties', { parties, ...extra })
    return { status: response.status, body: (await response.json()) as Result }
  }

  it('finds listed companies and people through variants, with explanations and list versions', async () => {
    const { status, body } = await screen([
      { name: 'Intellexa SA', schema: 'Company', country: 'GR' },
      { name: 'NSO GROUP TECHNOLOGIES LIMITED' },
      { name: 'Aleksandr Vishnyakov', schema: 'Person', country: 'RU' },
      { name: 'Александр Вишняков', schema: 'Person' },
    ])
    expect(status).toBe(200)
    expect(body.lists.map((l) => l.source)).toEqual(
      expect.arrayContaining(['glasshouse-surveillance-vendors', 'test-sanctions']),
    )
    const top = body.results.map((r) => r.hits[0])
    expect(top.map((h) => h?.entityId)).toEqual(['intellexa-sa', 'nso-group', 'p1', 'p1'])
    for (const hit of top) {
      expect(hit?.score).toBeGreaterThanOrEqual(body.threshold)
      expect(hit?.explanation.summary.length).toBeGreaterThan(10)
      expect(hit?.explanation.parts.length).toBeGreaterThan(0)
    }
  })

  it('stays quiet on ordinary names and answers odd queries without crashing', async () => {
    const { status, body } = await screen([
      { name: 'Intel Corporation' },
      { name: 'Deutsche Telekom AG' },
      { name: 'John Smith', schema: 'Person' },
      { name: '🙂🙃🙂' },
      { name: 'x'.repeat(10_000) },
    ])
    expect(status).toBe(200)
    expect(body.results.map((r) => r.hits.length)).toEqual([0, 0, 0, 0, 0])
  })

  it('refuses bad input naming the field', async () => {
    const { status, body } = await screen([{ name: 'Acme', country: 'XX' }])
    expect(status).toBe(400)
    expect(JSON.stringify(body)).toContain('parties.0.country')
    const tooMany = await screen(Array.from({ length: 1001 }, () => ({ name: 'A' })))
    expect(tooMany.status).toBe(400)
    const unknownKey = await screen([{ name: 'Acme', colour: 'red' }])
    expect(unknownKey.status).toBe(400)
  })

  it('screens every party on submission and keeps the result with the list versions used', async () => {
    const { call } = testApp(database.db)
    const body = applicationBody({
      consignee: { name: 'Cytrox Holdings ZRT', country: 'HU' },
      parties: [
        {
          role: 'intermediary',
          name: 'Thalestris Ltd',
          country: 'IE',
          type: 'private_company',
        },
      ],
    })
    expect((await call('POST', '/api/v1/applications', body)).status).toBe(201)
    expect((await call('POST', `/api/v1/applications/${body.reference}/submit`)).status).toBe(200)
    const response = await call('GET', `/api/v1/applications/${body.reference}/screenings`)
    expect(response.status).toBe(200)
    const { items } = (await response.json()) as {
      items: {
        partyCount: number
        hitCount: number
        lists: { source: string }[]
        parties: { role: string; hits: Hit[] }[]
      }[]
    }
    expect(items).toHaveLength(1)
    const [run] = items
    expect(run?.partyCount).toBe(4)
    expect(run?.lists.map((l) => l.source)).toContain('glasshouse-surveillance-vendors')
    const hitsByRole = Object.fromEntries(
      run?.parties.map((p) => [p.role, p.hits.map((h) => h.entityId)]) ?? [],
    )
    expect(hitsByRole).toEqual({
      exporter: [],
      consignee: ['cytrox-holdings'],
      end_user: [],
      intermediary: ['thalestris-limited'],
    })
  })

  it('answers 404 for the screenings of an unknown application', async () => {
    const { call } = testApp(database.db)
    const response = await call('GET', `/api/v1/applications/${uniqueReference()}/screenings`)
    expect(response.status).toBe(404)
  })

  it('publishes the list status without authentication', async () => {
    const { app } = testApp(database.db)
    const response = await app.request('/api/public/v1/watchlists')
    expect(response.status).toBe(200)
    const { items } = (await response.json()) as { items: { source: string; entities: number }[] }
    expect(items.find((l) => l.source === 'test-sanctions')?.entities).toBe(1)
    const page = await app.request('/watchlists')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Surveillance vendors publicly restricted')
  })
})
