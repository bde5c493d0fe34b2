import { describe, expect, it } from 'vitest'
import {
  applicationBody,
  grantWithFourEyes,
  testApp,
  testDecisionLog,
} from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
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
    const reference = await underReview(t, {
      intendedUsePublic: 'Lawful interception under judicial warrant',
    })
    const granted = await grantWithFourEyes(t, reference, {
      explanation: 'Checked the oversight statute with the legal service (internal note)',
      publicReason: 'Lawful-interception framework with judicial oversight',
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
    // the exporter's public summary, never the confidential detail of the intended use
    expect(words).toContain('Lawful interception under judicial warrant')
    expect(words).not.toContain('Lawful interception at the national internet exchange')
    expect(words).toContain('5A001.j')
    expect(words).toContain('ip network surveillance')
    expect(words).toContain('2500000.00 EUR')
    expect(words).toContain('Total (EUR) 2500000.00 EUR')
    expect(words).toMatch(/Licence number DE-L-\d{4}-\d{6}/)
    expect(words).toContain('NO_SIGNIFICANT_RISK')
    expect(words).toContain('Lawful-interception framework with judicial oversight')
    // the officer's justification and internal explanation are not public
    expect(words).not.toContain('Confidential assurances')
    expect(words).not.toContain('internal note')
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
      explanation: `${PERSON} was interviewed about the end use`,
      publicReason: 'Risk of use for internal repression',
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

  it('offers Verify on a demo licence, whose log records are marked as demo data', async () => {
    const t = testApp(database.db)
    await seedDemo(database.db, {
      log: testDecisionLog(),
      applications: 20,
      referencePrefix: 'IMP',
      atomic: true,
    })
    const demo = await database.db
      .selectFrom('applications')
      .select('reference')
      .where('reference', 'like', 'IMP-%')
      .where('state', '=', 'granted')
      .limit(1)
      .executeTakeFirstOrThrow()
    const { status, html } = await page(t, demo.reference)
    expect(status).toBe(200)
    expect(html).toContain('data-verify-button')
    expect(html).toContain('<script type="module" src="/static/verify-licence.js"></script>')
    expect(html).toMatch(/<tr data-log-index="\d+"/)
    expect(text(html)).toContain('This is fictional demo data: its log records are marked')
    expect(html).toContain('<code>&quot;origin&quot;: &quot;demo&quot;</code>')
  })

  it('names a decision recorded before the register logged every decision, with its date, and offers no Verify', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t)
    // What an older database holds: a refusal recorded before every decision was logged.
    const app = await database.db
      .selectFrom('applications')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('decisions')
      .values({
        application_id: app.id,
        action: 'refuse',
        from_state: 'under_review',
        to_state: 'refused',
        actor: 'officer-before-the-log',
        decided_at: new Date('2025-03-14T10:00:00Z'),
        decided_on: '2025-03-14',
        reason_codes: ['CP2'],
        explanation: 'Refused before the log covered every decision.',
        origin: 'api',
      })
      .execute()
    await database.db
      .updateTable('applications')
      .set({ state: 'refused', decided_on: '2025-03-14', decision_reasons: ['CP2'] })
      .where('id', '=', app.id)
      .execute()
    const { status, html } = await page(t, reference)
    expect(status).toBe(200)
    const words = text(html)
    expect(words).toContain(
      'The decision of 2025-03-14 (refused) was recorded before this register logged every decision; the authority has not yet brought it into the log.',
    )
    expect(words).toContain(
      'not yet in the log (recorded before the register logged every decision)',
    )
    expect(words).toContain('not logged (only decisions are)') // the submission and the review
    expect(html).not.toContain('data-verify-button')
    expect(html).not.toContain('/static/verify-licence.js')
  })
})
