import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createErrorHandler } from './problem.ts'

const silent = { debug() {}, info() {}, warn() {}, error() {} }

/** An app whose only route throws `error`, answered by the shared error handler. */
async function answerTo(error: unknown) {
  const app = new Hono()
  app.get('/', () => {
    throw error
  })
  app.onError(createErrorHandler(silent))
  const response = await app.request('/')
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  }
}

describe('the error handler on database faults', () => {
  it('answers a full disk (SQLSTATE 53100) with 503 database_disk_full, not 500', async () => {
    const full = Object.assign(new Error('could not extend file: No space left on device'), {
      code: '53100',
    })
    expect(await answerTo(full)).toMatchObject({
      status: 503,
      body: { code: 'database_disk_full' },
    })
  })

  it('answers an unreachable or restarting database with 503 and Retry-After', async () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ])
      expect(await answerTo(error)).toMatchObject({
        status: 503,
        retryAfter: '5',
        body: { code: 'database_unavailable' },
      })
  })

  it('still answers an unknown fault with 500 and a request id, without its message', async () => {
    const answer = await answerTo(new Error('secret internals'))
    expect(answer.status).toBe(500)
    expect(JSON.stringify(answer.body)).not.toContain('secret internals')
  })
})
