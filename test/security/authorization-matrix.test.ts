import { beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/openapi-document.ts'
import { EACH_ROLE, exporterBody, type TestUsers, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

type Who = keyof TestUsers | 'anonymous'
const EVERYONE: Who[] = ['anonymous', ...EACH_ROLE]

// Written out by hand, apart from the code's permission table, so a change to either shows here.
const OFFICIALS: Who[] = ['officer', 'senior']
const DRAFTERS: Who[] = ['exporter', 'officer', 'senior']
const READERS: Who[] = ['exporter', 'officer', 'senior', 'analyst', 'investigator']
const ANALYSTS: Who[] = ['officer', 'senior', 'analyst', 'investigator']
const SIGNED_IN: Who[] = EVERYONE.filter((w) => w !== 'anonymous')

/** operationId → who may call it (everyone else gets 401 anonymously, 403 signed in). */
const EXPECTED: Record<string, Who[]> = {
  whoAmI: SIGNED_IN,
  listApiTokens: SIGNED_IN,
  createApiToken: SIGNED_IN,
  revokeApiToken: SIGNED_IN,
  listUsers: ['admin'],
  createUser: ['admin'],
  setUserDisabled: ['admin'],
  createActivationLink: ['admin'],
  createOrganisation: ['admin'],
  listAuditEvents: ['senior', 'investigator', 'admin'],
  createApplication: DRAFTERS,
  listApplications: READERS,
  getApplication: READERS,
  updateApplication: DRAFTERS,
  decideApplication: OFFICIALS,
  submitApplication: DRAFTERS,
  startReview: OFFICIALS,
  withdrawApplication: DRAFTERS,
  suspendLicence: OFFICIALS,
  reinstateLicence: OFFICIALS,
  revokeLicence: OFFICIALS,
  annulLicence: OFFICIALS,
  expireLicence: OFFICIALS,
  confirmDecision: OFFICIALS,
  listDenialNotices: ANALYSTS,
  addAuthority: ['admin'],
  screenParties: [...DRAFTERS, 'analyst', 'investigator'],
  listWatchlistChanges: ANALYSTS,
  listApplicationScreenings: ANALYSTS,
  assessApplication: ['officer', 'senior', 'investigator'],
  listAssessments: ANALYSTS,
  setPolicy: ['senior'],
  setMoratorium: ['senior'],
  publishReport: ['senior', 'analyst'],
  // Investigations: investigators (all authorities) and senior officers (their own) start them;
  // officials and analysts read them; officers decide proposals; the Commission sees infringements.
  startInvestigation: ['senior', 'investigator'],
  resumeInvestigation: ['senior', 'investigator'],
  listInvestigations: [...OFFICIALS, 'analyst', 'investigator'],
  getInvestigation: [...OFFICIALS, 'analyst', 'investigator'],
  listInvestigationFindings: [...OFFICIALS, 'analyst', 'investigator'],
  listRevocationProposals: [...OFFICIALS, 'analyst', 'investigator'],
  decideRevocationProposal: OFFICIALS,
  listInfringements: ['analyst', 'investigator'],
}

const routes = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, { operationId?: string }>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    operationId: op.operationId ?? `${method} ${path}`,
  })),
)
const internal = routes.filter((r) => r.path.startsWith('/api/v1/'))
const publicRoutes = routes.filter((r) => r.path.startsWith('/api/public/v1/'))

describe('the authorisation matrix', () => {
  let t: ReturnType<typeof testApp>
  let reference: string
  beforeAll(async () => {
    t = testApp(database.db)
    const created = await t.callAs('exporter')('POST', '/api/v1/applications', exporterBody())
    expect(created.status).toBe(201)
    reference = ((await created.json()) as { reference: string }).reference
  })

  it('knows every internal route (a new route must be added to this matrix)', () => {
    expect(internal.map((r) => r.operationId).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  const cases = internal.flatMap((route) => EVERYONE.map((who) => [route, who] as const))
  it.each(cases)('$operationId as %s', async (route, who) => {
    const path = route.path
      .replace('{reference}', reference)
      .replace('{versionId}', '1')
      .replace(
        '{id}',
        route.path.startsWith('/api/v1/users') ? crypto.randomUUID() : 'abcdef012345',
      )
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {}
    const caller = who === 'anonymous' ? t.callAnonymously : t.callAs(who)
    const response = await caller(route.method, path, body)
    const allowed = (EXPECTED[route.operationId] ?? []).includes(who)
    if (allowed) expect([401, 403], `${response.status}`).not.toContain(response.status)
    else expect(response.status).toBe(who === 'anonymous' ? 401 : 403)
  })

  it.each(publicRoutes)('public $operationId needs no account', async (route) => {
    if (route.method !== 'GET') return
    const path = route.path
      .replace('{reference}', reference)
      .replace('{size}', '1')
      .replace('{index}', '0')
    const response = await t.callAnonymously('GET', path)
    expect([401, 403]).not.toContain(response.status)
  })

  it('refuses a read-only API token anything that changes', async () => {
    const users = await t.users()
    const created = await t.callAs(users.officer)('POST', '/api/v1/tokens', {
      name: 'read only',
      scopes: ['read'],
    })
    const { token } = (await created.json()) as { token: string }
    const asReader = (method: string, path: string, body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    expect((await asReader('GET', `/api/v1/applications/${reference}`)).status).toBe(200)
    expect((await asReader('POST', `/api/v1/applications/${reference}/review`, {})).status).toBe(
      403,
    )
  })

  it('refuses a revoked token and a wrong one outright', async () => {
    const users = await t.users()
    const made = (await (
      await t.callAs(users.analyst)('POST', '/api/v1/tokens', {
        name: 'short-lived',
        scopes: ['read'],
      })
    ).json()) as { token: string; summary: { id: string } }
    const withToken = (token: string) =>
      t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })
    expect((await withToken(made.token)).status).toBe(200)
    expect(
      (await t.callAs(users.analyst)('DELETE', `/api/v1/tokens/${made.summary.id}`)).status,
    ).toBe(204)
    expect((await withToken(made.token)).status).toBe(401)
    expect((await withToken(`${made.token.slice(0, -1)}x`)).status).toBe(401)
    expect((await withToken('not-a-token')).status).toBe(401)
  })
})

/** The workspace pages: who gets the page (200, or 303 onwards for /workspace), who is refused. */
const PAGE_ALLOWED: Record<string, Who[]> = {
  '/workspace': SIGNED_IN,
  '/workspace/applications': DRAFTERS,
  '/workspace/applications/new': ['exporter'],
  '/workspace/applications/{reference}': READERS,
  '/workspace/applications/{reference}/edit': ['exporter'],
  '/workspace/queue': OFFICIALS,
  '/workspace/cases/{reference}': OFFICIALS,
  '/workspace/denial-notices': ANALYSTS,
}
const PAGE_POSTS = [
  '/workspace/applications',
  '/workspace/applications/{reference}/edit',
  '/workspace/applications/{reference}/prescreen',
  '/workspace/applications/{reference}/act',
  '/workspace/applications/{reference}/information-requests/1/answer',
  '/workspace/cases/{reference}/act',
  '/workspace/cases/{reference}/confirm',
  '/workspace/cases/{reference}/information-requests',
  '/logout',
]

describe('the workspace pages', () => {
  let t: ReturnType<typeof testApp>
  let reference: string
  beforeAll(async () => {
    t = testApp(database.db)
    const created = await t.callAs('exporter')('POST', '/api/v1/applications', exporterBody())
    expect(created.status).toBe(201)
    reference = ((await created.json()) as { reference: string }).reference
  })

  const cases = Object.keys(PAGE_ALLOWED).flatMap((page) =>
    EVERYONE.map((who) => [page, who] as const),
  )
  it.each(cases)('GET %s as %s', async (page, who) => {
    const path = page.replace('{reference}', reference)
    const response = await (who === 'anonymous' ? t.callAnonymously : t.callAs(who))('GET', path)
    if (who === 'anonymous') {
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toMatch(/^\/login\?next=/)
    } else if ((PAGE_ALLOWED[page] ?? []).includes(who))
      expect([200, 303]).toContain(response.status)
    else expect(response.status).toBe(403)
  })

  it('hides another tenant’s application on every page', async () => {
    for (const page of Object.keys(PAGE_ALLOWED).filter((p) => p.includes('{reference}'))) {
      const path = page.replace('{reference}', reference)
      expect((await t.callAs('otherOfficer')('GET', path)).status).toBeOneOf([403, 404])
      expect((await t.callAs('otherExporter')('GET', path)).status).toBeOneOf([403, 404])
    }
  })

  it.each(PAGE_POSTS)('POST %s anonymously changes nothing', async (page) => {
    const path = page.replace('{reference}', reference)
    const response = await t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'action=submit',
    })
    expect([303, 401, 403]).toContain(response.status)
    if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/login/)
    const after = (await (
      await t.callAs('exporter')('GET', `/api/v1/applications/${reference}`)
    ).json()) as {
      state: string
    }
    expect(after.state).toBe('draft')
  })
})
