import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applicationBody } from '../factories.ts'
import { glasshouse } from '../glasshouse-cli.ts'

const BIN = new URL('../../bin/glasshouse.js', import.meta.url).pathname

/** Starts `glasshouse serve` on its own PGlite directory and waits until it answers. */
async function serve(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--data-dir', dataDir, '--port', String(port)],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        GLASSHOUSE_DEMO: 'off',
        LOG_LEVEL: 'error',
      },
      stdio: 'ignore',
    },
  )
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/public/v1/policy`)).ok) return child
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error('the server did not start')
}

/** An officer of de-bafa and an API token for it, made with the CLI as an operator would. */
async function officerToken(dataDir: string): Promise<string> {
  const email = 'officer@bafa.test.example'
  const added = await glasshouse(
    ['users', 'add', '--email', email, '--role', 'officer', '--authority', 'de-bafa'],
    dataDir,
  )
  expect(added.code, added.stderr).toBe(0)
  const created = await glasshouse(
    [
      'tokens',
      'create',
      '--email',
      email,
      '--name',
      'kill-test',
      '--scopes',
      'read,write',
      '--json',
    ],
    dataDir,
  )
  expect(created.code, created.stderr).toBe(0)
  return (JSON.parse(created.stdout) as { token: string }).token
}

const api = (port: number, token: string) => (method: string, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('the decision log after a SIGKILL', () => {
  it('restarts to a log that verifies and holds exactly the committed decisions', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'glasshouse-kill-')), 'data')
    const port = 18000 + Math.floor(Math.random() * 2000)
    const token = await officerToken(dataDir)
    const server = await serve(dataDir, port)
    const call = api(port, token)
    const references: string[] = []
    for (let i = 0; i < 30; i++) {
      const body = applicationBody()
      expect((await call('POST', '/api/v1/applications', body)).status).toBe(201)
      for (const step of ['submit', 'review'])
        expect((await call('POST', `/api/v1/applications/${body.reference}/${step}`)).status).toBe(
          200,
        )
      references.push(body.reference)
    }

    // A burst of refusals; the server is killed while they are in flight.
    let acknowledged = 0
    const burst = references.map((reference) =>
      call('POST', `/api/v1/applications/${reference}/decision`, {
        decision: 'refused',
        reasons: ['CP2'],
        explanation: 'Risk of internal repression',
      }).then(
        (r) => {
          if (r.status === 200) acknowledged += 1
        },
        () => undefined,
      ),
    )
    // Kill once a few have been acknowledged, so some are committed and some are in flight.
    for (let i = 0; i < 400 && acknowledged < 3; i++) await new Promise((r) => setTimeout(r, 5))
    const exited = new Promise((r) => server.once('exit', r))
    server.kill('SIGKILL')
    await Promise.all(burst)
    await exited

    // Restarted, the log verifies, and every leaf is one committed decision: none lost, none extra.
    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    const result = JSON.parse(verified.stdout) as {
      leaves: number
      decisions: number
      policies: number
    }
    // Policy version 1, logged at first start, and one leaf per committed decision.
    expect(result.policies).toBe(1)
    expect(result.leaves).toBe(result.decisions + result.policies)
    expect(result.decisions).toBeGreaterThanOrEqual(acknowledged)
    expect(result.decisions).toBeLessThan(references.length)
  }, 120_000)
})
