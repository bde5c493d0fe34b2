import { randomBytes, timingSafeEqual } from 'node:crypto'
import { sql } from 'kysely'
import * as client from 'openid-client'
import type { Db } from '../../platform/db/database.ts'
import { findUser, findUserByEmail, type UserRow } from './user.repository.ts'

/** OpenID Connect sign-in settings (`config.oidc`); OIDC is off when there are none. */
export type OidcSettings = {
  issuer: string
  clientId: string
  /** Without one, Glasshouse is a public client and relies on PKCE alone. */
  clientSecret?: string | undefined
  /** The provider sends people back here: https://…/login/oidc/callback */
  redirectUri: string
  /** The label of the sign-in link: "Sign in with <name>". */
  name: string
}

/** What is kept about a sign-in between leaving for the provider and coming back. */
export type PendingSignIn = {
  codeVerifier: string
  nonce: string
  /** Where to go after signing in (a safe workspace path). */
  next: string
  /** The random value of the browser cookie that must come back with the callback. */
  browser: string
  expiresAt: number
}

export const PENDING_TTL_MS = 10 * 60_000

/**
 * Sign-ins in flight, keyed by their `state`, in memory: one-shot, expiring after ten minutes, and
 * bounded so that a flood of started sign-ins cannot exhaust memory (the oldest are dropped).
 * A restart loses them; people then simply start again.
 */
export function createPendingStore(maxEntries = 10_000) {
  const pending = new Map<string, PendingSignIn>()
  return {
    put(state: string, entry: PendingSignIn, nowMs: number) {
      for (const [key, value] of pending) {
        if (value.expiresAt <= nowMs) pending.delete(key)
      }
      while (pending.size >= maxEntries) {
        const oldest = pending.keys().next()
        if (oldest.done) break
        pending.delete(oldest.value)
      }
      pending.set(state, entry)
    },
    /** The entry for a state, removed so that it cannot be used twice; undefined when expired. */
    take(state: string, nowMs: number): PendingSignIn | undefined {
      const entry = pending.get(state)
      if (!entry) return undefined
      pending.delete(state)
      return entry.expiresAt > nowMs ? entry : undefined
    },
    get size() {
      return pending.size
    },
  }
}

export type PendingStore = ReturnType<typeof createPendingStore>

export function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison of two strings (the browser-binding cookie). */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Plain http is only allowed when asked for (tests) or for a provider on this machine. */
export function insecureAllowed(issuer: string, allowInsecure: boolean | undefined): boolean {
  const url = new URL(issuer)
  if (url.protocol !== 'http:') return false
  return allowInsecure === true || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

/**
 * The provider's configuration, discovered on first use and then kept; a failed discovery (the
 * provider is down) is not kept, so the next sign-in tries again.
 */
export function createDiscovery(settings: OidcSettings, allowInsecure?: boolean) {
  let configuration: Promise<client.Configuration> | undefined
  return (): Promise<client.Configuration> => {
    if (!configuration) {
      const insecure = insecureAllowed(settings.issuer, allowInsecure)
      configuration = client
        .discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret,
          settings.clientSecret === undefined ? client.None() : undefined,
          { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
        )
        .catch((error: unknown) => {
          configuration = undefined
          throw error
        })
    }
    return configuration
  }
}

/** The provider's authorization URL for a new sign-in, with PKCE (S256), state and nonce. */
export async function beginSignIn(
  configuration: client.Configuration,
  settings: OidcSettings,
): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: 'openid email',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url, state, nonce, codeVerifier }
}

export type VerifiedIdentity = {
  /** `${iss}#${sub}`, what users.oidc_subject holds. */
  subject: string
  email: string | undefined
  emailVerified: boolean
}

/**
 * Exchanges the code (checking state, nonce and the PKCE verifier) and returns who the provider
 * says this is. The email comes from the ID token or, when the provider keeps it out of the ID
 * token (as code flow providers usually do), from the UserInfo endpoint for the same subject.
 */
export async function finishSignIn(
  configuration: client.Configuration,
  settings: OidcSettings,
  query: URLSearchParams,
  pending: PendingSignIn & { state: string },
): Promise<VerifiedIdentity> {
  // The configured redirect URI, not the request's own URL, which a reverse proxy may have changed.
  const callback = new URL(settings.redirectUri)
  callback.search = query.toString()
  const tokens = await client.authorizationCodeGrant(configuration, callback, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  })
  const claims = tokens.claims()
  if (!claims) throw new Error('no ID token')
  let email = typeof claims.email === 'string' ? claims.email : undefined
  let emailVerified = claims.email_verified === true
  if (email === undefined && configuration.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
    email = typeof info.email === 'string' ? info.email : undefined
    emailVerified = info.email_verified === true
  }
  return { subject: `${claims.iss}#${claims.sub}`, email, emailVerified }
}

export type Resolution =
  | { ok: true; user: UserRow; linked: boolean }
  | { ok: false; reason: 'unknown' | 'disabled'; userId?: string }

/**
 * The Glasshouse user an identity stands for: the one linked to its subject, or else the one
 * not yet linked whose email equals the provider's verified email (linked now). No account is
 * ever created: administrators create accounts and give them their roles.
 */
export async function resolveUser(db: Db, identity: VerifiedIdentity): Promise<Resolution> {
  const linked = await db
    .selectFrom('users')
    .select('id')
    .where('oidc_subject', '=', identity.subject)
    .executeTakeFirst()
  if (linked) {
    const user = await findUser(db, linked.id)
    if (!user) return { ok: false, reason: 'unknown' }
    if (user.disabled_at) return { ok: false, reason: 'disabled', userId: user.id }
    return { ok: true, user, linked: false }
  }
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: 'unknown' }
  const user = await findUserByEmail(db, identity.email)
  if (!user) return { ok: false, reason: 'unknown' }
  if (user.disabled_at) return { ok: false, reason: 'disabled', userId: user.id }
  // Only an account not yet linked to another subject; the condition also settles races. The
  // provider vouched for the person behind the verified email: the owner takes the account over.
  const result = await db
    .updateTable('users')
    .set((eb) => ({
      oidc_subject: identity.subject,
      activated_at: eb.fn.coalesce('activated_at', sql<Date>`now()`),
    }))
    .where('id', '=', user.id)
    .where('oidc_subject', 'is', null)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return { ok: false, reason: 'unknown', userId: user.id }
  return { ok: true, user, linked: true }
}

/** Why a sign-in failed, for the audit trail and logs: codes, never personal data. */
export function failureCode(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `provider:${error.error}`
  if (error instanceof client.ResponseBodyError) return `provider:${error.error}`
  if (error instanceof client.ClientError) return error.code ?? 'client_error'
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout'
  if (error instanceof TypeError) return 'network'
  return 'unexpected'
}

/** True when the provider could not be reached (rather than answered "no"). */
export function isUnreachable(code: string): boolean {
  return code === 'timeout' || code === 'network' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM'
}
