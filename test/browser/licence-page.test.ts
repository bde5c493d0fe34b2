import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ProofBundle } from '../../src/capabilities/decision-log/verify-proof-bundle.ts'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import {
  applicationBody,
  grantWithFourEyes,
  TEST_SOURCE_SHA256,
  testApp,
  testDecisionLog,
  uniqueReference,
} from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { useTestDatabase } from '../test-database.ts'
import {
  describeInBrowser,
  expectAccessible,
  screenshot,
  useBrowser,
  watchPage,
} from './browser.ts'
import { startTestServer, type TestServer } from './test-server.ts'

// The licence page in Chromium under the app's strict CSP: Verify fetches the proof bundle and
// checks it in the browser (Web Crypto Ed25519); a bundle altered on the way is shown as failing.
describeInBrowser('the licence page and its Verify button in Chromium', () => {
  const testDb = useTestDatabase()
  const browser = useBrowser()
  let server: TestServer | undefined
  let reference = ''
  let importedReference = ''
  const url = (path: string) => {
    if (!server) throw new Error('test server not ready')
    return server.url + path
  }

  beforeAll(async () => {
    const t = testApp(testDb.db)
    // Several decisions in the log, so each inclusion proof has hashes to tamper with.
    const decided: string[] = []
    for (let i = 0; i < 3; i++) {
      const body = applicationBody()
      expect((await t.call('POST', '/api/v1/applications', body)).status).toBe(201)
      for (const step of ['submit', 'review'])
        expect(
          (await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)).status,
        ).toBe(200)
      const granted = await grantWithFourEyes(t, body.reference, {
        explanation: 'Judicial oversight of every interception order',
        justification: 'Assurances from the end user',
      })
      expect(granted.status).toBe(200)
      decided.push(body.reference)
    }
    reference = decided[1] as string
    const proposed = await t.call('POST', `/api/v1/applications/${reference}/suspend`, {
      reasons: ['NEW_EVIDENCE'],
      explanation: 'Reports of misuse under investigation',
    })
    // Four-eyes under the default policy: a second officer confirms the suspension.
    expect(proposed.status).toBe(202)
    const suspended = await t.callAs('secondOfficer')(
      'POST',
      `/api/v1/applications/${reference}/confirmation`,
      { confirm: true },
    )
    expect(suspended.status).toBe(200)
    // A licence brought in from a file: its imported decision is in the log too.
    importedReference = uniqueReference('IMP')
    await importLicenceRows(
      testDb.db,
      readLicenceCsv(stream(csvText([csvRow({ reference: importedReference })]))),
      { actor: 'test', log: testDecisionLog(), sourceSha256: TEST_SOURCE_SHA256 },
    )
    server = await startTestServer(t.app)
  })
  afterAll(async () => {
    await server?.close()
  })

  const verifyResult = (page: Page) => page.locator('[data-verify-result]')

  /** Serves the real bundle with `tamper` applied, as a man in the middle or a lying server would. */
  async function tamperWith(page: Page, tamper: (bundle: ProofBundle) => void) {
    await page.route('**/api/public/v1/licences/*/proof', async (route) => {
      const response = await route.fetch()
      const bundle = (await response.json()) as ProofBundle
      tamper(bundle)
      await route.fulfill({ response, json: bundle })
    })
  }

  it('verifies the licence in the browser and says what was proven', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    const response = await page.goto(url(`/licences/${reference}`))
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Export licence ${reference}`,
    )
    const history = page.getByRole('table', { name: /Every step of the application/ })
    expect(await history.getByRole('row').count()).toBe(5) // header, submit, review, grant, suspend
    await expectAccessible(page)
    await screenshot(page, 'licence-page')

    await page.getByRole('button', { name: 'Verify' }).click()
    await expect
      .poll(() => verifyResult(page).textContent())
      .toContain('Verified: these 2 decisions are in the Glasshouse decision log.')
    const result = (await verifyResult(page).textContent()) ?? ''
    expect(result).toMatch(/Checkpoint of size \d+ signed by test\.glasshouse\/decision-log/)
    expect(result).toContain("Each record's text matches this page")
    expect(await verifyResult(page).getAttribute('aria-live')).toBe('polite')
    // the history shows which decisions the bundle covers
    const statuses = await page.locator('[data-proof-status]').allTextContents()
    expect(statuses).toEqual(['proven in this browser', 'proven in this browser'])
    await expectAccessible(page)
    await screenshot(page, 'licence-verified')
    expect(problems).toEqual([])
  })

  it('verifies an imported licence, whose decision is marked as imported', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    expect((await page.goto(url(`/licences/${importedReference}`)))?.status()).toBe(200)
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect.poll(() => verifyResult(page).textContent()).toContain('Verified:')
    expect(await page.locator('[data-proof-status]').allTextContents()).toEqual([
      'proven in this browser',
    ])
    await expectAccessible(page)
    await screenshot(page, 'licence-imported-verified')
    expect(problems).toEqual([])
  })

  it('shows a bundle whose record text was altered as failing, and why', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    await tamperWith(page, (bundle) => {
      const leaf = bundle.leaves[0]
      if (!leaf) throw new Error('no leaf')
      leaf.leaf = leaf.leaf.replace('NO_SIGNIFICANT_RISK', 'CONDITIONS')
    })
    await page.goto(url(`/licences/${reference}`))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect
      .poll(() => verifyResult(page).textContent())
      .toMatch(/Verification failed: leaf \d+: leaf hash does not match the leaf text\./)
    expect(await verifyResult(page).textContent()).toContain('0 records were checked')
    expect(await page.locator('[data-proof-status]').allTextContents()).toEqual([
      'not proven',
      'not proven',
    ])
    await expectAccessible(page)
    await screenshot(page, 'licence-tampered-leaf')
    expect(problems).toEqual([])
  })

  it('shows a bundle with an altered inclusion proof as failing', async () => {
    const page = await browser.newPage()
    const problems = watchPage(page)
    await tamperWith(page, (bundle) => {
      const leaf = bundle.leaves.at(-1)
      const hash = leaf?.proof[0]
      if (!leaf || !hash) throw new Error('no proof hash to alter')
      // flip one bit of the first hash of the path
      const bytes = Uint8Array.from(atob(hash), (ch) => ch.charCodeAt(0))
      bytes[0] = (bytes[0] as number) ^ 1
      leaf.proof[0] = btoa(String.fromCharCode(...bytes))
    })
    await page.goto(url(`/licences/${reference}`))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect
      .poll(() => verifyResult(page).textContent())
      .toMatch(/Verification failed: leaf \d+: /)
    expect(await verifyResult(page).textContent()).toContain('1 record was checked')
    await screenshot(page, 'licence-tampered-proof')
    expect(problems).toEqual([])
  })

  it('works without JavaScript: no button, the bundle link and the CLI instructions', async () => {
    const context = await browser.browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.goto(url(`/licences/${reference}`))
      expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0)
      const link = page.getByRole('link', { name: `/api/public/v1/licences/${reference}/proof` })
      expect(await link.isVisible()).toBe(true)
      expect(
        await page.getByText('glasshouse log check proof.json', { exact: false }).isVisible(),
      ).toBe(true)
      // (axe-core needs script, so accessibility is checked in the tests above, same markup)
      await page.setViewportSize({ width: 375, height: 800 })
      await screenshot(page, 'licence-no-javascript-narrow')
      await page.emulateMedia({ media: 'print' })
      await screenshot(page, 'licence-print')
    } finally {
      await context.close()
    }
  })
})
