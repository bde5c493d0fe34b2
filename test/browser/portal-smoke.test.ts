import { afterAll, beforeAll, expect, it } from 'vitest'
import { testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'
import { describeInBrowser, screenshot, useBrowser, watchPage } from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// Proves the browser harness: the public portal, served over HTTP with its strict CSP, renders in
// Chromium with its stylesheet, and its search form works without JavaScript.
describeInBrowser('the public portal in Chromium', () => {
  const testDb = useTestDatabase()
  const browser = useBrowser()
  let server: TestServer | undefined
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }

  beforeAll(async () => {
    server = await startTestServer(testApp(testDb.db).app)
  })
  afterAll(async () => {
    await server?.close()
  })

  it('shows the home page with its heading, figures and stylesheet, without errors', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)

    const response = await page.goto(url('/'))
    expect(response?.status()).toBe(200)
    expect(await page.title()).toBe('Glasshouse — the cyber-surveillance export register')
    const heading = page.getByRole('heading', { level: 1 })
    expect(await heading.isVisible()).toBe(true)
    expect(await heading.textContent()).toBe(
      'Who exported surveillance technology to whom, and why it was allowed',
    )
    const stats = page.getByRole('list', { name: 'Decisions in the register' })
    expect(await stats.isVisible()).toBe(true)
    expect(await stats.getByRole('listitem').allTextContents()).toContain('0 granted')
    // /static/portal.css got through the CSP: the brand is bold and the figures are a grid.
    expect(await page.locator('.brand').evaluate((el) => getComputedStyle(el).fontWeight)).toBe(
      '700',
    )
    expect(await stats.evaluate((el) => getComputedStyle(el).display)).toBe('grid')
    await screenshot(page, 'portal-home')
    expect(problems).toEqual([])
  })

  it('follows the link to the register and searches it with the form', async () => {
    const page = await browser.newPage()
    await page.goto(url('/'))
    await page.getByRole('link', { name: 'Search the whole register' }).click()
    await page.waitForURL(url('/register'))
    expect(await page.title()).toBe('Register — Glasshouse')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The register')
    expect(await page.getByRole('button', { name: 'Search' }).isVisible()).toBe(true)
    await screenshot(page, 'portal-register')

    await page.getByLabel('Destination', { exact: true }).selectOption('DE')
    await page.getByLabel('Decision', { exact: true }).selectOption('refused')
    await Promise.all([
      page.waitForURL(/\/register\?/),
      page.getByRole('button', { name: 'Search' }).click(),
    ])
    const searched = new URL(page.url())
    expect(searched.searchParams.get('destination')).toBe('DE')
    expect(searched.searchParams.get('decision')).toBe('refused')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The register')
    expect(await page.getByLabel('Destination', { exact: true }).inputValue()).toBe('DE')
    expect(
      await page.getByRole('heading', { level: 2, name: 'No licences match' }).isVisible(),
    ).toBe(true)
    await screenshot(page, 'portal-register-search')
  })
})
