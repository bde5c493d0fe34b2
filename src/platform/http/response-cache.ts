import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

type Entry = {
  body: ArrayBuffer
  headers: [string, string][]
  status: number
  etag: string
  at: number
}

/**
 * A small in-process cache for public, read-only GET responses, with ETags. The public register
 * changes only when an authority decides, so serving the same page for a few seconds is safe;
 * `invalidate()` drops everything at once after a write in this process, and the TTL bounds how
 * stale another process's copy can be. Several processes behind a load balancer, or a CDN in
 * front, behave the same way.
 */
export function createResponseCache(options: {
  ttlSeconds: number
  maxEntries?: number
  now?: () => number
}) {
  const entries = new Map<string, Entry>()
  const maxEntries = options.maxEntries ?? 1000
  const now = options.now ?? Date.now
  const ttl = options.ttlSeconds * 1000

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' || ttl <= 0) return next()
    const key = c.req.url
    const hit = entries.get(key)
    const fresh = hit && now() - hit.at < ttl ? hit : undefined
    if (fresh) {
      if (c.req.header('if-none-match') === fresh.etag)
        return c.body(null, 304, { etag: fresh.etag })
      return new Response(fresh.body, {
        status: fresh.status,
        headers: [...fresh.headers, ['x-cache', 'hit']],
      })
    }
    await next()
    if (c.res.status !== 200) return
    const body = await c.res.clone().arrayBuffer()
    const etag = `"${createHash('sha1').update(new Uint8Array(body)).digest('base64url')}"`
    c.res.headers.set('etag', etag)
    c.res.headers.set('cache-control', `public, max-age=${options.ttlSeconds}`)
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
    entries.set(key, { body, headers: [...c.res.headers.entries()], status: 200, etag, at: now() })
    if (c.req.header('if-none-match') === etag)
      c.res = new Response(null, { status: 304, headers: { etag } })
  }

  return { middleware, invalidate: () => entries.clear(), size: () => entries.size }
}
