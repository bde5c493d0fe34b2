import fc from 'fast-check'
import { createApp } from '../../src/app.ts'
import { startSession } from '../../src/capabilities/accounts/sessions.ts'
import type { Db } from '../../src/platform/db/database.ts'
import type { Logger } from '../../src/platform/logger.ts'
import {
  applicationBody,
  createTestUsers,
  EACH_ROLE,
  exporterBody,
  type TestUsers,
  testDecisionLog,
} from '../factories.ts'
import type { FuzzRequest, Known } from './openapi-cases.ts'
import { verdictOf } from './verdict.ts'
import { installWriteLog } from './write-log.ts'

/** Every role the factories make, and the public. */
export const ROLES = ['anonymous', ...EACH_ROLE, 'otherOfficer'] as const
export type FuzzRole = (typeof ROLES)[number]
export const roleArbitrary = fc.constantFrom(...ROLES)

/**
 * The app as production builds it, over a database with one account per role, a session per
 * role and a few real applications, and a way to send one fuzzed request and judge the answer.
 * The logger keeps unhandled errors so that a 500 comes with its cause.
 */
export async function createFuzzTarget(db: Db) {
  const errors: string[] = []
  /** Investigations whose background run failed: they stay 'running' until resumed. */
  const failedRuns = new Set<number>()
  const record = (msg: string, fields?: object) => {
    const f = fields as { error?: string; stack?: string; investigation?: number } | undefined
    if (f?.investigation !== undefined) failedRuns.add(f.investigation)
    errors.push(`${msg}: ${f?.error ?? ''}\n${f?.stack ?? ''}`)
  }
  const quiet = () => {}
  const logger: Logger = { debug: quiet, info: quiet, warn: quiet, error: record }
  const app = createApp({
    db,
    clock: { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) },
    logger,
    decisionLog: testDecisionLog(),
  })
  const users: TestUsers = await createTestUsers(db)
  const sessions = new Map<FuzzRole, { cookie: string; csrf: string }>()
  const signIn = async (role: Exclude<FuzzRole, 'anonymous'>) => {
    // The time of this sign-in, not the harness's start: a session begun long ago reads as idle
    // and is deleted on its next use (a write during whatever case comes next).
    const { token, csrfToken } = await startSession(db, users[role].principal.userId, new Date(), {
      idleMinutes: 24 * 60,
      absoluteHours: 48,
    })
    sessions.set(role, { cookie: `glasshouse_session=${token}`, csrf: csrfToken })
  }
  for (const role of ROLES) if (role !== 'anonymous') await signIn(role)
  const bearer = (role: FuzzRole) =>
    role === 'anonymous' ? {} : { authorization: `Bearer ${users[role].token}` }

  const create = async (role: FuzzRole, body: unknown) => {
    const response = await app.request('/api/v1/applications', {
      method: 'POST',
      headers: { ...bearer(role), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const created = (await response.json()) as { reference?: string }
    if (!created.reference) throw new Error(`seeding failed: ${JSON.stringify(created)}`)
    return created.reference
  }
  const known: Known = {
    references: [
      await create('exporter', exporterBody()),
      await create('senior', applicationBody()),
      await create('otherOfficer', applicationBody({ authorityId: 'fr-sbdu' })),
    ],
    ids: ['1', '2', '0', '01', '1.0', '-1', '9223372036854775807', '9223372036854775808'],
  }

  const writes = await installWriteLog(db)
  let clients = 0
  const stats = {
    cases: 0,
    refused: 0,
    serverErrors: 0,
    refusedWithWrite: 0,
    /** Answers by status: shows whether cases get past validation into the services. */
    statuses: new Map<number, number>(),
  }

  async function backgroundRunsFinished() {
    for (let tries = 0; tries < 600; tries++) {
      const running = await db
        .selectFrom('investigations')
        .select('id')
        .where('status', '=', 'running')
        .execute()
      if (running.every(({ id }) => failedRuns.has(id))) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('an investigation run in the background did not finish in 30 s')
  }

  /** Sends one request as a role; returns what is wrong with the answer, or null. */
  async function judge(request: FuzzRequest, role: FuzzRole, auth: 'bearer' | 'session' | 'none') {
    const headers: Record<string, string> = {
      ...(auth === 'bearer' ? bearer(role) : {}),
      ...(auth === 'session' && sessions.has(role)
        ? { cookie: sessions.get(role)?.cookie ?? '', origin: 'http://localhost' }
        : {}),
      ...request.headers,
    }
    errors.length = 0
    stats.cases++
    let response: Response
    try {
      response = await app.request(
        request.path,
        {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        },
        // A client address per case, as @hono/node-server passes it: the per-address
        // sign-in limit is not what is being fuzzed.
        {
          incoming: {
            socket: {
              remoteAddress: `10.${(++clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`,
            },
          },
        },
      )
    } catch (error) {
      stats.serverErrors++
      return `threw ${(error as Error).stack ?? error}`
    }
    stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1)
    const verdict = await verdictOf(response)
    if (verdict) {
      if (response.status >= 500) stats.serverErrors++
      return `${verdict}${errors.length ? `\nlogged: ${errors.join('\n')}` : ''}`
    }
    // A fuzzed sign-out that worked ends the role's session: sign in again for the next cases.
    if (response.status < 400 && request.path.startsWith('/logout') && role !== 'anonymous')
      await signIn(role)
    // An investigation started or resumed in the background (202) goes on writing after the
    // answer: let it finish before the next case, so that its writes are not charged to that one.
    if (response.status === 202 && request.path.startsWith('/api/v1/investigations'))
      await backgroundRunsFinished()
    const written = await writes.tablesWrittenSince()
    if (response.status >= 400) {
      stats.refused++
      if (written.length > 0) {
        stats.refusedWithWrite++
        return `refused with ${response.status} but wrote to ${written.join(', ')}`
      }
    }
    return null
  }

  return { app, db, users, sessions, known, judge, stats, writes }
}

export type FuzzTarget = Awaited<ReturnType<typeof createFuzzTarget>>
