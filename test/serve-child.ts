// `glasshouse serve` as a child process on its own PGlite directory, for tests that kill it.
import { type ChildProcess, spawn } from 'node:child_process'
import { expect } from 'vitest'
import { glasshouse } from './glasshouse-cli.ts'

const BIN = new URL('../bin/glasshouse.js', import.meta.url).pathname

/** Starts `glasshouse serve` on its own PGlite directory and waits until it answers. */
export async function serve(dataDir: string, port: number): Promise<ChildProcess> {
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

/** An official of de-bafa and an API token for it, made with the CLI as an operator would. */
export async function officialToken(
  dataDir: string,
  role: 'officer' | 'senior_officer' | 'analyst' = 'officer',
): Promise<string> {
  const email = `${role}@bafa.test.example`
  const added = await glasshouse(
    ['users', 'add', '--email', email, '--role', role, '--authority', 'de-bafa'],
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

export const api =
  (port: number, token: string) => (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

/**
 * Sends every request at once and kills the server with SIGKILL as soon as `enough` of them were
 * answered with `okStatus` (or after `waitMs`), so some are committed and some are in flight.
 * Returns how many were acknowledged.
 */
export async function killMidBurst(
  server: ChildProcess,
  requests: Promise<Response>[],
  okStatus: number,
  enough: number,
  waitMs = 3000,
): Promise<number> {
  let acknowledged = 0
  const settled = requests.map((request) =>
    request.then(
      (r) => {
        if (r.status === okStatus) acknowledged += 1
      },
      () => undefined,
    ),
  )
  for (let waited = 0; waited < waitMs && acknowledged < enough; waited += 5)
    await new Promise((r) => setTimeout(r, 5))
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGKILL')
  await Promise.all(settled)
  await exited
  return acknowledged
}
