import { beforeAll, describe, expect, it } from 'vitest'
import {
  createTestUsers,
  exporterBody,
  type TestUser,
  type TestUsers,
  testApp,
} from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'

const ORIGIN = 'http://localhost'

describe('the workspace pages', () => {
  const testDb = useTestDatabase()
  let t: ReturnType<typeof testApp>
  let users: TestUsers

  beforeAll(async () => {
    t = testApp(testDb.db)
    users = await createTestUsers(testDb.db, { passwords: true })
  })

  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
    return body
  }

  // Each sign-in comes from its own client address (as @hono/node-server passes it), so the
  // per-address rate limit does not add up across the tests.
  let clients = 0
  const postLogin = (email: string, password: string) =>
    t.app.request(
      '/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: form({ email, password, next: '/workspace' }),
      },
      { incoming: { socket: { remoteAddress: `192.0.2.${++clients}` } } },
    )

  /** Signs in through the form; returns a cookie-carrying GET and POST. */
  async function signIn(user: TestUser) {
    const response = await postLogin(user.email, user.password)
    expect(response.status).toBe(303)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const get = (path: string) => t.app.request(path, { headers: { cookie } })
    const csrfOf = async (path: string) => {
      const html = await (await get(path)).text()
      return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    }
    const post = (path: string, fields: Record<string, string | string[]>) =>
      t.app.request(path, {
        method: 'POST',
        headers: {
          cookie,
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form(fields),
      })
    return { cookie, get, post, csrfOf }
  }

  /** An exporter's application, submitted, and the officer's session with the case in review. */
  async function caseInReview() {
    const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
    const { reference } = (await created.json()) as { reference: string }
    await t.callAs(users.exporter)('POST', `/api/v1/applications/${reference}/submit`, {})
    const officer = await signIn(users.officer)
    const csrf = await officer.csrfOf(`/workspace/cases/${reference}`)
    await officer.post(`/workspace/cases/${reference}/act`, { _csrf: csrf, action: 'start_review' })
    return { reference, officer, csrf }
  }

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict', async () => {
    const response = await postLogin(users.exporter.email, users.exporter.password)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/workspace')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^glasshouse_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/)
  })

  it('gives the same message for a wrong password and an unknown account', async () => {
    const wrong = await postLogin(users.officer.email, 'not the password')
    const unknown = await postLogin('nobody@test.glasshouse.example', 'whatever')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    const message = 'The email address or password is not right.'
    expect(await wrong.text()).toContain(message)
    expect(await unknown.text()).toContain(message)
  })

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const response = await t.app.request('/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'x-forwarded-proto': 'https',
      },
      body: form({ email: users.senior.email, password: users.senior.password }),
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  const postLoginFrom = (address: string, email: string, password: string) =>
    t.app.request(
      '/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: form({ email, password, next: '/workspace' }),
      },
      { incoming: { socket: { remoteAddress: address } } },
    )

  it('locks an email address at one client address only, and the owner signs in from theirs', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await postLoginFrom('203.0.113.9', users.complaintHandler.email, 'wrong')).status,
      )
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    const locked = await postLoginFrom(
      '203.0.113.9',
      users.complaintHandler.email,
      users.complaintHandler.password,
    )
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toBe('900')
    expect(await locked.text()).toContain(
      'Too many failed attempts to sign in with this email address. Try again in 15 minutes.',
    )
    const owner = await postLoginFrom(
      '198.51.100.9',
      users.complaintHandler.email,
      users.complaintHandler.password,
    )
    expect(owner.status).toBe(303)
  })

  it('answers an email address without an account exactly as one with, six failures and more', async () => {
    const unknown = 'nobody.here@test.glasshouse.example'
    const answers = async (email: string, address: string) => {
      const seen: string[] = []
      for (let i = 0; i < 7; i++) {
        const response = await postLoginFrom(address, email, 'not the password at all')
        const page = (await response.text()).replaceAll(email, 'EMAIL')
        seen.push(`${response.status} ${response.headers.get('retry-after')} ${page}`)
      }
      return seen
    }
    const known = await answers(users.investigator.email, '203.0.113.10')
    const none = await answers(unknown, '203.0.113.11')
    expect(known.map((a) => a.slice(0, 8))).toEqual([
      ...Array(4).fill('401 null'),
      ...Array(3).fill('429 900 '),
    ])
    expect(none).toEqual(known)
  })

  it('signs out only with the CSRF token, and ends the session', async () => {
    const officer = await signIn(users.officer)
    expect((await officer.post('/logout', {})).status).toBe(403)
    const csrf = await officer.csrfOf('/workspace/queue')
    const out = await officer.post('/logout', { _csrf: csrf })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/glasshouse_session=;/)
    const after = await officer.get('/workspace/queue')
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toMatch(/^\/login/)
  })

  it('refuses a sign-in posted from another site', async () => {
    const response = await t.app.request('/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: form({ email: users.exporter.email, password: users.exporter.password }),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('sends anonymous visitors to sign in, and only back to workspace pages', async () => {
    const response = await t.app.request('/workspace/queue')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/login?next=%2Fworkspace%2Fqueue')
    const page = await (await t.app.request('/login?next=https://evil.example/')).text()
    expect(page).toContain('name="next" value="/workspace"')
  })

  it('refuses a POST without the CSRF token with 403', async () => {
    const exporter = await signIn(users.exporter)
    const response = await exporter.post('/workspace/applications', {
      'consignee.name': 'Someone',
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('The form has expired')
  })

  it('sends each role to its start page and keeps exporters out of the queue', async () => {
    const exporter = await signIn(users.exporter)
    expect((await exporter.get('/workspace')).headers.get('location')).toBe(
      '/workspace/applications',
    )
    const queue = await exporter.get('/workspace/queue')
    expect(queue.status).toBe(403)
    expect(await queue.text()).toContain('Not allowed')
    const officer = await signIn(users.officer)
    expect((await officer.get('/workspace')).headers.get('location')).toBe('/workspace/queue')
    const analyst = await signIn(users.analyst)
    const analystHome = await analyst.get('/workspace')
    expect(analystHome.status).toBe(200)
    expect(await analystHome.text()).toContain('Read other authorities&#39; denial notices')
  })

  /** The application form's fields for a draft to the usual end user in the UAE. */
  const draftFields = (csrf: string, fields: Record<string, string | string[]>) => ({
    _csrf: csrf,
    licenceType: 'individual',
    'consignee.name': 'Gulf Secure Networks LLC',
    'consignee.country': 'AE',
    'endUser.name': 'State Security Directorate',
    'endUser.country': 'AE',
    'endUser.type': 'government_intelligence',
    'endUser.description': 'National intelligence service',
    destination: 'AE',
    ...fields,
  })

  it('lets an exporter create a draft through the form and see it', async () => {
    const exporter = await signIn(users.exporter)
    const csrf = await exporter.csrfOf('/workspace/applications/new')
    const response = await exporter.post(
      '/workspace/applications',
      draftFields(csrf, {
        intendedUse: 'Lawful interception at the national internet exchange',
        'items.0.description': 'IP network surveillance system',
        'items.0.controlEntry': '5A001.j',
        'items.0.quantity': '1',
        'items.0.value': '2500000.00',
        'items.0.currency': 'EUR',
        endUseFlags: ['mass_interception', 'no_independent_oversight'],
        internalComplianceProgramme: 'yes',
      }),
    )
    expect(response.status).toBe(303)
    const location = response.headers.get('location') ?? ''
    expect(location).toMatch(/^\/workspace\/applications\/[^/?]+\?done=created$/)
    const status = await (await exporter.get(location)).text()
    expect(status).toContain('Draft saved.')
    expect(status).toContain('State Security Directorate')
    expect(status).toContain('>Submit<')
    const reference = location.split('/')[3]?.split('?')[0] ?? ''
    const list = await (await exporter.get('/workspace/applications')).text()
    expect(list).toContain(reference)
    // The exporter box is the organisation as registered, whatever the form says.
    const stored = await t.callAs(users.exporter)('GET', `/api/v1/applications/${reference}`)
    const body = (await stored.json()) as { exporter: { name: string }; endUseFlags: string[] }
    expect(body.exporter.name).toBe('Nordlicht Systems GmbH')
    expect(body.endUseFlags).toEqual(['mass_interception', 'no_independent_oversight'])
  })

  it('shows form errors next to the fields they are about', async () => {
    const exporter = await signIn(users.exporter)
    const csrf = await exporter.csrfOf('/workspace/applications/new')
    const response = await exporter.post('/workspace/applications', {
      _csrf: csrf,
      licenceType: 'individual',
      'consignee.name': 'Gulf Secure Networks LLC',
      'consignee.country': 'AE',
      'endUser.name': '',
      'endUser.country': 'AE',
      'endUser.type': 'government_intelligence',
      'endUser.description': 'National intelligence service',
      destination: 'AE',
      intendedUse: 'Interception',
      'items.2.description': 'Probe',
      'items.2.controlEntry': '9Z999',
      'items.2.quantity': '1',
      'items.2.value': '10',
      'items.2.currency': 'EUR',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('id="f-endUser-name-error"')
    expect(html).toContain('endUser.name: must not be empty')
    // Row 3 as the exporter filled it, not the first row after dropping empty ones.
    expect(html).toContain('items.2.controlEntry: unknown control-list entry')
    // What was typed is kept.
    expect(html).toContain('value="Gulf Secure Networks LLC"')
  })

  it('takes what a software line is for, and names the row when that cannot be', async () => {
    const exporter = await signIn(users.exporter)
    const csrf = await exporter.csrfOf('/workspace/applications/new')
    const form = (forEntry: string) =>
      draftFields(csrf, {
        intendedUse: 'Software for the monitoring centre',
        'items.1.description': 'Analysis software',
        'items.1.controlEntry': '5D001.a',
        'items.1.forEntry': forEntry,
        'items.1.quantity': '1',
        'items.1.value': '10',
        'items.1.currency': 'EUR',
      })
    const wrong = await exporter.post('/workspace/applications', form('4A005'))
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain(
      'items.1.forEntry: 5D001.a is for items of category 5, not 4A005',
    )
    const saved = await exporter.post('/workspace/applications', form('5A001.j'))
    expect(saved.status).toBe(303)
    const reference = (saved.headers.get('location') ?? '').split('/')[3]?.split('?')[0] ?? ''
    const stored = await t.callAs(users.exporter)('GET', `/api/v1/applications/${reference}`)
    const { items } = (await stored.json()) as {
      items: { forEntry: string; cyberSurveillance: boolean }[]
    }
    expect(items).toMatchObject([{ forEntry: '5A001.j', cyberSurveillance: true }])
    const edit = await (await exporter.get(`/workspace/applications/${reference}/edit`)).text()
    expect(edit).toContain('name="items.0.forEntry" value="5A001.j"')
  })

  it('shows another authority 404 for a case, and the right officer the case', async () => {
    const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
    expect(created.status).toBe(201)
    const { reference } = (await created.json()) as { reference: string }
    const submitted = await t.callAs(users.exporter)(
      'POST',
      `/api/v1/applications/${reference}/submit`,
      {},
    )
    expect(submitted.status).toBeLessThan(300)
    const other = await signIn(users.otherOfficer)
    const response = await other.get(`/workspace/cases/${reference}`)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('There is no such application')
    const officer = await signIn(users.officer)
    const queue = await (await officer.get('/workspace/queue')).text()
    expect(queue).toContain(reference)
    const page = await officer.get(`/workspace/cases/${reference}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Screening findings')
    expect(html).toContain('Risk assessment')
    expect(html).toContain('Start review')
  })

  it('lets the officer ask and the exporter answer a question', async () => {
    const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
    const { reference } = (await created.json()) as { reference: string }
    await t.callAs(users.exporter)('POST', `/api/v1/applications/${reference}/submit`, {})
    const officer = await signIn(users.officer)
    const csrf = await officer.csrfOf(`/workspace/cases/${reference}`)
    const empty = await officer.post(`/workspace/cases/${reference}/information-requests`, {
      _csrf: csrf,
      question: ' ',
    })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('question: required')
    const asked = await officer.post(`/workspace/cases/${reference}/information-requests`, {
      _csrf: csrf,
      question: 'Which judicial authority oversees the interception?',
    })
    expect(asked.status).toBe(303)
    expect(await (await officer.get('/workspace/queue')).text()).toContain('1 unanswered question')
    const exporter = await signIn(users.exporter)
    const status = await (await exporter.get(`/workspace/applications/${reference}`)).text()
    expect(status).toContain('Which judicial authority oversees the interception?')
    const id = /information-requests\/(\d+)\/answer/.exec(status)?.[1]
    const exporterCsrf = /name="_csrf" value="([^"]+)"/.exec(status)?.[1] ?? ''
    const answered = await exporter.post(
      `/workspace/applications/${reference}/information-requests/${id}/answer`,
      { _csrf: exporterCsrf, answer: 'The federal court of appeal.' },
    )
    expect(answered.status).toBe(303)
    const after = await (await officer.get(`/workspace/cases/${reference}`)).text()
    expect(after).toContain('The federal court of appeal.')
  })
  it('grants a large-project licence from the case page, keeping the box ticked on an error', async () => {
    const { reference, officer, csrf } = await caseInReview()
    const inFiveYears = `${Number(new Date().toISOString().slice(0, 4)) + 5}${new Date().toISOString().slice(4, 10)}`
    const grant = {
      _csrf: csrf,
      action: 'grant',
      reasons: 'NO_SIGNIFICANT_RISK',
      largeProject: 'yes',
      validUntil: inFiveYears,
    }
    const tooLong = await officer.post(`/workspace/cases/${reference}/act`, grant)
    expect(tooLong.status).toBe(400)
    const html = await tooLong.text()
    expect(html).toContain('a large-project authorisation runs at most four years')
    expect(html).toMatch(/name="largeProject" value="yes" checked/)
    const granted = await officer.post(`/workspace/cases/${reference}/act`, {
      ...grant,
      justification: 'A five-year build of the network; assurances obtained',
    })
    expect([303, 202]).toContain(granted.status)
  })

  it('re-renders the case with the justification error when granting against the recommendation', async () => {
    const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
    const { reference } = (await created.json()) as { reference: string }
    await t.callAs(users.exporter)('POST', `/api/v1/applications/${reference}/submit`, {})
    const officer = await signIn(users.officer)
    const csrf = await officer.csrfOf(`/workspace/cases/${reference}`)
    const reviewed = await officer.post(`/workspace/cases/${reference}/act`, {
      _csrf: csrf,
      action: 'start_review',
    })
    expect(reviewed.headers.get('location')).toBe(`/workspace/cases/${reference}?done=start_review`)
    const page = await (await officer.get(reviewed.headers.get('location') ?? '')).text()
    expect(page).toContain('Review started.')
    // The assessment of this application (intelligence service, UAE) recommends refusing.
    expect(page).toMatch(/recommendation <strong>refuse<\/strong>/)
    const granted = await officer.post(`/workspace/cases/${reference}/act`, {
      _csrf: csrf,
      action: 'grant',
      explanation: 'Looks fine',
    })
    expect(granted.status).toBe(400)
    expect(await granted.text()).toContain('reasons: a grant needs at least one reason code')
    const justified = await officer.post(`/workspace/cases/${reference}/act`, {
      _csrf: csrf,
      action: 'grant',
      reasons: 'NO_SIGNIFICANT_RISK',
      explanation: 'Looks fine',
    })
    expect(justified.status).toBe(400)
    const html = await justified.text()
    expect(html).toContain('id="f-justification-error"')
    // What the officer typed and ticked is kept.
    expect(html).toContain('>Looks fine</textarea>')
    expect(html).toMatch(/value="NO_SIGNIFICANT_RISK" checked/)
    expect(html).toContain('justification: the risk assessment recommends')
    const unknownAction = await officer.post(`/workspace/cases/${reference}/act`, {
      _csrf: csrf,
      action: 'delete_everything',
    })
    expect(unknownAction.status).toBe(400)
  })

  it('warns the officer when the public reason names a party, and publishes once they tick “publish anyway”', async () => {
    const { reference, officer, csrf } = await caseInReview()
    const refusal = {
      _csrf: csrf,
      action: 'refuse',
      reasons: 'CP2',
      explanation: 'Internal: see the embassy report',
      publicReason: 'Gulf Secure Networks LLC is a known diverter',
    }
    const warned = await officer.post(`/workspace/cases/${reference}/act`, refusal)
    expect(warned.status).toBe(422)
    const html = await warned.text()
    expect(html).toContain(
      'publicReason: names a party of this application (Gulf Secure Networks LLC)',
    )
    expect(html).toContain('name="acknowledgePublicText"')
    // What the officer wrote is kept, and nothing was decided.
    expect(html).toContain('>Gulf Secure Networks LLC is a known diverter</textarea>')
    const still = await t.call('GET', `/api/v1/applications/${reference}`)
    expect(((await still.json()) as { state: string }).state).toBe('under_review')
    const published = await officer.post(`/workspace/cases/${reference}/act`, {
      ...refusal,
      acknowledgePublicText: 'yes',
    })
    expect(published.status).toBe(303)
    const after = await t.call('GET', `/api/v1/applications/${reference}`)
    expect(await after.json()).toMatchObject({
      state: 'refused',
      decisionPublicReason: 'Gulf Secure Networks LLC is a known diverter',
      decisionExplanation: 'Internal: see the embassy report',
    })
  })

  it("lets an exporter edit a draft but not another organisation's", async () => {
    const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
    const { reference } = (await created.json()) as { reference: string }
    const exporter = await signIn(users.exporter)
    const edit = await exporter.get(`/workspace/applications/${reference}/edit`)
    expect(edit.status).toBe(200)
    const html = await edit.text()
    expect(html).toContain('value="Gulf Secure Networks LLC"')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const saved = await exporter.post(`/workspace/applications/${reference}/edit`, {
      _csrf: csrf,
      licenceType: 'individual',
      'consignee.name': 'Gulf Secure Networks LLC',
      'consignee.country': 'AE',
      'endUser.name': 'Ministry of Interior',
      'endUser.country': 'AE',
      'endUser.type': 'government_police',
      'endUser.description': 'Police',
      destination: 'AE',
      intendedUse: 'Interception',
      'items.0.description': 'Probe',
      'items.0.controlEntry': '5A001.j',
      'items.0.quantity': '2',
      'items.0.value': '10',
      'items.0.currency': 'EUR',
    })
    expect(saved.status).toBe(303)
    expect(await (await exporter.get(`/workspace/applications/${reference}`)).text()).toContain(
      'Ministry of Interior',
    )
    const other = await signIn(users.otherExporter)
    expect((await other.get(`/workspace/applications/${reference}/edit`)).status).toBe(404)
    expect((await other.get(`/workspace/applications/${reference}`)).status).toBe(404)
  })
  it("shows officers other authorities' denial notices, and exporters nothing", async () => {
    const body = exporterBody({
      authorityId: 'fr-sbdu',
      exporter: { name: 'Lumière Cyber SAS', country: 'FR' },
    })
    const created = await t.callAs(users.otherExporter)('POST', '/api/v1/applications', body)
    expect(created.status).toBe(201)
    const { reference } = (await created.json()) as { reference: string }
    await t.callAs(users.otherExporter)('POST', `/api/v1/applications/${reference}/submit`, {})
    await t.callAs(users.otherOfficer)('POST', `/api/v1/applications/${reference}/review`, {})
    const refused = await t.callAs(users.otherOfficer)(
      'POST',
      `/api/v1/applications/${reference}/decision`,
      { decision: 'refused', reasons: ['CP2A'], explanation: 'Clear risk of internal repression' },
    )
    expect(refused.status, await refused.clone().text()).toBe(200)
    const officer = await signIn(users.officer)
    const page = await officer.get('/workspace/denial-notices')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('fr-sbdu (FR)')
    expect(html).toContain('State Security Directorate')
    expect(html).toContain('CP2A')
    const exporter = await signIn(users.exporter)
    expect((await exporter.get('/workspace/denial-notices')).status).toBe(403)
  })
  it('offers a row for every item of a draft with more items than the form shows', async () => {
    const item = {
      controlEntry: '5A001.j',
      description: 'Probe',
      quantity: '1',
      value: '100.00',
      currency: 'EUR',
    }
    const items = Array.from({ length: 7 }, (_, i) => ({ ...item, description: `Probe ${i + 1}` }))
    const created = await t.callAs(users.exporter)(
      'POST',
      '/api/v1/applications',
      exporterBody({ items }),
    )
    const { reference } = (await created.json()) as { reference: string }
    const exporter = await signIn(users.exporter)
    const html = await (await exporter.get(`/workspace/applications/${reference}/edit`)).text()
    expect(html).toContain('value="Probe 7"')
    expect(html).toContain('Item 8 description (box 13)')
    expect(html).not.toContain('Item 9 description')
  })
})
