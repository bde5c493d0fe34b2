import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1 for tests, with one confidential
 * client, PKCE required, and its development login/consent forms (any login signs in as the
 * account of that id; no password check), which `signInAtProvider` fills in with fetch.
 */
export type TestProvider = {
  /** http://127.0.0.1:port, the issuer; no trailing slash. */
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  /** The claims each account id gets (any id signs in; unknown ids have no email). */
  readonly accounts: Map<string, { email?: string; email_verified?: boolean }>
  close(): Promise<void>
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void
type ProviderModule = {
  default: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => { callback(): RequestHandler }
}

export async function startTestProvider(options: {
  /** The relying party's callback, registered as the client's only redirect URI. */
  redirectUri: string
}): Promise<TestProvider> {
  // oidc-provider ships no type declarations; a non-literal specifier keeps tsc from asking.
  const specifier = 'oidc-provider'
  const { default: Provider } = (await import(specifier)) as ProviderModule
  let handler: RequestHandler | undefined
  const server = createServer((req, res) => {
    if (handler) handler(req, res)
    else res.writeHead(503).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'glasshouse-test'
  const clientSecret = 'a-test-client-secret-that-is-long-enough-0123456789'
  const accounts = new Map<string, { email?: string; email_verified?: boolean }>()
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...accounts.get(sub) }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    cookies: { keys: ['test-cookie-signing-key-0123456789'] },
  })
  handler = provider.callback()
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A minimal cookie jar: name → value, paths and expiry ignored (enough for one flow at a time). */
export class CookieJar {
  readonly cookies = new Map<string, string>()

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      if (value === '' || /;\s*max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/**
 * Follows the provider's redirects from an authorization URL, signing in as `login` and
 * consenting on its development forms, until it redirects to `callbackPrefix`; returns that URL.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  callbackPrefix: string,
  jar = new CookieJar(),
): Promise<string> {
  let url = authorizationUrl
  let init: RequestInit = {}
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    })
    jar.store(response)
    init = {}
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url).href
      if (next.startsWith(callbackPrefix)) return next
      url = next
      continue
    }
    const html = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1]
    if (response.status !== 200 || !action || !prompt)
      throw new Error(`unexpected provider response ${response.status} at ${url}`)
    url = new URL(action.replaceAll('&amp;', '&'), url).href
    const body = new URLSearchParams({ prompt })
    if (prompt === 'login') {
      body.set('login', login)
      body.set('password', 'any')
    }
    init = {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }
  }
  throw new Error('too many steps at the provider')
}
