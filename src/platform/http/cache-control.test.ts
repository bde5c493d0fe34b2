import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { isPrivatePath, noStoreWhenPrivate } from './cache-control.ts'

describe(isPrivatePath.name, () => {
  it('covers a private path and what lies below it, not a look-alike', () => {
    expect(isPrivatePath('/login')).toBe(true)
    expect(isPrivatePath('/login/oidc/callback')).toBe(true)
    expect(isPrivatePath('/api/v1/applications/DE-1')).toBe(true)
    expect(isPrivatePath('/loginhelp')).toBe(false)
    expect(isPrivatePath('/api/public/v1/licences')).toBe(false)
    expect(isPrivatePath('/register')).toBe(false)
  })
})

describe(noStoreWhenPrivate.name, () => {
  it('replaces a public header for a signed-in caller and leaves anonymous ones alone', async () => {
    const app = new Hono()
    app.use(noStoreWhenPrivate({ signedIn: (c) => c.req.header('x-signed-in') === 'yes' }))
    app.get('/page', (c) => c.text('same for all', 200, { 'cache-control': 'public, no-cache' }))
    app.get('/workspace/boom', () => {
      throw new Error('boom')
    })
    app.onError((_, c) => c.text('sorry', 500))
    expect((await app.request('/page')).headers.get('cache-control')).toBe('public, no-cache')
    const signedIn = await app.request('/page', { headers: { 'x-signed-in': 'yes' } })
    expect(signedIn.headers.get('cache-control')).toBe('no-store')
    const failed = await app.request('/workspace/boom')
    expect(failed.status).toBe(500)
    expect(failed.headers.get('cache-control')).toBe('no-store')
  })
})
