import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { raw } from 'hono/html'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Logger } from '../../platform/logger.ts'
import { safeNext, type WsContext, WsPage } from '../workspace/workspace.page.tsx'
import { recordAudit } from './audit.ts'
import { type AuthVariables, SESSION_COOKIE } from './authenticate.ts'
import {
  beginSignIn,
  createDiscovery,
  createPendingStore,
  failureCode,
  finishSignIn,
  isUnreachable,
  type OidcSettings,
  PENDING_TTL_MS,
  randomToken,
  resolveUser,
  sameSecret,
} from './oidc.ts'
import { type SessionPolicy, startSession } from './sessions.ts'
import { principalOf } from './user.repository.ts'

/** Binds a sign-in to the browser that started it (login-CSRF protection). */
export const OIDC_BROWSER_COOKIE = 'glasshouse_oidc'
const COOKIE_PATH = '/login/oidc'

export type OidcRouteDeps = {
  db: Db
  clock: Clock
  sessions: SessionPolicy
  oidc: OidcSettings
  /** Allow a plain-http provider (tests); always allowed for localhost / 127.0.0.1. */
  allowInsecure?: boolean
  logger?: Logger
}

/**
 * OpenID Connect sign-in (authorization code flow with PKCE): GET /login/oidc sends the browser to
 * the provider, GET /login/oidc/callback signs in the Glasshouse user the provider vouches for.
 */
export function createOidcRoutes(deps: OidcRouteDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()
  const discover = createDiscovery(deps.oidc, deps.allowInsecure)
  const pending = createPendingStore()

  const isHttps = (c: WsContext) =>
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

  async function refuse(
    c: WsContext,
    status: 400 | 403 | 502,
    reason: string,
    message: string,
    userId?: string,
  ) {
    await recordAudit(deps.db, {
      principal: null,
      userId,
      action: 'login',
      outcome: 'failed',
      detail: { via: 'oidc', reason },
    })
    deps.logger?.warn('oidc sign-in failed', { reason, status })
    c.header('cache-control', 'no-store')
    return c.html(
      <WsPage c={c} title="Sign-in failed">
        <h1>Sign-in failed</h1>
        <p>{message}</p>
        <p>
          <a href="/login">Back to sign in</a>
        </p>
      </WsPage>,
      status,
    )
  }

  app.get('/login/oidc', async (c) => {
    const next = safeNext(c.req.query('next'))
    if (c.get('principal')) return c.redirect(next, 303)
    let configuration: Awaited<ReturnType<typeof discover>>
    try {
      configuration = await discover()
    } catch (error) {
      return refuse(
        c,
        502,
        `discovery:${failureCode(error)}`,
        `${deps.oidc.name} cannot be reached at the moment. Try again later, or sign in with your email address and password.`,
      )
    }
    const { url, state, nonce, codeVerifier } = await beginSignIn(configuration, deps.oidc)
    const browser = randomToken()
    const nowMs = deps.clock.now().getTime()
    pending.put(
      state,
      { codeVerifier, nonce, next, browser, expiresAt: nowMs + PENDING_TTL_MS },
      nowMs,
    )
    // Lax, not Strict: it must come back with the provider's top-level redirect to the callback.
    setCookie(c, OIDC_BROWSER_COOKIE, browser, {
      httpOnly: true,
      sameSite: 'Lax',
      path: COOKIE_PATH,
      secure: isHttps(c),
      maxAge: PENDING_TTL_MS / 1000,
    })
    c.header('cache-control', 'no-store')
    return c.redirect(url.href, 302)
  })

  app.get('/login/oidc/callback', async (c) => {
    const query = new URL(c.req.url).searchParams
    const state = query.get('state') ?? ''
    const browser = getCookie(c, OIDC_BROWSER_COOKIE)
    deleteCookie(c, OIDC_BROWSER_COOKIE, { path: COOKIE_PATH, secure: isHttps(c) })
    const entry = pending.take(state, deps.clock.now().getTime())
    if (!entry)
      return refuse(
        c,
        400,
        'unknown_state',
        'This sign-in has expired or was not started here. Start again from the sign-in page.',
      )
    if (!sameSecret(browser, entry.browser))
      return refuse(
        c,
        400,
        'browser_mismatch',
        'This sign-in was started in another browser or window. Start again from the sign-in page.',
      )
    const providerError = query.get('error')
    if (providerError !== null)
      return providerError === 'access_denied'
        ? refuse(
            c,
            403,
            'provider:access_denied',
            `${deps.oidc.name} did not sign you in (the sign-in was cancelled or refused).`,
          )
        : refuse(
            c,
            502,
            `provider:${providerError.slice(0, 40).replace(/[^a-z_]/g, '')}`,
            `${deps.oidc.name} could not sign you in. Try again later.`,
          )

    let identity: Awaited<ReturnType<typeof finishSignIn>>
    try {
      const configuration = await discover()
      identity = await finishSignIn(configuration, deps.oidc, query, { ...entry, state })
    } catch (error) {
      const code = failureCode(error)
      return isUnreachable(code)
        ? refuse(
            c,
            502,
            code,
            `${deps.oidc.name} cannot be reached at the moment. Try again later.`,
          )
        : refuse(
            c,
            400,
            code,
            `The answer from ${deps.oidc.name} could not be verified. Start again from the sign-in page.`,
          )
    }

    const resolution = await resolveUser(deps.db, identity)
    if (!resolution.ok)
      return resolution.reason === 'disabled'
        ? refuse(
            c,
            403,
            'disabled',
            'Your Glasshouse account is disabled. Ask a Glasshouse administrator if you should still have access.',
            resolution.userId,
          )
        : refuse(
            c,
            403,
            'unknown_subject',
            `You have signed in with ${deps.oidc.name}, but there is no Glasshouse account for you. Glasshouse administrators create accounts and assign roles: ask one to create yours, with the email address your organisation gave you.`,
            resolution.userId,
          )

    const principal = principalOf(resolution.user)
    const { token } = await startSession(deps.db, principal.userId, deps.clock.now(), deps.sessions)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isHttps(c),
      maxAge: deps.sessions.absoluteHours * 3600,
    })
    await recordAudit(deps.db, {
      principal,
      action: 'login',
      outcome: 'ok',
      detail: resolution.linked ? { via: 'oidc', linked: true } : { via: 'oidc' },
    })
    // The first linked sign-in is the owner taking the account over (activation.ts).
    if (resolution.linked && resolution.user.activated_at === null)
      await recordAudit(deps.db, {
        principal,
        action: 'user.activate',
        subject: principal.userId,
        outcome: 'ok',
        detail: { via: 'oidc' },
      })
    // A page rather than a redirect: the browser does not send the SameSite=Strict cookie along a
    // redirect chain that the provider started, but does on this same-site refresh.
    c.header('cache-control', 'no-store')
    return c.html(
      <>
        {raw('<!doctype html>')}
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta http-equiv="refresh" content={`0;url=${entry.next}`} />
            <title>Signed in — Glasshouse</title>
            <link rel="stylesheet" href="/static/portal.css" />
          </head>
          <body>
            <p>
              You are signed in. <a href={entry.next}>Continue to the workspace</a>.
            </p>
          </body>
        </html>
      </>,
    )
  })

  return app
}
