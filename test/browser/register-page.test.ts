import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemo } from '../../src/capabilities/licensing/demo/seed-demo.ts'
import { PEGASUS_PROJECT_STATES } from '../../src/capabilities/reference-data/briefing-lists.ts'
import { countryName } from '../../src/capabilities/reference-data/countries.ts'
import { testApp, testDecisionLog } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'
import {
  describeInBrowser,
  expectAccessible,
  screenshot,
  useBrowser,
  watchPage,
} from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// The journalist's path through the portal: from the home page to every licence granted to a
// Pegasus Project state, then narrowing the register with its filters, paging, sorting and
// downloading the selection. Every page is checked with axe-core.
describeInBrowser('the register in Chromium', () => {
  const testDb = useTestDatabase()
  const browser = useBrowser()
  let server: TestServer | undefined
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }
  const pegasusNames = PEGASUS_PROJECT_STATES.map((code) => countryName(code) ?? code)

  beforeAll(async () => {
    await seedDemo(testDb.db, { log: testDecisionLog(), applications: 600, seed: 7, atomic: true })
    server = await startTestServer(testApp(testDb.db).app)
  }, 120_000)
  afterAll(async () => {
    await server?.close()
  })

  it('reaches every licence granted to a Pegasus Project state from the home page in one click', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    await page.goto(url('/'))
    await expectAccessible(page)
    await screenshot(page, 'home-with-data')
    await Promise.all([
      page.waitForURL(/\/register\?/),
      page.getByRole('link', { name: 'Every licence granted to one of them' }).click(),
    ])
    const params = new URL(page.url()).searchParams
    expect(params.get('pegasus')).toBe('yes')
    expect(params.get('decision')).toBe('granted')
    expect(await page.getByLabel('Only states named by the Pegasus Project').isChecked()).toBe(true)

    const rows = page.locator('table.licences tbody tr')
    expect(await rows.count()).toBeGreaterThan(0)
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allTextContents()
      expect(cells[0]).toMatch(/^granted/)
      expect(pegasusNames).toContain(cells[3])
    }
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(
      /^1–\d+ of [\d,]+ licences$/,
    )
    await expectAccessible(page)
    await screenshot(page, 'register-pegasus-granted')
    expect(problems).toEqual([])
  })

  it('filters, pages and sorts, keeping every choice in a shareable address', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    await page.goto(url('/register'))
    const total = await resultTotal(page)
    expect(total).toBeGreaterThan(50)

    await page.getByLabel('Decision', { exact: true }).selectOption('refused')
    await page.getByLabel('Per page').selectOption('25')
    await Promise.all([
      page.waitForURL(/decision=refused/),
      page.getByRole('button', { name: 'Search' }).click(),
    ])
    const refused = await resultTotal(page)
    expect(refused).toBeGreaterThan(0)
    expect(refused).toBeLessThan(total)
    for (const cell of await page.locator('table.licences tbody tr td:nth-of-type(1)').all())
      expect(await cell.textContent()).toMatch(/^refused/)

    // The address is the search: opened afresh it shows the same page and the same choices.
    const shared = page.url()
    const again = await browser.newPage()
    await again.goto(shared)
    expect(await again.getByLabel('Decision', { exact: true }).inputValue()).toBe('refused')
    expect(await resultTotal(again)).toBe(refused)

    if (refused > 25) {
      await Promise.all([
        page.waitForURL(/page=2/),
        page
          .getByRole('navigation', { name: 'Pages of results' })
          .getByRole('link', { name: 'Next' })
          .click(),
      ])
      expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(/^26–/)
    }

    await page.goto(url('/register?sort=oldest'))
    const dates = await decisionDates(page)
    expect(dates).toEqual([...dates].sort())
    await page.goto(url('/register?sort=newest'))
    const newest = await decisionDates(page)
    expect(newest).toEqual([...newest].sort().reverse())
    expect(problems).toEqual([])
  })

  it('narrows to one destination and year, and downloads exactly that selection', async () => {
    const page = await browser.newPage()
    await page.goto(url('/register'))
    const year = await page
      .getByLabel('Year of decision')
      .locator('option')
      .nth(1)
      .getAttribute('value')
    expect(year).toMatch(/^\d{4}$/)
    await page.getByLabel('Destination', { exact: true }).selectOption('SA')
    await page.getByLabel('Year of decision').selectOption(year ?? '')
    await Promise.all([
      page.waitForURL(/destination=SA/),
      page.getByRole('button', { name: 'Search' }).click(),
    ])
    expect(await page.title()).toBe(`Register, to Saudi Arabia, decided in ${year} — Glasshouse`)
    const total = await resultTotal(page)
    for (const row of await page.locator('table.licences tbody tr').all()) {
      const cells = await row.locator('td').allTextContents()
      expect(cells[3]).toBe('Saudi Arabia')
      expect(cells[0]).toContain(` ${year}-`)
    }

    const csvHref = await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')
    expect(csvHref).toContain('destination=SA')
    const csv = await page.request.get(url(csvHref ?? ''))
    expect(csv.status()).toBe(200)
    expect(csv.headers()['content-type']).toContain('text/csv')
    const lines = (await csv.text()).trim().split('\n')
    const header = lines[0]?.split(',') ?? []
    const references = new Set(
      lines.slice(1).map((line) => line.split(',')[header.indexOf('reference')]),
    )
    expect(references.size).toBe(total)

    const jsonHref = await page
      .getByRole('link', { name: 'JSON', exact: true })
      .getAttribute('href')
    const json = (await (await page.request.get(url(jsonHref ?? ''))).json()) as {
      destination: string
    }[]
    expect(json).toHaveLength(total)
    expect(new Set(json.map((l) => l.destination))).toEqual(new Set(total > 0 ? ['SA'] : []))
  })

  it('names the wrong field of a search it cannot run', async () => {
    const page = await browser.newPage()
    const response = await page.goto(url('/register?destination=Saudi&year=12'))
    expect(response?.status()).toBe(400)
    const alert = await page.getByRole('alert').textContent()
    expect(alert).toContain('destination')
    expect(alert).toContain('year')
    await expectAccessible(page)
  })

  it('has no accessibility violations on the portal pages around the register', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    for (const path of [
      '/decision-log',
      '/open-data',
      '/recommendations',
      '/watchlists',
      '/reports',
    ]) {
      const response = await page.goto(url(path))
      expect(response?.status(), path).toBe(200)
      await expectAccessible(page)
      await screenshot(page, `portal${path.replaceAll('/', '-')}`)
    }
    expect(problems).toEqual([])
  })
})

async function resultTotal(page: import('playwright-core').Page): Promise<number> {
  const heading = (await page.getByRole('heading', { level: 2 }).first().textContent()) ?? ''
  if (heading === 'No licences match') return 0
  const match = / of ([\d,]+) licences$/.exec(heading)
  if (!match?.[1]) throw new Error(`unexpected results heading: ${heading}`)
  return Number(match[1].replaceAll(',', ''))
}

async function decisionDates(page: import('playwright-core').Page): Promise<string[]> {
  const cells = await page.locator('table.licences tbody tr td:nth-of-type(1)').allTextContents()
  return cells.map((text) => /\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? '')
}
