import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { readForm } from '../../platform/http/read-form.ts'
import { type AuthVariables, checkCsrf, SESSION_COOKIE } from '../accounts/authenticate.ts'
import { MAX_PASSWORD_LENGTH } from '../accounts/password.ts'
import { PERMISSIONS, ROLE_PERMISSIONS } from '../accounts/permissions.ts'
import { ROLE_LABELS } from '../accounts/principal.ts'
import { endSession, startSession } from '../accounts/sessions.ts'
import { guard, safeNext, str, type WsContext, WsPage } from './workspace.page.tsx'
import type { WorkspaceDeps } from './workspace.routes.tsx'

/** Sign in, sign out, and /workspace sending each role to its own start page. */
export function createSessionRoutes(deps: WorkspaceDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()

  // No session yet, so no synchronizer token: the origin check and SameSite=Strict guard it.
  app.use('/login', csrf())

  app.get('/login', (c) => {
    if (c.get('principal')) return c.redirect(safeNext(c.req.query('next')), 303)
    return c.html(<LoginPage c={c} next={safeNext(c.req.query('next'))} oidcName={deps.oidcName} />)
  })

  app.post('/login', async (c) => {
    const form = await readForm(c)
    const email = str(form, 'email').trim()
    const password = str(form, 'password')
    const next = safeNext(str(form, 'next'))
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
      ?.incoming
    const address = incoming?.socket?.remoteAddress ?? 'unknown'
    const result = await deps.login.login(email, password, address)
    if (!result.ok) {
      const wait = waitText(result.retryAfterSeconds)
      // "Locked" speaks of the email address typed, never of an account: unknown addresses lock too.
      const message =
        result.reason === 'invalid'
          ? 'The email address or password is not right.'
          : result.reason === 'too_long'
            ? `No password is longer than ${MAX_PASSWORD_LENGTH.toLocaleString('en')} characters.`
            : result.reason === 'locked'
              ? `Too many failed attempts to sign in with this email address. Try again in ${wait}.`
              : `Too many sign-in attempts from your address. Try again in ${wait}.`
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds))
      return c.html(
        <LoginPage c={c} next={next} email={email} error={message} oidcName={deps.oidcName} />,
        result.reason === 'invalid' ? 401 : result.reason === 'too_long' ? 400 : 429,
      )
    }
    const { token } = await startSession(
      deps.db,
      result.principal.userId,
      deps.clock.now(),
      deps.sessions,
    )
    const https =
      new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: https,
      maxAge: deps.sessions.absoluteHours * 3600,
    })
    return c.redirect(next, 303)
  })

  app.post('/logout', async (c) => {
    await checkCsrf(c)
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await endSession(deps.db, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/login?signedout=1', 303)
  })

  app.get('/workspace', (c) => {
    const principal = guard(c)
    if (principal.role === 'exporter') return c.redirect('/workspace/applications', 303)
    if (principal.role === 'officer' || principal.role === 'senior_officer')
      return c.redirect('/workspace/queue', 303)
    const permissions = ROLE_PERMISSIONS[principal.role]
    return c.html(
      <WsPage c={c} title="Workspace">
        <h1>Workspace</h1>
        <p>
          You are signed in as {principal.displayName}, {ROLE_LABELS[principal.role].toLowerCase()}.
          The workspace pages are for exporters and licensing officers; your role may:
        </p>
        <ul>
          {permissions.map((p) => (
            <li>{PERMISSIONS[p]}</li>
          ))}
        </ul>
        {permissions.includes('denials.read') ? (
          <p>
            <a href="/workspace/denial-notices">Denial notices of the authorities</a>
          </p>
        ) : null}
        <p>
          The rest is available through the <a href="/api/docs">API</a>.
        </p>
      </WsPage>,
    )
  })

  return app
}

/** "15 minutes", "24 hours": how long a locked sign-in waits. */
function waitText(seconds: number | undefined): string {
  if (!seconds) return 'a few minutes'
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  return `${Math.ceil(minutes / 60)} hours`
}

function LoginPage(props: {
  c: WsContext
  next: string
  email?: string
  error?: string
  oidcName?: string | undefined
}) {
  const signedOut = props.c.req.query('signedout') === '1'
  return (
    <WsPage c={props.c} title="Sign in">
      <h1>Sign in</h1>
      {signedOut ? (
        <p class="flash" role="status">
          You have signed out.
        </p>
      ) : null}
      {props.error ? (
        <p class="errors" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/login" class="stacked">
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="email">Email address</label>
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="username"
            required
            value={props.email ?? ''}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            type="password"
            id="password"
            name="password"
            autocomplete="current-password"
            maxlength={MAX_PASSWORD_LENGTH}
            required
          />
        </div>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      {props.oidcName ? (
        <p>
          <a href={`/login/oidc?next=${encodeURIComponent(props.next)}`}>
            Sign in with {props.oidcName}
          </a>
        </p>
      ) : null}
      <p class="muted">For exporters and the staff of the licensing authorities.</p>
    </WsPage>
  )
}
