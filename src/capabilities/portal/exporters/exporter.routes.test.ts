import { beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
import {
  EXPORTER,
  SECRET_PERSON,
  SLASH_EXPORTER,
  seedPortalRecords,
  UNPUBLISHED_EXPORTER,
} from '../countries/portal-records.fixture.ts'
import { exporterHref } from '../links.ts'
import { exportersPage } from './exporters.query.ts'

const database = useTestDatabase()
let refs: Awaited<ReturnType<typeof seedPortalRecords>>

beforeAll(async () => {
  refs = await seedPortalRecords(database.db)
})

const get = async (path: string) => {
  const response = await testApp(database.db).app.request(path)
  return { status: response.status, html: await response.text() }
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe('GET /exporters', () => {
  it('lists exporters with published decisions and their counts, never an unpublished one', async () => {
    const { status, html } = await get('/exporters')
    expect(status).toBe(200)
    const row = /<a href="\/exporters\/Nordlicht%20Systems%20GmbH">.*?<\/tr>/.exec(html)?.[0] ?? ''
    // country, granted, refused, revoked, suspended, annulled, expired, withdrawn, total
    expect(text(row)).toContain('Germany 3 1 1 1 1 0 0 7')
    expect(html).toContain(`href="${exporterHref(SLASH_EXPORTER)}"`)
    expect(html).not.toContain(UNPUBLISHED_EXPORTER)
  })

  it('searches by the beginning of the name', async () => {
    const { html } = await get('/exporters?q=acme')
    expect(text(html)).toContain(SLASH_EXPORTER)
    expect(html).not.toContain('Nordlicht')
    const none = await get('/exporters?q=zzz')
    expect(text(none.html)).toContain(
      'No exporter with published decisions has a name beginning with "zzz".',
    )
    expect((await get(`/exporters?q=${'x'.repeat(301)}`)).status).toBe(400)
  })

  it('pages through exporters in name order', async () => {
    const first = await exportersPage(database.db, { prefix: '', after: null, limit: 1 })
    expect(first.rows.map((r) => r.name)).toEqual([SLASH_EXPORTER])
    expect(first.next).toBe(SLASH_EXPORTER)
    const second = await exportersPage(database.db, { prefix: '', after: first.next, limit: 1 })
    expect(second.rows.map((r) => r.name)).toEqual([EXPORTER])
    expect(second.next).toBeNull()
    const { html } = await get('/exporters')
    expect(text(html)).toContain('End of the list.')
  })
})

describe('GET /exporters/{name}', () => {
  it('shows licences, refusals, revocations, suspensions and annulments with links', async () => {
    const { status, html } = await get(exporterHref(EXPORTER))
    expect(status).toBe(200)
    const page = text(html)
    expect(page).toContain('Nordlicht Systems GmbH')
    expect(page).toContain('Registered in Germany.')
    for (const reference of Object.values(refs).filter((r) => !/-(SL|PEND)$/.test(r)))
      expect(html).toContain(`href="/licences/${reference}"`)
    const denials = /<section aria-labelledby="denials">.*?<\/section>/s.exec(html)?.[0] ?? ''
    expect(text(denials)).toContain(`${refs.refused2024} refused 2024-06-01`)
    expect(text(denials)).toContain(`${refs.revoked2025} revoked 2025-03-01`)
    expect(text(denials)).toContain(`${refs.suspended2025} suspended 2025-04-01`)
    expect(text(denials)).toContain(`${refs.annulled2025} annulled 2025-05-01`)
    expect(text(denials)).toContain('CP2')
    expect(denials).not.toContain(refs.granted2023)
  })

  it('shows destinations and control entries', async () => {
    const { html } = await get(exporterHref(EXPORTER))
    const destinations =
      /<section aria-labelledby="destinations">.*?<\/section>/s.exec(html)?.[0] ?? ''
    expect(destinations).toContain('href="/countries/AE"')
    expect(text(destinations)).toContain('United Arab Emirates 3 1 1 0 0 0 0 5')
    expect(text(destinations)).toContain('Mexico 0 0 0 0 1 0 0 1')
    const entries =
      /<section aria-labelledby="control-entries">.*?<\/section>/s.exec(html)?.[0] ?? ''
    expect(text(entries)).toContain('5A001.j ip network surveillance 6')
    expect(text(entries)).toContain('5A001.f')
  })

  it('says plainly that no due-diligence disclosure is published', async () => {
    expect(text((await get(exporterHref(EXPORTER))).html)).toContain(
      'No due-diligence disclosure published.',
    )
  })

  it('finds an exporter whose name has a slash and an ampersand', async () => {
    const href = exporterHref(SLASH_EXPORTER)
    expect(href).toContain('%2F')
    const { status, html } = await get(href)
    expect(status).toBe(200)
    expect(text(html)).toContain(SLASH_EXPORTER)
    expect(html).toContain(`href="/licences/${refs.slash}"`)
  })

  it('never names the individual end user, nor its consignee', async () => {
    for (const path of ['/exporters', exporterHref(EXPORTER), '/exporters?q=nord']) {
      const { html } = await get(path)
      expect(html).not.toContain('Quillfeather')
    }
    const page = text((await get(exporterHref(EXPORTER))).html)
    expect(page).toContain(
      `${refs.individual} granted 2025-07-01 United Arab Emirates natural person`,
    )
    expect(SECRET_PERSON).toContain('Quillfeather')
  })

  it('answers an unknown or unpublished exporter with a 404 page, a malformed name with 400', async () => {
    for (const name of ['No Such Exporter Ltd', UNPUBLISHED_EXPORTER, 'nordlicht systems gmbh']) {
      const { status, html } = await get(exporterHref(name))
      expect(status, name).toBe(404)
      expect(text(html)).toContain('No such exporter')
    }
    const malformed = await get(exporterHref('---'))
    expect(malformed.status).toBe(400)
    expect(text(malformed.html)).toContain('name : must contain a letter or digit')
    expect((await get(exporterHref('x'.repeat(301)))).status).toBe(400)
  })
})
