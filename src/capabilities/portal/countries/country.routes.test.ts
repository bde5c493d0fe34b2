import { beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, grantWithFourEyes, testApp } from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { insertEvidenceSet } from '../../risk-assessment/evidence/evidence-set.repository.ts'
import { SECRET_PERSON, seedPortalRecords } from './portal-records.fixture.ts'

const database = useTestDatabase()
let refs: Awaited<ReturnType<typeof seedPortalRecords>>

beforeAll(async () => {
  refs = await seedPortalRecords(database.db)
})

const get = async (path: string) => {
  const response = await testApp(database.db).app.request(path)
  return { status: response.status, response, html: await response.text() }
}

/** The text of an HTML page without tags, so assertions read like what a person sees. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe('GET /countries', () => {
  it('lists destinations with published decisions, their counts and the Pegasus flag', async () => {
    const { status, html } = await get('/countries')
    expect(status).toBe(200)
    const ae =
      /<tr><th scope="row"><a href="\/countries\/AE">United Arab Emirates<\/a>.*?<\/tr>/.exec(
        html,
      )?.[0]
    expect(ae).toBeDefined()
    // granted, refused, revoked, suspended, annulled, expired, withdrawn, total
    expect(text(ae ?? '')).toContain('named 3 1 1 0 0 0 0 5')
    expect(html).toContain('href="/countries/SA"')
    // Germany is a destination too, and not a Pegasus Project state.
    const de = /<a href="\/countries\/DE">Germany<\/a>.*?<\/tr>/.exec(html)?.[0] ?? ''
    expect(text(de)).toContain('no 1 0 0 0 0 0 0 1')
    // Only a pending application goes to Togo: it is not published.
    expect(html).not.toContain('href="/countries/TG"')
  })

  it('sorts by name on request, by number of decisions otherwise', async () => {
    const byCount = (await get('/countries')).html
    expect(byCount.indexOf('/countries/AE')).toBeLessThan(byCount.indexOf('/countries/DE'))
    const byName = (await get('/countries?sort=name')).html
    expect(byName.indexOf('/countries/DE')).toBeLessThan(byName.indexOf('/countries/MX'))
    expect(byName.indexOf('/countries/MX')).toBeLessThan(byName.indexOf('/countries/AE'))
  })
})

describe('GET /countries/{code}', () => {
  it('shows the indicators with their publishers, editions, licences and links', async () => {
    const { status, html } = await get('/countries/AE')
    expect(status).toBe(200)
    const page = text(html)
    expect(page).toContain('United Arab Emirates (AE)')
    expect(page).toContain('No evidence set loaded')
    expect(page).toContain('18 / 100, Not free')
    expect(page).toContain('26.91, rank 164')
    expect(page).toContain('Freedom House, Freedom in the World 2024')
    expect(page).toContain('CC BY-SA 4.0')
    expect(page).toContain('RSF World Press Freedom Index 2025')
    expect(html).toContain('href="https://freedomhouse.org/report/freedom-world"')
    expect(html).toContain('href="https://rsf.org/en/index"')
  })

  it('says whether the Pegasus Project named the state, quoting the briefing', async () => {
    const ae = text((await get('/countries/AE')).html)
    expect(ae).toContain('Named: the Pegasus Project identified United Arab Emirates')
    expect(ae).toContain('Amnesty International, "Briefing on recommendations')
    const de = text((await get('/countries/DE')).html)
    expect(de).toContain('Not named: Germany is not among the states')
  })

  it('shows documented spyware abuse as vendors, products, sources and case counts', async () => {
    const page = text((await get('/countries/AE')).html)
    expect(page).toContain('Pegasus NSO Group 2016 confirmed infections')
    expect(page).toContain('13 documented victim cases attributed to United Arab Emirates')
    expect(page).toContain('7 of them in civil society')
    expect(page).toContain('Granitt Pegasus/Candiru Victim Database')
  })

  it('shows embargoes, or says there are none', async () => {
    expect(text((await get('/countries/RU')).html)).toContain('Council Decision 2014/512/CFSP')
    expect(text((await get('/countries/AE')).html)).toContain(
      'No EU or UN arms embargo or repression-equipment ban on United Arab Emirates is recorded.',
    )
  })

  it('charts the decisions per year with a table alternative, and links the latest decisions', async () => {
    const { html } = await get('/countries/AE')
    expect(html).toMatch(/<svg class="chart-svg" role="img"/)
    expect(html).toContain('<title>2024: 1 refused</title>')
    expect(html).toContain('<title>2025: 1 revoked</title>')
    const table =
      /<caption>Published decisions to United Arab Emirates per year<\/caption>.*?<\/table>/s.exec(
        html,
      )?.[0] ?? ''
    // year, granted, refused, revoked, suspended, annulled, expired, withdrawn, total
    expect(text(table)).toContain('2023 1 0 0 0 0 0 0 1')
    expect(text(table)).toContain('2024 1 1 0 0 0 0 0 2')
    expect(text(table)).toContain('2025 1 0 1 0 0 0 0 2')
    expect(html).toContain(`href="/licences/${refs.refused2024}"`)
    expect(html).toContain('href="/exporters/Nordlicht%20Systems%20GmbH"')
    expect(html).toContain('href="/register?destination=AE"')
    expect(text(html)).toContain('natural person')
  })

  it('never names the individual end user, nor its consignee', async () => {
    for (const path of ['/countries', '/countries/AE', '/countries?sort=name'])
      expect((await get(path)).html).not.toContain('Quillfeather')
    expect(SECRET_PERSON).toContain('Quillfeather')
  })

  it('redirects a lower-case code to the upper-case page', async () => {
    const { status, response } = await get('/countries/ae')
    expect(status).toBe(301)
    expect(response.headers.get('location')).toBe('/countries/AE')
  })

  it('answers an unknown code with a 404 page and a malformed one with a 400 page naming the field', async () => {
    const unknown = await get('/countries/QQ')
    expect(unknown.status).toBe(404)
    expect(unknown.response.headers.get('content-type')).toContain('text/html')
    expect(text(unknown.html)).toContain('No such country')
    expect(unknown.html).toContain('<link rel="stylesheet" href="/static/portal.css"/>')
    const malformed = await get('/countries/A1')
    expect(malformed.status).toBe(400)
    expect(text(malformed.html)).toContain('code : must be two letters (ISO 3166-1 alpha-2)')
    expect((await get('/countries/ARE')).status).toBe(400)
  })

  it('shows a country with no published decisions, plainly', async () => {
    const { status, html } = await get('/countries/TG')
    expect(status).toBe(200)
    expect(text(html)).toContain('No decisions to Togo have been published.')
    expect(html).not.toContain('PEND')
  })

  it('shows a decision made through the API as soon as it is published', async () => {
    const t = testApp(database.db)
    const body = applicationBody({ destination: 'BH' })
    const created = await t.call('POST', '/api/v1/applications', body)
    expect(created.status).toBe(201)
    const before = text((await get('/countries/BH')).html)
    expect(before).toContain('No decisions to Bahrain have been published.')
    await t.call('POST', `/api/v1/applications/${body.reference}/submit`)
    await t.call('POST', `/api/v1/applications/${body.reference}/review`)
    const granted = await grantWithFourEyes(t, body.reference as string, {
      justification: 'Assurances from the end user outweigh the findings',
    })
    expect(granted.status).toBe(200)
    const { html } = await get('/countries/BH')
    expect(html).toContain(`href="/licences/${body.reference}"`)
    expect(text(html)).toContain('1 granted')
  })

  // Last: it changes the evidence in force for this file's database.
  it('follows an imported indicator set and cites it', async () => {
    await insertEvidenceSet(
      database.db,
      { now: () => new Date('2026-05-01T10:00:00Z'), today: () => '2026-05-01' },
      {
        kind: 'indicators',
        actor: 'test',
        files: [{ name: 'fiw_2026.csv', bytes: 10, sha256: 'a'.repeat(64) }],
        data: {
          attribution: {
            freedomHouse:
              'Freedom House, Freedom in the World 2026 (test edition; reused with attribution)',
            vdem: 'V-Dem v16 (test; CC BY-SA 4.0)',
            rsf: 'RSF 2026 (test)',
          },
          countries: {
            AE: {
              freedomHouse: { edition: 2026, globalScore: 17, status: 'NF' },
              vdem: null,
              rsf: null,
            },
          },
        },
      },
    )
    const page = text((await get('/countries/AE')).html)
    expect(page).toContain('imported on 2026-05-01 (fiw_2026.csv)')
    expect(page).toContain('17 / 100, Not free')
    expect(page).toContain('Freedom in the World 2026 (test edition; reused with attribution)')
    expect(page).not.toContain('V-Dem v16')
    const none = text((await get('/countries/DE')).html)
    expect(none).toContain('No indicator figures for Germany in the evidence in force.')
  })
})
