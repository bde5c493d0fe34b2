import { beforeAll, describe, expect, it } from 'vitest'
import { createActivationToken } from '../../src/capabilities/accounts/activation.ts'
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../../src/capabilities/accounts/password.ts'
import { createUser, setPassword } from '../../src/capabilities/accounts/user.repository.ts'
import {
  createTestUsers,
  exporterBody,
  type TestUser,
  type TestUsers,
  testApp,
} from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

/**
 * What a probe of the running system found (issue 18, "limits everywhere"): bodies of any size
 * outside /api, no maximum password length, NUL characters and out-of-range ids reaching the
 * database as 500s. Each case here failed before the limits were added.
 */
const ORIGIN = 'http://localhost'
const MiB = 1024 * 1024

/** A body that is made as it is read, and says how much of it was read. */
function generatedBody(totalBytes: number, prefix = '') {
  let produced = 0
  const head = new TextEncoder().encode(prefix)
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= totalBytes) return controller.close()
        const size = Math.min(64 * 1024, totalBytes - produced)
        const chunk = new Uint8Array(size).fill(0x61) // "aaaa…"
        if (produced === 0) chunk.set(head.subarray(0, size))
        produced += size
        controller.enqueue(chunk)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, read: () => produced }
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe('hostile input', () => {
  const testDb = useTestDatabase()
  let t: ReturnType<typeof testApp>
  let users: TestUsers
  let clients = 0

  beforeAll(async () => {
    t = testApp(testDb.db)
    users = await createTestUsers(testDb.db, { passwords: true })
  })

  const send = (path: string, init: RequestInit & { duplex?: 'half' }) =>
    t.app.request(path, init, {
      incoming: { socket: { remoteAddress: `198.51.100.${++clients}` } },
    })

  const postLogin = (email: string, password: string) =>
    send('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: form({ email, password, next: '/workspace' }),
    })

  async function signIn(user: TestUser) {
    const response = await postLogin(user.email, user.password)
    expect(response.status).toBe(303)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const get = (path: string) => t.app.request(path, { headers: { cookie } })
    const post = (path: string, body: BodyInit) =>
      t.app.request(path, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
    const csrfOf = async (path: string) =>
      /name="_csrf" value="([^"]+)"/.exec(await (await get(path)).text())?.[1] ?? ''
    return { get, post, csrfOf }
  }

  describe('one body limit for every route', () => {
    it('refuses a 64 MiB sign-in streamed without a length after reading at most 256 KiB', async () => {
      const body = generatedBody(64 * MiB, `email=${users.officer.email}&password=`)
      const response = await send('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: body.stream,
        duplex: 'half',
      })
      expect(response.status).toBe(413)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await response.text()
      expect(html).toContain('256 KiB')
      expect(html.length).toBeLessThan(4096)
      // The sign-in never ran: nothing was hashed or counted against the email address.
      expect(body.read()).toBeLessThanOrEqual(256 * 1024 + 64 * 1024)
    })

    it('does not believe a content-length that is smaller than the body', async () => {
      const body = generatedBody(8 * MiB, 'email=x%40example.org&password=')
      const response = await send('/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': '40',
          origin: ORIGIN,
        },
        body: body.stream,
        duplex: 'half',
      })
      expect(response.status).toBe(413)
      expect(body.read()).toBeLessThan(MiB)
    })

    it('refuses a declared length over the limit before reading a byte', async () => {
      const body = generatedBody(4 * MiB)
      const response = await send('/setup', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(4 * MiB),
          origin: ORIGIN,
        },
        body: body.stream,
        duplex: 'half',
      })
      expect(response.status).toBe(413)
      expect(body.read()).toBe(0)
    })

    it('answers an oversized API body with problem+json, whatever its content-length says', async () => {
      const body = generatedBody(3 * MiB, '{"reference":"')
      const response = await send('/api/v1/applications', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${users.exporter.token}`,
          'content-type': 'application/json',
          'content-length': '100',
        },
        body: body.stream,
        duplex: 'half',
      })
      expect(response.status).toBe(413)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect(await response.json()).toMatchObject({ code: 'body_too_large' })
      expect(body.read()).toBeLessThanOrEqual(2 * MiB + 64 * 1024)
    })

    it('does not echo an oversized workspace form back', async () => {
      const exporter = await signIn(users.exporter)
      const csrf = await exporter.csrfOf('/workspace/applications/new')
      const huge = 'x'.repeat(MiB)
      const response = await exporter.post(
        '/workspace/applications',
        form({ _csrf: csrf, intendedUse: huge }),
      )
      expect(response.status).toBe(413)
      const html = await response.text()
      expect(html).not.toContain('xxxxxxxxxx')
      expect(html.length).toBeLessThan(4096)
    })
  })

  describe('passwords have a maximum length', () => {
    it('refuses a 2,000-character sign-in password before hashing it', async () => {
      // Failures are counted per email and client address (five lock the pair), so all from one.
      const from = (password: string) =>
        t.app.request(
          '/login',
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
            body: form({ email: users.analyst.email, password, next: '/workspace' }),
          },
          { incoming: { socket: { remoteAddress: '192.0.2.200' } } },
        )
      const response = await from('p'.repeat(2000))
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('1,024 characters')
      // Had it been hashed and compared, it would have counted: the fourth wrong password
      // after it would then lock the address out, and the right one would be refused.
      for (let i = 0; i < 4; i++) expect((await from('wrong password!!')).status).toBe(401)
      expect((await from(users.analyst.password)).status).toBe(303)
    })
  })

  describe('passwords are set at most 1,024 characters long', () => {
    it('refuses a longer one on the activation page, and takes one of exactly 1,024', async () => {
      const user = await createUser(testDb.db, {
        email: `long-${Date.now()}@test.glasshouse.example`,
        displayName: 'Long password',
        role: 'officer',
        authorityId: 'de-bafa',
      })
      const { token } = await createActivationToken(testDb.db, user.id, {
        createdBy: null,
        now: new Date(),
      })
      const activate = (password: string) =>
        send('/activate', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
          body: form({ token, password }),
        })
      const tooLong = await activate('p'.repeat(MAX_PASSWORD_LENGTH + 1))
      expect(tooLong.status).toBe(400)
      expect(await tooLong.text()).toContain('must be at most 1,024 characters')
      expect((await activate('p'.repeat(MAX_PASSWORD_LENGTH))).status).toBe(303)
    })

    it('refuses a longer one from an administrator (set-password, setup, the API) before hashing', async () => {
      const started = performance.now()
      await expect(
        setPassword(testDb.db, users.analyst.principal.userId, 'p'.repeat(150 * MiB)),
      ).rejects.toMatchObject({ status: 400, issues: [{ field: 'password' }] })
      // scrypt over 150 MB takes seconds; the refusal takes none of them.
      expect(performance.now() - started).toBeLessThan(1000)
      expect(passwordProblem('p'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe(
        'must be at most 1,024 characters',
      )
    })
  })

  describe('control characters are refused with the field named', () => {
    it('refuses NUL in an application body (400, not 500 "invalid byte sequence")', async () => {
      const body = exporterBody({ intendedUse: 'Lawful\u0000interception' })
      const response = await t.callAs(users.exporter)('POST', '/api/v1/applications', body)
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      const problem = (await response.json()) as { issues: { field: string; message: string }[] }
      expect(problem.issues).toEqual([
        { field: 'intendedUse', message: expect.stringContaining('U+0000') },
      ])
    })

    it('names the nested field of an item', async () => {
      const body = exporterBody()
      ;(body.items[0] as { description: string }).description = 'IP\u0007probe'
      const response = await t.callAs(users.exporter)('POST', '/api/v1/applications', body)
      expect(response.status).toBe(400)
      const problem = (await response.json()) as { issues: { field: string }[] }
      expect(problem.issues.map((i) => i.field)).toEqual(['items.0.description'])
    })

    it('keeps tabs, line breaks and an escaped backslash-u', async () => {
      const body = exporterBody({ intendedUse: 'Line one\r\n\tLine two \\u0000 literally' })
      const response = await t.callAs(users.exporter)('POST', '/api/v1/applications', body)
      expect(response.status).toBe(201)
    })

    it('refuses NUL in a token name', async () => {
      const response = await t.callAs(users.officer)('POST', '/api/v1/tokens', {
        name: 'ci\u0000',
        scopes: ['read'],
      })
      expect(response.status).toBe(400)
      const problem = (await response.json()) as { issues: { field: string }[] }
      expect(problem.issues.map((i) => i.field)).toEqual(['name'])
    })

    it('refuses NUL in the answer form with a page naming the field', async () => {
      const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
      const { reference } = (await created.json()) as { reference: string }
      await t.callAs(users.exporter)('POST', `/api/v1/applications/${reference}/submit`, {})
      const officer = await signIn(users.officer)
      const csrf = await officer.csrfOf(`/workspace/cases/${reference}`)
      const asked = await officer.post(
        `/workspace/cases/${reference}/information-requests`,
        form({ _csrf: csrf, question: 'Who oversees the interception?' }),
      )
      expect(asked.status).toBe(303)
      const exporter = await signIn(users.exporter)
      const status = await (await exporter.get(`/workspace/applications/${reference}`)).text()
      const id = /information-requests\/(\d+)\/answer/.exec(status)?.[1]
      const exporterCsrf = /name="_csrf" value="([^"]+)"/.exec(status)?.[1] ?? ''
      const answered = await exporter.post(
        `/workspace/applications/${reference}/information-requests/${id}/answer`,
        form({ _csrf: exporterCsrf, answer: 'The court\u0000' }),
      )
      expect(answered.status).toBe(400)
      expect(answered.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await answered.text()).toContain('“answer”')
    })

    it('refuses NUL in a query string and in a path', async () => {
      const query = await t.callAnonymously('GET', '/register?q=a%00b')
      expect(query.status).toBe(400)
      expect(await query.text()).toContain('“q”')
      const api = await t.callAnonymously('GET', '/api/public/v1/licences?q=%00')
      expect(api.status).toBe(400)
      expect(await api.json()).toMatchObject({ issues: [{ field: 'q' }] })
      const path = await t.callAnonymously('GET', '/exporters/a%00b')
      expect(path.status).toBe(400)
    })

    it('answers an unreadable form with 400, not 500', async () => {
      for (const path of ['/login', '/api/v1/applications']) {
        const response = await send(path, {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data', origin: ORIGIN },
          body: 'no boundary',
        })
        expect(response.status).toBe(400)
      }
    })

    // Found by the 10,000-case fuzz run: with no body there was nothing for the control-character
    // check to read, and the CSRF check's (or the page's) own parse threw undici's TypeError.
    it('answers a form type with no body at all with 400, signed in or not', async () => {
      const officer = users.officer
      const session = (await postLogin(officer.email, officer.password)).headers.get('set-cookie')
      const cookie = (session ?? '').split(';')[0] ?? ''
      for (const [path, headers] of [
        ['/api/v1/tokens', { cookie }],
        ['/api/v1/screening/parties', { cookie }],
        ['/login', {}],
        ['/setup', {}],
        ['/activate', {}],
      ] as const) {
        const response = await send(path, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'multipart/form-data; boundary=x',
            origin: ORIGIN,
          },
        })
        expect({ path, status: response.status }).toEqual({ path, status: 400 })
      }
    })
  })

  describe('numeric ids are range-checked', () => {
    it('answers 404 for a published report id beyond bigint', async () => {
      for (const id of ['9223372036854775808', '99999999999999999999999', '9007199254740993']) {
        expect((await t.callAnonymously('GET', `/reports/${id}/report.html`)).status).toBe(404)
        expect((await t.callAnonymously('GET', `/reports/${id}`)).status).toBe(404)
      }
    })

    it('answers 400 for a denial-notice cursor beyond bigint', async () => {
      const response = await t.callAs(users.officer)(
        'GET',
        '/workspace/denial-notices?after=9223372036854775808',
      )
      expect(response.status).toBe(400)
    })

    it('never answers 500 to an out-of-range id or query number on any route', async () => {
      const created = await t.callAs(users.exporter)('POST', '/api/v1/applications', exporterBody())
      const { reference } = (await created.json()) as { reference: string }
      await t.callAs(users.exporter)('POST', `/api/v1/applications/${reference}/submit`, {})
      const numbers = ['9223372036854775808', '99999999999999999999999', '-1', '1e400']
      const routes = [
        ...new Set(
          t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
        ),
      ].map((pattern) => pattern.split(' ') as [string, string])
      const concrete = (path: string, n: string) =>
        path
          .replace(/:(id|versionId|size|index)(\{[^}]*\})?\}?/g, n)
          .replace(/:name\{\.\+\}/g, 'x')
          .replace(/:name(\{[^}]*\})?\}?/g, 'report.html')
          .replace(/:reference/g, reference)
          .replace(/:code/g, 'DE')
          .replace('/*', `/0/${n}`)
      const calls: [method: string, url: string][] = []
      // Every numeric path parameter, by every method…
      for (const [method, path] of routes)
        if (/:(id|versionId|size|index)\b|\/\*/.test(path))
          for (const n of numbers) calls.push([method, concrete(path, n)])
      // …and every numeric query parameter a page or API read takes.
      const queryNames = ['page', 'size', 'after', 'before', 'limit', 'year', 'from', 'to', 'index']
      for (const [method, path] of routes)
        if (method === 'GET' && !['/openapi.json', '/api/docs'].includes(path))
          for (const n of numbers.slice(0, 2))
            calls.push([
              method,
              `${concrete(path, '1')}?${queryNames.map((q) => `${q}=${n}`).join('&')}`,
            ])
      const failures: string[] = []
      for (const [method, url] of calls)
        for (const user of ['senior', 'admin', 'investigator', 'exporter'] as const) {
          const response = await t.callAs(user)(method, url, method === 'GET' ? undefined : {})
          if (response.status === 500) failures.push(`${user} ${method} ${url}`)
        }
      expect(failures).toEqual([])
    }, 120_000)
  })
})
