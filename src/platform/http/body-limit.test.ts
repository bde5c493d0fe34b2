import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatBytes, limitBodies } from './body-limit.ts'

const LIMIT = 256 * 1024

/** A real server (the body arrives from a socket, as in production) with a 256 KiB limit. */
describe('the body limit on a real connection', () => {
  let handled = 0
  let port = 0
  let server: ReturnType<typeof serve>

  beforeAll(async () => {
    const app = new Hono()
    app.use(limitBodies({ maxBytes: () => LIMIT, tooLarge: (c) => c.text('too large', 413) }))
    app.post('/form', async (c) => {
      handled += 1
      return c.text(String((await c.req.arrayBuffer()).byteLength))
    })
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0 }, () => resolve())
    })
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  /** Streams `total` bytes chunked (no content-length) and resolves with the answer. */
  function stream(total: number) {
    return new Promise<{ status: number; body: string; sentBeforeAnswer: number }>(
      (resolve, reject) => {
        let sent = 0
        let answered = false
        const chunk = Buffer.alloc(64 * 1024, 0x61)
        const req = request({ port, method: 'POST', path: '/form' }, (res) => {
          answered = true
          const sentBeforeAnswer = sent
          let body = ''
          res.on('data', (d: Buffer) => {
            body += d.toString()
          })
          res.on('end', () => {
            req.destroy()
            resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer })
          })
        })
        req.on('error', (error) => {
          if (!answered) reject(error)
        })
        const write = () => {
          while (!answered && sent < total) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', write)
          }
          if (!answered) req.end()
        }
        write()
      },
    )
  }

  it('answers 413 to a 150 MB chunked body long before the client has sent it', async () => {
    const answer = await stream(150 * 1024 * 1024)
    expect(answer).toMatchObject({ status: 413, body: 'too large' })
    expect(answer.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024)
    expect(handled).toBe(0)
  })

  it('passes a body under the limit to the route whole', async () => {
    const answer = await stream(LIMIT - 64 * 1024)
    expect(answer).toMatchObject({ status: 200, body: String(LIMIT - 64 * 1024) })
    expect(handled).toBe(1)
  })
})

describe('formatBytes', () => {
  it('writes the limits as the documentation does', () => {
    expect(formatBytes(256 * 1024)).toBe('256 KiB')
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB')
    expect(formatBytes(1000)).toBe('1000 bytes')
  })
})
