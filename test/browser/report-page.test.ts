import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PORTAL_CSS } from '../../src/capabilities/portal/portal.css.ts'
import { renderReportHtml } from '../../src/capabilities/reporting/report.page.tsx'
import { SAMPLE_LICENCES, SAMPLE_REPORT } from '../../src/capabilities/reporting/report-fixture.ts'
import {
  describeInBrowser,
  expectAccessible,
  screenshot,
  useBrowser,
  watchPage,
} from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// The annual report in Chromium, under the app's strict CSP: its SVG charts and the world map
// render with the portal stylesheet, without script, and it prints (emulated) on A4.
function reportApp() {
  const app = new Hono()
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  )
  app.get('/static/portal.css', (c) =>
    c.body(PORTAL_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  )
  const html = renderReportHtml({
    report: SAMPLE_REPORT,
    licences: SAMPLE_LICENCES,
    licencesTotal: SAMPLE_REPORT.licenceCount,
    downloads: [
      { label: 'Licences (CSV)', href: '/reports/2025/eu/licences.csv' },
      { label: 'Data package (zip)', href: '/reports/2025/eu/datapackage.zip' },
    ],
    publication: null,
  })
  app.get('/report', (c) => c.html(html))
  return app
}

describeInBrowser('the annual report in Chromium', () => {
  const browser = useBrowser()
  let server: TestServer | undefined
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }

  beforeAll(async () => {
    server = await startTestServer(reportApp())
  })
  afterAll(async () => {
    await server?.close()
  })

  it('shows its charts and map, sized and coloured, without console or CSP errors', async () => {
    const page = await browser.newPage()
    await page.setViewportSize({ width: 1280, height: 900 })
    const problems = watchPage(page)

    const response = await page.goto(url('/report'))
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self'")
    expect(await page.title()).toBe('Annual report: European Union, 2025 — Glasshouse')

    // every chart and map: an <svg role="img"> laid out with a real size
    const svgs = page.locator('svg[role="img"]')
    expect(await svgs.count()).toBe(7)
    for (const svg of await svgs.all()) {
      expect(await svg.isVisible()).toBe(true)
      const box = await svg.boundingBox()
      expect(box?.width).toBeGreaterThan(400)
      expect(box?.height).toBeGreaterThan(100)
    }
    const bars = page.locator('svg.chart-svg rect.bar')
    expect(await bars.count()).toBeGreaterThan(60)

    // the map: (nearly) every country a path with a size; destinations coloured by class
    const map = page.locator('svg.choropleth').first()
    const countries = map.locator('path.country')
    expect(await countries.count()).toBeGreaterThan(170)
    const sizes = await countries.evaluateAll((paths) =>
      paths.map((p) => {
        const r = (p as SVGGraphicsElement).getBoundingClientRect()
        return r.width * r.height
      }),
    )
    expect(sizes.filter((s) => s > 0).length).toBeGreaterThan(170)
    const us = map.locator('path.country[data-iso="US"]')
    expect(await us.getAttribute('class')).toBe('country q5')
    expect(await us.isVisible()).toBe(true)
    // the stylesheet got through the CSP: the classes have their fills
    expect(await us.evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(68, 1, 84)')
    expect(
      await map.locator('path.country[data-iso="DE"]').evaluate((el) => getComputedStyle(el).fill),
    ).toBe('rgb(220, 220, 226)')
    expect(
      await page
        .locator('rect.bar.o-granted')
        .first()
        .evaluate((el) => getComputedStyle(el).fill),
    ).toBe('rgb(0, 158, 115)')

    // the headings, and a data table behind its <details>
    for (const h of ['Headline figures', 'Charts', 'Destinations on the map', 'Licences'])
      expect(await page.getByRole('heading', { level: 2, name: h }).isVisible()).toBe(true)
    const details = page.locator('details.chart-data').first()
    expect(await details.locator('table').isVisible()).toBe(false)
    await details.locator('summary').click()
    expect(await details.locator('table').isVisible()).toBe(true)
    await details.locator('summary').click()

    await screenshot(page, 'report')
    await expectAccessible(page)
    expect(problems).toEqual([])
  })

  it('prints: navigation hidden, black text, download URLs shown', async () => {
    const page = await browser.newPage()
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.goto(url('/report'))
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header nav').isVisible()).toBe(false)
    expect(await page.locator('nav.toc').isVisible()).toBe(false)
    expect(await page.locator('svg.choropleth').first().isVisible()).toBe(true)
    expect(await page.locator('main').evaluate((el) => getComputedStyle(el).color)).toBe(
      'rgb(0, 0, 0)',
    )
    const after = await page
      .locator('.downloads a')
      .first()
      .evaluate((el) => getComputedStyle(el, '::after').content)
    expect(after).toContain('/reports/2025/eu/licences.csv')
    await screenshot(page, 'report-print')
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
    expect(pdf.length).toBeGreaterThan(10_000)
  })
})
