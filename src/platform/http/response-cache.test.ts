import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createResponseCache } from './response-cache.ts'

function appWithCache() {
  let clock = 0
  let version = 1
  const cache = createResponseCache({ ttlSeconds: 5, now: () => clock })
  const app = new Hono()
  app.use('*', cache.middleware)
  app.get('/data', (c) => c.json({ version }))
  app.get('/missing', (c) => c.json({ error: true }, 404))
  return { app, cache, tick: (ms: number) => (clock += ms), bump: () => (version += 1) }
}

describe(createResponseCache.name, () => {
  it('serves the cached page until the TTL ends or it is invalidated', async () => {
    const { app, cache, tick, bump } = appWithCache()
    expect(await (await app.request('/data')).json()).toEqual({ version: 1 })
    bump()
    const cached = await app.request('/data')
    expect(cached.headers.get('x-cache')).toBe('hit')
    expect(await cached.json()).toEqual({ version: 1 })
    tick(5000)
    expect(await (await app.request('/data')).json()).toEqual({ version: 2 })
    bump()
    cache.invalidate()
    expect(await (await app.request('/data')).json()).toEqual({ version: 3 })
  })

  it('answers If-None-Match with 304 and never caches errors', async () => {
    const { app, cache } = appWithCache()
    const first = await app.request('/data')
    const etag = first.headers.get('etag') as string
    expect(etag).toMatch(/^".+"$/)
    expect((await app.request('/data', { headers: { 'if-none-match': etag } })).status).toBe(304)
    await app.request('/missing')
    expect(cache.size()).toBe(1)
  })
})
