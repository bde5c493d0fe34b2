import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../../test/browser/test-server.ts'
import {
  CookieJar,
  signInAtProvider,
  startTestProvider,
  type TestProvider,
} from '../../../test/oidc-provider.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { systemClock } from '../../platform/clock.ts'
import { type AuthVariables, authenticate, SESSION_COOKIE } from './authenticate.ts'
import { createOidcRoutes, OIDC_BROWSER_COOKIE } from './oidc.routes.tsx'
import { DEFAULT_SESSION_POLICY } from './sessions.ts'
import { createUser, setUserDisabled } from './user.repository.ts'

const database = useTestDatabase()
let provider: TestProvider
let glasshouse: TestServer
let callbackUrl: string
let n = 0
const email = () => `oidc${++n}.${Date.now()}@oidc.test.example`

beforeAll(async () => {
  let app: Hono<{ Variables: AuthVariables }> | undefined
  glasshouse = await startTestServer({
    fetch: (req) => (app ? app.fetch(req) : new Response('not ready', { status: 503 })),
  })
  callbackUrl = `${glasshouse.url}/login/oidc/callback`
  provider = await startTestProvider({ redirectUri: callbackUrl })
  const deps = { db: database.db, clock: systemClock, sessions: DEFAULT_SESSION_POLICY }
  app = new Hono<{ Variables: AuthVariables }>()
  app.use('*', authenticate(deps))
  app.route(
    '/',
    createOidcRoutes({
      ...deps,
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUri: callbackUrl,
        name: 'Test SSO',
      },
      allowInsecure: true,
    }),
  )
  app.get('/whoami', (c) => c.json({ userId: c.get('principal')?.userId ?? null }))
})

afterAll(async () => {
  await glasshouse?.close()
  await provider?.close()
})

/** Starts a sign-in at Glasshouse; returns the browser's jar and the provider's URL. */
async function start(jar = new CookieJar()) {
  const response = await fetch(`${glasshouse.url}/login/oidc?next=/workspace/queue`, {
    redirect: 'manual',
  })
  expect(response.status).toBe(302)
  jar.store(response)
  expect(jar.cookies.has(OIDC_BROWSER_COOKIE)).toBe(true)
  const location = response.headers.get('location') ?? ''
  expect(location.startsWith(`${provider.issuer}/`)).toBe(true)
  const params = new URL(location).searchParams
  expect(params.get('code_challenge_method')).toBe('S256')
  expect(params.get('nonce')).toBeTruthy()
  return { jar, location, state: params.get('state') ?? '' }
}

/** The whole round trip for the provider's account `login`; returns Glasshouse's callback answer. */
async function signIn(login: string) {
  const { jar, location } = await start()
  const callback = await signInAtProvider(location, login, callbackUrl)
  const response = await fetch(callback, { redirect: 'manual', headers: { cookie: jar.header() } })
  return { response, jar, callback }
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
}

async function whoami(cookie: string): Promise<string | null> {
  const response = await fetch(`${glasshouse.url}/whoami`, { headers: { cookie } })
  return ((await response.json()) as { userId: string | null }).userId
}

async function subjectOf(userId: string) {
  const row = await database.db
    .selectFrom('users')
    .select('oidc_subject')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return row.oidc_subject
}

async function lastLoginAudit() {
  return database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'login')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
}

describe('OpenID Connect sign-in against a real provider', () => {
  it('signs in a known user by verified email, links the subject, and sets the session cookie', async () => {
    const address = email()
    const user = await createUser(database.db, {
      email: address,
      displayName: 'Ana Analyst',
      role: 'analyst',
    })
    provider.accounts.set('ana', { email: address.toUpperCase(), email_verified: true })

    const { response } = await signIn('ana')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=/workspace/queue"')
    expect(html).toContain('href="/workspace/queue"')
    expect(html).not.toContain('<script')
    const cookie = sessionCookieOf(response)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).toMatch(/Max-Age=43200/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const pair = (cookie ?? '').split(';')[0] ?? ''
    expect(await whoami(pair)).toBe(user.id)
    expect(await subjectOf(user.id)).toBe(`${provider.issuer}#ana`)
    const audit = await lastLoginAudit()
    expect(audit).toMatchObject({ user_id: user.id, outcome: 'ok' })
    expect(audit.detail).toMatchObject({ via: 'oidc' })

    // Linked now: the subject alone signs in again, whatever email the provider has since.
    provider.accounts.set('ana', { email: 'changed@elsewhere.example', email_verified: true })
    const again = await signIn('ana')
    expect(again.response.status).toBe(200)
    expect(await whoami((sessionCookieOf(again.response) ?? '').split(';')[0] ?? '')).toBe(user.id)
  })

  it('refuses a subject with no account, and never creates one', async () => {
    const before = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    provider.accounts.set('stranger', { email: email(), email_verified: true })
    const { response } = await signIn('stranger')
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('ask one to create yours')
    expect(sessionCookieOf(response)).toBeUndefined()
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed', user_id: null })
    const after = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('does not link by an email the provider has not verified', async () => {
    const address = email()
    const user = await createUser(database.db, {
      email: address,
      displayName: 'Unverified',
      role: 'analyst',
    })
    provider.accounts.set('unverified', { email: address, email_verified: false })
    const { response } = await signIn('unverified')
    expect(response.status).toBe(403)
    expect(sessionCookieOf(response)).toBeUndefined()
    expect(await subjectOf(user.id)).toBeNull()
  })

  it('refuses a tampered state, and a callback without the browser cookie', async () => {
    const address = email()
    await createUser(database.db, { email: address, displayName: 'Tam', role: 'analyst' })
    provider.accounts.set('tam', { email: address, email_verified: true })

    const { jar, location } = await start()
    const callback = new URL(await signInAtProvider(location, 'tam', callbackUrl))
    const tampered = new URL(callback)
    tampered.searchParams.set('state', 'forged-state-value')
    const forged = await fetch(tampered, { redirect: 'manual', headers: { cookie: jar.header() } })
    expect(forged.status).toBe(400)
    expect(sessionCookieOf(forged)).toBeUndefined()
    expect(await forged.text()).not.toMatch(/at .*\.ts:\d+/)

    // Login CSRF: someone else's genuine callback, opened in a browser that did not start it.
    const second = await start()
    const foreign = await signInAtProvider(second.location, 'tam', callbackUrl)
    const other = await fetch(foreign, { redirect: 'manual' })
    expect(other.status).toBe(400)
    expect(sessionCookieOf(other)).toBeUndefined()
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed' })
    // …and the state cannot be replayed afterwards with the right cookie either.
    const replay = await fetch(foreign, {
      redirect: 'manual',
      headers: { cookie: second.jar.header() },
    })
    expect(replay.status).toBe(400)
  })

  it('refuses a disabled user', async () => {
    const address = email()
    const user = await createUser(database.db, {
      email: address,
      displayName: 'Gone',
      role: 'analyst',
    })
    await setUserDisabled(database.db, user.id, true, new Date())
    provider.accounts.set('gone', { email: address, email_verified: true })
    const { response } = await signIn('gone')
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('disabled')
    expect(sessionCookieOf(response)).toBeUndefined()
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed', user_id: user.id })
  })

  it('shows a plain page when the provider says access_denied', async () => {
    const { jar, state } = await start()
    const url = `${callbackUrl}?error=access_denied&state=${encodeURIComponent(state)}`
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('did not sign you in')
  })

  it('answers 502 when the provider cannot be reached', async () => {
    const app = new Hono<{ Variables: AuthVariables }>()
    app.route(
      '/',
      createOidcRoutes({
        db: database.db,
        clock: systemClock,
        sessions: DEFAULT_SESSION_POLICY,
        oidc: {
          issuer: 'http://127.0.0.1:1',
          clientId: 'x',
          redirectUri: 'http://127.0.0.1:2/login/oidc/callback',
          name: 'Test SSO',
        },
      }),
    )
    const response = await app.request('/login/oidc')
    expect(response.status).toBe(502)
    expect(await response.text()).toContain('cannot be reached')
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed' })
  })
})
