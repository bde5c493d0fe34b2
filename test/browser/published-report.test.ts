import { afterAll, beforeAll, expect, it } from 'vitest'
import { applicationBody, grantWithFourEyes, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'
import {
  describeInBrowser,
  expectAccessible,
  screenshot,
  useBrowser,
  watchPage,
} from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

const database = useTestDatabase()
const year = new Date().getUTCFullYear()

// The whole path in the real app: decisions in the register, a senior officer publishes the
// member state's report, and a reader opens it from the public archive in Chromium.
describeInBrowser('a published annual report in Chromium', () => {
  const browser = useBrowser()
  let server: TestServer | undefined

  beforeAll(async () => {
    const t = testApp(database.db)
    for (const [destination, outcome] of [
      ['NO', 'granted'],
      ['AE', 'refused'],
      ['US', 'granted'],
    ] as const) {
      const body = applicationBody({
        destination,
        consignee: { name: `Consignee in ${destination}`, country: destination },
      })
      await t.call('POST', '/api/v1/applications', body)
      for (const step of ['submit', 'review'])
        await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)
      const decided =
        outcome === 'granted'
          ? await grantWithFourEyes(t, body.reference, { justification: 'Verified end use' })
          : await t.call('POST', `/api/v1/applications/${body.reference}/decision`, {
              decision: 'refused',
              reasons: ['CP2'],
              explanation: 'Risk of internal repression',
            })
      expect(decided.status).toBe(200)
    }
    expect((await t.call('POST', '/api/v1/reports', { year, scope: 'DE' })).status).toBe(201)
    server = await startTestServer(t.app)
  })
  afterAll(async () => {
    await server?.close()
  })

  it('opens from the archive with its charts, its map and its downloads', async () => {
    const page = await browser.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    const problems = watchPage(page)
    await page.goto(`${server?.url}/reports`)
    await expectAccessible(page)
    await page.getByRole('link', { name: `Germany, ${year}` }).click()
    await page.waitForURL(/\/reports\/\d+\/report\.html$/)
    expect(await page.locator('h1').first().textContent()).toContain('Germany')
    const charts = page.locator('svg[role="img"]')
    expect(await charts.count()).toBeGreaterThanOrEqual(5)
    for (const chart of await charts.all()) expect(await chart.isVisible()).toBe(true)
    const destinations = page.locator('svg.choropleth path.country[data-iso="AE"]')
    expect(await destinations.first().getAttribute('class')).not.toContain('nodata')
    const csv = page.getByRole('link', { name: /Every licence/ })
    expect(await csv.getAttribute('href')).toBe('licences.csv')
    const download = await page.request.get(new URL('licences.csv', page.url()).toString())
    expect(download.status()).toBe(200)
    expect((await download.text()).split('\n')[0]).toContain('reference,licence_number')
    await expectAccessible(page)
    expect(problems).toEqual([])
    await screenshot(page, 'report-published')
  })
})
