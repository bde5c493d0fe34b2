import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  EXPORTER,
  SLASH_EXPORTER,
  seedPortalRecords,
} from '../../src/capabilities/portal/countries/portal-records.fixture.ts'
import { exporterHref } from '../../src/capabilities/portal/links.ts'
import { testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'
import {
  describeInBrowser,
  expectAccessible,
  screenshot,
  useBrowser,
  watchPage,
} from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// The country and exporter pages in Chromium, served with the app's strict CSP: they render
// without script or CSP errors, axe-core finds nothing, and their links lead where they say.
describeInBrowser('the country and exporter pages in Chromium', () => {
  const testDb = useTestDatabase()
  const browser = useBrowser()
  let server: TestServer | undefined
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }

  beforeAll(async () => {
    await seedPortalRecords(testDb.db)
    server = await startTestServer(testApp(testDb.db).app)
  })
  afterAll(async () => {
    await server?.close()
  })

  it('lists destinations and leads to a country page', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    const response = await page.goto(url('/countries'))
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Destinations')
    await expectAccessible(page)
    await screenshot(page, 'countries')
    await page.getByRole('link', { name: 'United Arab Emirates' }).click()
    await page.waitForURL(url('/countries/AE'))
    expect(problems).toEqual([])
  })

  it('shows a country page with its chart, indicators and Pegasus flag, accessibly', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    const response = await page.goto(url('/countries/AE'))
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'United Arab Emirates',
    )
    const chart = page.getByRole('img', { name: /Decisions to United Arab Emirates per year/ })
    expect(await chart.isVisible()).toBe(true)
    // The bars are coloured by portal.css (the CSP forbids inline styles).
    const bar = page.locator('svg.chart-svg rect.bar.o-granted').first()
    expect(await bar.evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(0, 158, 115)')
    expect(
      await page
        .getByRole('table', { name: /Human-rights indicators for United Arab Emirates/ })
        .isVisible(),
    ).toBe(true)
    expect(await page.getByText('Named: the Pegasus Project identified').isVisible()).toBe(true)
    await page.getByText('Decisions per year as a table').click()
    expect(
      await page
        .getByRole('table', { name: 'Published decisions to United Arab Emirates per year' })
        .isVisible(),
    ).toBe(true)
    await expectAccessible(page)
    await screenshot(page, 'country-page')
    expect(problems).toEqual([])
  })

  it('fits a phone screen: only the wide tables scroll, not the page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    for (const path of ['/countries/AE', exporterHref(EXPORTER)]) {
      await page.goto(url(path))
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, path).toBeLessThanOrEqual(0)
    }
    await page.goto(url('/countries/AE'))
    await screenshot(page, 'country-page-phone')
  })

  it('lists exporters, searches them without JavaScript and leads to an exporter page', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    expect((await page.goto(url('/exporters')))?.status()).toBe(200)
    await expectAccessible(page)
    await screenshot(page, 'exporters')
    await page.getByLabel('Name begins with').fill('acme')
    await Promise.all([
      page.waitForURL(/\/exporters\?q=acme/),
      page.getByRole('button', { name: 'Search' }).click(),
    ])
    expect(await page.getByRole('link', { name: SLASH_EXPORTER }).isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: EXPORTER }).count()).toBe(0)
    await page.getByRole('link', { name: SLASH_EXPORTER }).click()
    await page.waitForURL(url(exporterHref(SLASH_EXPORTER)))
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(SLASH_EXPORTER)
    expect(problems).toEqual([])
  })

  it('shows an exporter page with its denials and due-diligence line, accessibly', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    expect((await page.goto(url(exporterHref(EXPORTER))))?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(EXPORTER)
    const denials = page.getByRole('table', {
      name: /Refusals, revocations, suspensions and annulments/,
    })
    expect(await denials.getByRole('row').count()).toBe(5)
    expect(await page.getByText('No due-diligence disclosure published.').isVisible()).toBe(true)
    expect(await page.content()).not.toContain('Quillfeather')
    await expectAccessible(page)
    await screenshot(page, 'exporter-page')
    expect(problems).toEqual([])
  })

  it('shows the 404 page in the portal frame', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page, 500)
    expect((await page.goto(url('/countries/QQ')))?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No such country')
    await expectAccessible(page)
    expect(problems).toEqual([])
  })
})
