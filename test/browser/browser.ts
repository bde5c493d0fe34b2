import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

/** Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const BROWSER_AVAILABLE = existsSync(CHROMIUM_PATH)

/** Set in CI (or REQUIRE_BROWSER=1): a browser test fails instead of skipping when Chromium is missing. */
export const REQUIRE_BROWSER = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1'

/** Where screenshots go; test-results/ is git-ignored and kept by .ci/run as a CI artefact. */
export const SCREENSHOT_DIR = new URL('../../test-results/screenshots/', import.meta.url).pathname

const MISSING = `${CHROMIUM_PATH} is missing (apt-get install chromium); browser tests are required because CI=true or REQUIRE_BROWSER=1`

/**
 * Headless, offline, no background traffic. --no-sandbox because CI runs as root in a container;
 * --disable-gpu because there is no GPU.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A `describe` for tests that drive Chromium: skipped when Chromium is missing, unless it is
 * required (CI=true or REQUIRE_BROWSER=1), in which case its first test fails with a clear message.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  describe.skipIf(!BROWSER_AVAILABLE && !REQUIRE_BROWSER)(name, () => {
    it('has Chromium when CI=true or REQUIRE_BROWSER=1', () => {
      expect(existsSync(CHROMIUM_PATH), MISSING).toBe(true)
    })
    // Without Chromium the suite is just the failing check above, not a cascade of hook errors.
    if (BROWSER_AVAILABLE) fn()
  })
}

export interface BrowserHandle {
  readonly browser: Browser
  /** A fresh context and page; both are closed after the current test. */
  newPage(): Promise<Page>
  /** A fresh context, closed after the current test. */
  newContext(): Promise<BrowserContext>
}

/** Launches one Chromium per describe block (beforeAll) and closes it, and every context, afterwards. */
export function useBrowser(): BrowserHandle {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    if (!BROWSER_AVAILABLE) throw new Error(MISSING)
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    })
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
  })
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()))
    await browser?.close()
    browser = undefined
  })
  const handle: BrowserHandle = {
    get browser() {
      if (!browser) throw new Error('browser not ready')
      return browser
    },
    async newContext() {
      const context = await handle.browser.newContext()
      contexts.push(context)
      return context
    },
    async newPage() {
      return (await handle.newContext()).newPage()
    },
  }
  return handle
}

/** Saves a full-page PNG as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  mkdirSync(dirname(path), { recursive: true })
  await page.screenshot({ path, fullPage: true })
  return path
}

/**
 * Collects what goes wrong on a page: script errors, CSP violations (they show on the console)
 * and responses at or above `failFrom` (Chromium's own /favicon.ico request excepted).
 */
export function watchPage(page: Page, failFrom = 400): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (response.status() >= failFrom && path !== '/favicon.ico')
      problems.push(`${response.status()} ${path}`)
  })
  return problems
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** One axe-core violation, reduced to what a failing assertion should print. */
export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] }

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and returns the violations.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * page under test keeps its strict policy.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated source defines
    const axe = (globalThis as any).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    // biome-ignore lint/suspicious/noExplicitAny: axe's result types are not imported in the page
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: as above
      targets: v.nodes.map((n: any) => String(n.target)),
    }))
  })
}

/** Fails with the list of violations when axe-core finds any on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page)
  expect(violations, `axe-core violations on ${page.url()}`).toEqual([])
}
