import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestUsers, type TestUser, type TestUsers, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'
import { describeInBrowser, screenshot, useBrowser, watchPage } from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// The whole licensing flow through the workspace pages, as people would click it: an exporter
// applies, an officer reviews and grants, and, when the grant needs four eyes, a second officer
// confirms. No JavaScript on the pages; every step is a form.
describeInBrowser('the workspace in Chromium', () => {
  const testDb = useTestDatabase()
  const browser = useBrowser()
  let server: TestServer | undefined
  let users: TestUsers
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }

  beforeAll(async () => {
    server = await startTestServer(testApp(testDb.db).app)
    users = await createTestUsers(testDb.db, { passwords: true })
  })
  afterAll(async () => {
    await server?.close()
  })

  // Expected statuses of the flow (a 400 re-rendered form) are checked where they happen.
  const watch = (page: Page) => watchPage(page, 500)

  async function signIn(page: Page, user: TestUser) {
    await page.goto(url('/workspace'))
    await page.waitForURL(/\/login\?next=/)
    await page.getByLabel('Email address').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await Promise.all([
      page.waitForURL(/\/workspace\//),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ])
  }

  it('takes an application from the exporter to a granted licence', async () => {
    // 1. The exporter applies.
    const exporterPage = await browser.newPage()
    const problems = watch(exporterPage)
    await signIn(exporterPage, users.exporter)
    expect(new URL(exporterPage.url()).pathname).toBe('/workspace/applications')
    await screenshot(exporterPage, 'workspace-1-exporter-applications')
    await exporterPage.getByRole('link', { name: 'New application' }).click()
    await exporterPage.waitForURL(url('/workspace/applications/new'))
    const f = exporterPage
    await f.getByLabel('Type of authorisation').selectOption('individual')
    await f.getByLabel('Consignee name').fill('Gulf Secure Networks LLC')
    await f.getByLabel('Consignee country').selectOption('AE')
    await f.getByLabel('End user name').fill('State Security Directorate')
    await f.getByLabel('End user country').selectOption('AE')
    await f.getByLabel('End user type').selectOption('government_intelligence')
    await f.getByLabel('End user description').fill('National intelligence service')
    await f.getByLabel('Country of final destination').selectOption('AE')
    await f.getByLabel('Item 1 description (box 13)').fill('IP network surveillance system')
    await f.getByLabel('Item 1 control-list number (box 16)').fill('5A001.j')
    await f.getByLabel('Item 1 quantity (box 18)').fill('1')
    await f.getByLabel('Item 1 value (box 17)').fill('2500000.00')
    await f.getByLabel('Item 1 currency (box 17)').fill('EUR')
    await f.getByLabel('Intended end use').fill('Lawful interception at the national exchange')
    await f.getByLabel('targeted interception of individuals').check()
    await f.getByLabel('yes').check()
    await screenshot(f, 'workspace-2-application-form')
    await Promise.all([
      f.waitForURL(/\/workspace\/applications\/[^/]+\?done=created/),
      f.getByRole('button', { name: 'Save draft' }).click(),
    ])
    const reference = new URL(f.url()).pathname.split('/')[3] ?? ''
    expect(reference).not.toBe('')
    expect(await f.getByRole('status').textContent()).toContain('Draft saved.')

    await f.getByRole('button', { name: 'Pre-screen parties' }).click()
    await f.getByRole('heading', { name: 'Pre-screening of the parties' }).waitFor()
    await screenshot(f, 'workspace-3-prescreen')

    await Promise.all([
      f.waitForURL(/done=submitted/),
      f.getByRole('button', { name: 'Submit' }).click(),
    ])
    expect(await f.locator('dl.facts').textContent()).toContain('submitted')
    await screenshot(f, 'workspace-4-submitted')

    // 2. An officer opens the queue and the case, reviews and grants.
    const officerPage = await browser.newPage()
    problems.push(...watch(officerPage))
    await signIn(officerPage, users.officer)
    const o = officerPage
    expect(new URL(o.url()).pathname).toBe('/workspace/queue')
    const row = o.getByRole('row').filter({ hasText: reference })
    expect(await row.textContent()).toContain('5A001.j')
    await screenshot(o, 'workspace-5-queue')
    await Promise.all([
      o.waitForURL(url(`/workspace/cases/${reference}`)),
      row.getByRole('link', { name: reference }).click(),
    ])
    expect(await o.getByRole('heading', { name: 'Screening findings' }).isVisible()).toBe(true)
    expect(await o.locator('section[aria-labelledby="screening"]').textContent()).toMatch(
      /Screened .*: 3 parties/,
    )
    const assessment = o.locator('section[aria-labelledby="assessment"]')
    expect(await assessment.textContent()).toMatch(/Level (low|medium|high|prohibitive)/)
    expect(await assessment.locator('tbody tr').count()).toBeGreaterThan(0)
    await screenshot(o, 'workspace-6-case')

    await Promise.all([
      o.waitForURL(/done=start_review/),
      o.getByRole('button', { name: 'Start review' }).click(),
    ])
    expect(await o.locator('dl.facts').first().textContent()).toContain('under review')

    const grant = o.locator('form').filter({ has: o.getByRole('heading', { name: 'Grant' }) })
    await grant.getByLabel('Explanation').fill('Oversight by the federal court was shown.')
    await grant
      .getByLabel('Justification')
      .fill('The end user is bound by judicial warrants; the assessment overstates the risk.')
    const firstReason = grant.locator('input[name="reasons"]').first()
    if ((await firstReason.count()) > 0) await firstReason.check()
    await screenshot(o, 'workspace-7-decide')
    await Promise.all([
      o.waitForURL(/done=(grant|proposed_grant)/),
      grant.getByRole('button', { name: 'Grant' }).click(),
    ])
    const proposed = o.url().includes('proposed_grant')

    // 3. When the grant waits for four eyes, a second officer confirms it.
    let final = o
    if (proposed) {
      expect(await o.getByText('It waits for a second officer').isVisible()).toBe(true)
      await screenshot(o, 'workspace-8-waits-for-confirmation')
      const secondPage = await browser.newPage()
      problems.push(...watch(secondPage))
      await signIn(secondPage, users.secondOfficer)
      const queueRow = secondPage.getByRole('row').filter({ hasText: reference })
      expect(await queueRow.textContent()).toContain('your confirmation of a grant')
      await secondPage.goto(url(`/workspace/cases/${reference}`))
      await secondPage.getByLabel('Note (optional)').fill('Checked the warrants.')
      await Promise.all([
        secondPage.waitForURL(/done=confirmed/),
        secondPage.getByRole('button', { name: 'Confirm the grant' }).click(),
      ])
      final = secondPage
    }

    const facts = await final.locator('dl.facts').first().textContent()
    expect(facts).toContain('granted')
    expect(facts).toMatch(/Licence.*valid/)
    await screenshot(final, 'workspace-9-granted')

    // The exporter sees the decision and the licence number too.
    await f.goto(url(`/workspace/applications/${reference}`))
    expect(await f.locator('dl.facts').textContent()).toContain('granted')
    expect(problems).toEqual([])
  })
})
