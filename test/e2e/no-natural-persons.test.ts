import { describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/capabilities/accounts/api-tokens.ts'
import { createUser } from '../../src/capabilities/accounts/user.repository.ts'
import { applicationBody, markOwnerActivatedForTests, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

// Names no page may ever show: an individual end user, the consignee of that export, and the two
// officers who decided it (officials are natural persons too).
const END_USER = 'Oriane Featherstonehaugh-Mbeki'
const OFFICER = 'Casimir Wojtyszko-Lindqvist'
const SECOND_OFFICER = 'Philippa Aboderin-Strand'
const INTERMEDIARY = 'Leocadia Brannigan-Osterholt'
const NAMES = [
  END_USER,
  'Featherstonehaugh',
  OFFICER,
  'Wojtyszko',
  SECOND_OFFICER,
  'Aboderin',
  INTERMEDIARY,
  'Osterholt',
]

/** Paths not to follow: sign-in, the workspaces, static files and the API description. */
const SKIPPED = [/^\/login/, /^\/logout/, /^\/setup/, /^\/workspace/, /^\/static\//, /^\/tile\//]
const MAX_PAGES = 400

describe('the public portal never shows the name of a natural person', () => {
  it('crawls every public page and download reachable from the home page', async () => {
    const t = testApp(database.db)
    const officer = await official(OFFICER)
    const second = await official(SECOND_OFFICER)
    const as = (token: string) => (method: string, path: string, body?: unknown) =>
      t.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const body = applicationBody({
      destination: 'SA',
      endUser: {
        name: END_USER,
        country: 'SA',
        type: 'individual',
        description: `Private investigator ${END_USER}`,
      },
      consignee: { name: END_USER, country: 'SA' },
      parties: [
        {
          role: 'intermediary',
          name: INTERMEDIARY,
          country: 'AE',
          type: 'individual',
          description: `Broker ${INTERMEDIARY}`,
        },
      ],
      governmentAgency: null,
      // Every free-text field gets a name: the confidential ones must never be published, and
      // the published ones (below) are stopped by the public-text check.
      intendedUse: `Surveillance of associates of ${END_USER}, arranged by ${INTERMEDIARY}`,
      intendedUsePublic: 'Investigations by a licensed private investigator',
    })
    const created = await as(officer)('POST', '/api/v1/applications', body)
    expect(created.status, await created.clone().text()).toBe(201)
    const { reference } = (await created.json()) as { reference: string }
    for (const step of ['submit', 'review']) {
      const moved = await as(officer)('POST', `/api/v1/applications/${reference}/${step}`)
      expect(moved.status, await moved.clone().text()).toBe(200)
    }
    // A public reason that names the end user is stopped before anything is published.
    const named = await as(officer)('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'granted',
      reasons: ['NO_SIGNIFICANT_RISK'],
      publicReason: `Granted: ${END_USER} holds a licence as an investigator`,
    })
    expect(named.status, await named.clone().text()).toBe(422)
    const granted = await as(officer)('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'granted',
      reasons: ['NO_SIGNIFICANT_RISK'],
      explanation: `Granted under conditions; ${END_USER} was interviewed by ${OFFICER}.`,
      publicReason: 'Granted under conditions.',
      justification: `Reviewed by ${OFFICER}`,
    })
    expect([200, 202], await granted.clone().text()).toContain(granted.status)
    if (granted.status === 202)
      await as(second)('POST', `/api/v1/applications/${reference}/confirmation`, { confirm: true })
    const revoked = await as(officer)('POST', `/api/v1/applications/${reference}/revoke`, {
      reasons: ['NEW_EVIDENCE'],
      explanation: `New evidence of misuse reported by ${INTERMEDIARY}.`,
      publicReason: 'New evidence of misuse.',
    })
    expect([200, 202], await revoked.clone().text()).toContain(revoked.status)
    if (revoked.status === 202)
      await as(second)('POST', `/api/v1/applications/${reference}/confirmation`, { confirm: true })
    const stateResponse = await t.app.request(`/api/public/v1/licences/${reference}`)
    const state = (await stateResponse.json()) as {
      decision: string
    }
    expect(state.decision).toBe('revoked')

    // An application whose published texts name the natural persons above is never published:
    // the check stops its decision, field by field.
    const other = applicationBody({
      intendedUsePublic: `Monitoring of ${END_USER}`,
      items: [
        {
          controlEntry: '5A001.j',
          description: `Probe configured for ${INTERMEDIARY}`,
          quantity: '1',
          value: '1000.00',
          currency: 'EUR',
        },
      ],
    })
    const otherCreated = await as(officer)('POST', '/api/v1/applications', other)
    expect(otherCreated.status, await otherCreated.clone().text()).toBe(201)
    const otherReference = ((await otherCreated.json()) as { reference: string }).reference
    for (const step of ['submit', 'review'])
      await as(officer)('POST', `/api/v1/applications/${otherReference}/${step}`)
    const stopped = await as(officer)('POST', `/api/v1/applications/${otherReference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Internal note',
      publicReason: 'A clear risk of internal repression',
    })
    expect(stopped.status).toBe(422)
    const { issues } = (await stopped.json()) as { issues: { field: string }[] }
    expect(issues.map((i) => i.field).sort()).toEqual(['intendedUsePublic', 'items.0.description'])

    // No log leaf holds a name either (confidential fields are only committed to).
    const leaves = await database.db.selectFrom('log_leaves').select('leaf').execute()
    for (const { leaf } of leaves)
      for (const name of NAMES) expect(leaf, 'a log leaf').not.toContain(name)

    // Breadth-first from the home page, following every same-site link.
    const seen = new Set<string>(['/'])
    const queue = [
      '/',
      `/licences/${reference}`,
      `/register/licences.csv`,
      `/register/licences.json`,
      // The live annual report of this year, as a table of every licence.
      `/reports/live/licences.csv?year=${new Date().getUTCFullYear()}&scope=EU`,
      `/reports/live/report.json?year=${new Date().getUTCFullYear()}&scope=EU`,
    ]
    const visited: string[] = []
    while (queue.length > 0 && visited.length < MAX_PAGES) {
      const path = queue.shift() as string
      visited.push(path)
      const response = await t.app.request(path)
      const text = await response.text()
      // The starting points must really answer, or the crawl would prove nothing about them.
      if (visited.length <= 7) expect(response.status, path).toBe(200)
      for (const name of NAMES) expect(text, `${path} shows "${name}"`).not.toContain(name)
      if (!response.headers.get('content-type')?.startsWith('text/html')) continue
      for (const match of text.matchAll(/href="(\/[^"#]*)"/g)) {
        const next = (match[1] ?? '').replaceAll('&amp;', '&')
        if (seen.has(next) || SKIPPED.some((skip) => skip.test(next))) continue
        seen.add(next)
        queue.push(next)
      }
    }
    expect(visited.length).toBeGreaterThan(40)
    // The live annual report's per-licence CSV too.
    expect(visited.some((path) => path.startsWith('/reports/live/licences.csv'))).toBe(true)
    // The crawl reached the pages that show this licence and everything around it.
    for (const page of [
      '/register',
      `/licences/${reference}`,
      '/countries',
      '/countries/SA',
      '/exporters',
      '/decision-log',
      '/reports',
      `/api/public/v1/licences/${reference}/proof`,
    ])
      expect(visited, page).toContain(page)
  }, 180_000)
})

async function official(displayName: string): Promise<string> {
  const user = await createUser(database.db, {
    email: `${displayName.split(' ')[0]?.toLowerCase()}@de-bafa.test.example`,
    displayName,
    role: 'senior_officer',
    authorityId: 'de-bafa',
  })
  // Owner-activated, so the second may confirm four-eyes decisions.
  await markOwnerActivatedForTests(database.db, user.id)
  return (await createApiToken(database.db, user.id, { name: 'tests', scopes: ['read', 'write'] }))
    .token
}
