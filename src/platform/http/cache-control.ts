import type { Context, Env, MiddlewareHandler } from 'hono'

/**
 * Where nothing may be kept by a browser or a shared cache: the authenticated API, the workspace,
 * the sign-in, setup and activation pages, and the operators' endpoints. A path matches when it
 * is one of these or lies below one (`/login/oidc/callback` under `/login`).
 */
export const PRIVATE_PATHS = [
  '/api/v1',
  '/workspace',
  '/login',
  '/logout',
  '/setup',
  '/activate',
  '/whoami',
  '/healthz',
  '/readyz',
  '/metrics',
] as const

export const NO_STORE = 'no-store'

export function isPrivatePath(path: string, prefixes: readonly string[] = PRIVATE_PATHS): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}

/**
 * `Cache-Control: no-store` on every response of a private path, and on every response served
 * to a signed-in caller wherever it is, errors included, so no shared cache or back-button cache
 * keeps an officer's data. It replaces whatever an inner handler set (a public page seen by a
 * signed-in officer is no-store for them); anonymous public responses keep their own headers.
 * Register it before the routes so it sees their final response.
 */
export function noStoreWhenPrivate<E extends Env>(options: {
  signedIn: (c: Context<E>) => boolean
  paths?: readonly string[]
}): MiddlewareHandler<E> {
  const paths = options.paths ?? PRIVATE_PATHS
  return async (c, next) => {
    await next()
    if (isPrivatePath(c.req.path, paths) || options.signedIn(c))
      c.res.headers.set('cache-control', NO_STORE)
  }
}
