import type { MiddlewareHandler } from 'hono'
import { etag } from 'hono/etag'

/**
 * The portal's public HTML pages (downloads excluded: they stream, and hashing would buffer
 * them). Each is the same for every visitor, so it gets an ETag and may be kept by browsers
 * and proxies as long as they revalidate: an unchanged page costs a 304 and no body.
 */
export const PUBLIC_PAGES = [
  '/',
  '/register',
  '/licences/*',
  '/countries',
  '/countries/*',
  '/exporters',
  '/exporters/*',
  '/reports',
  '/decision-log',
  '/open-data',
  '/recommendations',
  '/watchlists',
] as const

const CACHE_CONTROL = 'public, no-cache'
const tag = etag()

export const publicPageCache: MiddlewareHandler = async (c, next) => {
  await tag(c, async () => {
    await next()
    const html = c.res.headers.get('content-type')?.startsWith('text/html') ?? false
    if (c.res.ok && html && !c.res.headers.has('cache-control'))
      c.res.headers.set('cache-control', CACHE_CONTROL)
  })
  // hono's etag middleware keeps only the ETag on a 304; the validator rules must come too.
  if (c.res.status === 304) c.res.headers.set('cache-control', CACHE_CONTROL)
}
