import { beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../src/capabilities/accounts/authenticate.ts'
import { DEFAULT_SESSION_POLICY, startSession } from '../../src/capabilities/accounts/sessions.ts'
import { createTestUsers, type TestUsers, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const ORIGIN = 'http://localhost'

/**
 * Nothing an officer or exporter is shown may be kept by a shared cache or the back button:
 * every authenticated response, errors included, is `no-store`. Public pages keep their own
 * revalidation headers for anonymous visitors.
 */
describe('Cache-Control', () => {
  const testDb = useTestDatabase()
  let t: ReturnType<typeof testApp>
  let users: TestUsers
  let cookie: string

  beforeAll(async () => {
    t = testApp(testDb.db, undefined, 5)
    users = await createTestUsers(testDb.db)
    const session = await startSession(
      testDb.db,
      users.officer.principal.userId,
      new Date(),
      DEFAULT_SESSION_POLICY,
    )
    cookie = `${SESSION_COOKIE}=${session.token}`
  })

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('is no-store on /api/v1 answers, successful or not', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/api/v1/applications', { headers: bearer(users.officer.token) }, 200],
      ['/api/v1/applications/NO-SUCH-REF', { headers: bearer(users.officer.token) }, 404],
      ['/api/v1/applications', {}, 401],
      ['/api/v1/applications', { headers: bearer('gh_wrong_token') }, 401],
      [
        '/api/v1/applications',
        {
          method: 'POST',
          headers: { ...bearer(users.exporter.token), 'content-type': 'application/json' },
          body: '{"not": "an application"}',
        },
        400,
      ],
      ['/api/v1/no-such-route', { headers: bearer(users.officer.token) }, 404],
    ]
    for (const [path, init, status] of cases) {
      const response = await t.app.request(path, init)
      expect({ path, status: response.status }).toEqual({ path, status })
      expect({ path, cacheControl: response.headers.get('cache-control') }).toEqual({
        path,
        cacheControl: 'no-store',
      })
    }
  })

  it('is no-store on workspace, sign-in, setup and activation pages', async () => {
    const queue = await t.app.request('/workspace/queue', { headers: { cookie } })
    expect(queue.status).toBe(200)
    expect(await queue.text()).toContain('<html')
    expect(queue.headers.get('cache-control')).toBe('no-store')
    const failedSignIn = await t.app.request(
      '/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({ email: users.officer.email, password: 'not the password' }),
      },
      { incoming: { socket: { remoteAddress: '192.0.2.77' } } },
    )
    expect(failedSignIn.status).toBeGreaterThanOrEqual(400)
    expect(failedSignIn.headers.get('cache-control')).toBe('no-store')
    for (const path of ['/workspace', '/login', '/setup', '/activate?token=nope']) {
      const response = await t.app.request(path)
      expect({ path, cacheControl: response.headers.get('cache-control') }).toEqual({
        path,
        cacheControl: 'no-store',
      })
    }
  })

  it('is no-store on a public page served to a signed-in session', async () => {
    const response = await t.app.request('/register', { headers: { cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('leaves the public pages their public, revalidated caching', async () => {
    for (const path of ['/', '/register']) {
      const response = await t.app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('public, no-cache')
      const etag = response.headers.get('etag')
      expect(etag).toBeTruthy()
      const again = await t.app.request(path, { headers: { 'if-none-match': etag ?? '' } })
      expect(again.status).toBe(304)
      expect(again.headers.get('cache-control')).toBe('public, no-cache')
    }
    const api = await t.app.request('/api/public/v1/licences')
    expect(api.status).toBe(200)
    expect(api.headers.get('cache-control')).toBe('public, max-age=5')
  })
})
