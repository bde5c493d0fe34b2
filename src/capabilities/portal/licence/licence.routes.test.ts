import { describe, expect, it } from 'vitest'
import { applicationBody, grantWithFourEyes, testApp } from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { createApp } from '../../../app.ts'
import { silentLogger } from '../../../platform/logger.ts'
import { seedDemo } from '../../licensing/demo/seed-demo.ts'

const database = useTestDatabase()

// A natural person's name that no label, code or sentence of the page could contain by chance.
const PERSON = 'Quillon Vantrebeck-Osei'

type T = ReturnType<typeof testApp>

async function drafted(t: T, overrides: Record<string, unknown> = {}) {
  const response = await t.call('POST', '/api/v1/applications', applicationBody(overrides))
  expect(response.status).toBe(201)
  return ((await response.json()) as { reference: string }).reference
}

async function underReview(t: T, overrides: Record<string, unknown> = {}) {
  const reference = await drafted(t, overrides)
  for (const step of ['submit', 'review'])
    expect((await t.call('POST', `/api/v1/applications/${reference}/${step}`)).status).toBe(200)
  return reference
}

async function page(t: T, reference: string) {
  const response = await t.callAnonymously('GET', `/licences/${reference}`)
  return { status: response.status, html: await response.text(), response }
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('GET /licences/{reference}', () => {
  it('shows every public field of a granted licence, with labels and links', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t)
    const granted = await grantWithFourEyes(t, reference, {
      explanation: 'Lawful-interception framework with judicial oversight',
      justification: 'Confidential assurances from the end user',
    })
    expect(granted.status).toBe(200)
    const { status, html, response } = await page(t, reference)
    expect(status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('etag')).toBeTruthy()
    const words = text(html)
    expect(words).toContain(`Export licence ${reference}`)
    expect(html).toContain('href="/exporters/Nordlicht%20Systems%20GmbH"')
    expect(html).toContain('href="/countries/AE"')
    expect(words).toContain('United Arab Emirates (AE)')
    expect(words).toContain('Germany (DE)')
    expect(words).toContain('National intelligence service (government intelligence)')
    expect(words).toContain('State Security Directorate') // the government agency field
    expect(words).toContain('Lawful interception at the national internet exchange')
    expect(words).toContain('5A001.j')
    expect(words).toContain('ip network surveillance')
    expect(words).toContain('2500000.00 EUR')
    expect(words).toContain('Total (EUR) 2500000.00 EUR')
    expect(words).toMatch(/Licence number DE-L-\d{4}-\d{6}/)
    expect(words).toContain('NO_SIGNIFICANT_RISK')
    expect(words).toContain('Lawful-interception framework with judicial oversight')
    // the officer's justification for going against a recommendation is not public
    expect(words).not.toContain('Confidential assurances')
    // the history: every step, with its reasons, logged decisions marked
    for (const step of ['Submitted', 'Review started', 'Granted']) expect(words).toContain(step)
    expect(html).toMatch(/<tr data-log-index="\d+" data-action="grant"/)
    expect(words).toContain('Risk level')
    // Verify: the module, the bundle link, the key
    expect(html).toContain('<script type="module" src="/static/verify-licence.js"></script>')
    expect(html).toContain(`/api/public/v1/licences/${reference}/proof`)
    expect(words).toContain('glasshouse log check proof.json --vkey')
    expect(html).toContain('aria-live="polite"')
  })

  it('never names a natural person, an officer or an account', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t, {
      endUser: {
        name: PERSON,
        country: 'AE',
        type: 'individual',
        description: `${PERSON}, private investigator in Dubai`,
      },
      consignee: { name: PERSON, country: 'AE' },
      governmentAgency: null,
    })
    const refused = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2', 'DIVERSION'],
      explanation: 'Risk of use for internal repression',
    })
    expect(refused.status).toBe(200)
    const { status, html } = await page(t, reference)
    expect(status).toBe(200)
    expect(text(html)).toContain('natural person (individual)')
    expect(text(html)).toContain('Risk of use for internal repression')
    expect(text(html)).toContain('CP2 Criterion 2')
    for (const part of PERSON.split(/[ -]/)) expect(html).not.toContain(part)
    expect(html).not.toContain('private investigator')
    const { senior, secondOfficer } = await t.users()
    for (const user of [senior, secondOfficer]) {
      expect(html).not.toContain(user.principal.userId)
      expect(html).not.toContain(user.email)
    }
    expect(html).not.toMatch(/senior|second-officer|@test\.glasshouse/)
  })

  it('is 404 (an HTML page) for a pending, a draft or an unknown reference', async () => {
    const t = testApp(database.db)
    const pending = await underReview(t)
    const draft = await drafted(t)
    for (const reference of [pending, draft, 'XX-0000-NOTHING']) {
      const { status, html, response } = await page(t, reference)
      expect(status, reference).toBe(404)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(html).toContain('<h1>No published licence with this reference</h1>')
      expect(html).toContain('<nav aria-label="Main">')
    }
  })

  it('is 400 naming the field for a malformed reference', async () => {
    const t = testApp(database.db)
    const { status, html } = await page(t, `${'A'.repeat(65)}`)
    expect(status).toBe(400)
    expect(html).toContain('<h1>Not a licence reference</h1>')
    expect(text(html)).toContain('reference: letters, digits and . _ - only')
    const odd = await t.callAnonymously('GET', '/licences/%E2%9C%93bad')
    expect(odd.status).toBe(400)
  })

  it('says the log is not enabled, without Verify, when the server has no decision log', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t)
    const granted = await grantWithFourEyes(t, reference, { justification: 'Assurances given' })
    expect(granted.status).toBe(200)
    const clock = { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) }
    const app = createApp({ db: database.db, clock, logger: silentLogger })
    const html = await (await app.request(`/licences/${reference}`)).text()
    expect(text(html)).toContain('The public decision log is not enabled on this server')
    expect(html).not.toContain('verify-licence.js')
    expect(html).not.toContain('data-verify-button')
  })

  it('serves the Verify module, built once, as JavaScript with cache headers', async () => {
    const t = testApp(database.db)
    const first = await t.app.request('/static/verify-licence.js')
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toContain('text/javascript')
    expect(first.headers.get('cache-control')).toContain('max-age=')
    const body = await first.text()
    expect(body).toContain('crypto.subtle')
    expect(body).not.toMatch(/\bnode:|require\(/)
    const etag = first.headers.get('etag') ?? ''
    const again = await t.app.request('/static/verify-licence.js', {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })

  it('says plainly that an imported licence has nothing in the log to verify', async () => {
    const t = testApp(database.db)
    await seedDemo(database.db, { applications: 20, referencePrefix: 'IMP', atomic: true })
    const imported = await database.db
      .selectFrom('applications')
      .select('reference')
      .where('reference', 'like', 'IMP-%')
      .where('state', '=', 'granted')
      .limit(1)
      .executeTakeFirstOrThrow()
    const { status, html } = await page(t, imported.reference)
    expect(status).toBe(200)
    expect(text(html)).toContain('decisions is in the decision log: they were imported')
    expect(html).not.toContain('data-verify-button')
    expect(html).not.toContain('/static/verify-licence.js')
  })
})
