import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../test-database.ts'
import { changedTables, fingerprint } from './fingerprint.ts'
import { createFuzzTarget, type FuzzTarget, roleArbitrary } from './harness.ts'
import { operationsOf, readSpec, requestFor } from './openapi-cases.ts'
import { fuzzSettings, verdictOf } from './verdict.ts'

/**
 * Issue 18, measured robustness: every operation of openapi.json with random and malformed
 * paths, queries, headers and bodies, as every role. No answer is a 5xx or a stack trace, and a
 * refused request leaves every table as it was (audit rows of refusals excepted: write-log.ts).
 * FUZZ_SEED and FUZZ_RUNS reproduce or widen a run; `BENCH_ONLY=fuzz npm run bench` runs 10,000+.
 */
const spec = readSpec()
const operations = operationsOf(spec)
const { seed, runs } = fuzzSettings(20)

describe('fuzzing every route of openapi.json', () => {
  const testDb = useTestDatabase()
  let target: FuzzTarget

  beforeAll(async () => {
    target = await createFuzzTarget(testDb.db)
  })
  afterAll(() => {
    if (process.env.FUZZ_VERBOSE)
      process.stderr.write(
        `${JSON.stringify({ ...target.stats, statuses: Object.fromEntries(target.stats.statuses) })}\n`,
      )
  })

  it('covers every operation of the committed openapi.json', () => {
    expect(operations.length).toBeGreaterThanOrEqual(70)
  })

  it('can fail: a 500, a stack trace and a refused request that wrote are each caught', async () => {
    const problem = (status: number, body: string, type = 'application/problem+json') =>
      verdictOf(new Response(body, { status, headers: { 'content-type': type } }))
    expect(await problem(500, '{}')).toMatch(/status 500/)
    expect(await problem(400, 'Error: x\n    at f (/app/src/a.ts:1:2)')).toMatch(/stack trace/)
    expect(await problem(404, '{"a":1}', 'application/json')).toMatch(/answered as/)
    const before = await fingerprint(testDb.db)
    await sql`update authorities set name = name || ' ' where id = 'de-bafa'`.execute(testDb.db)
    expect(changedTables(before, await fingerprint(testDb.db))).toEqual(['authorities'])
    await sql`update authorities set name = rtrim(name) where id = 'de-bafa'`.execute(testDb.db)
    // The write log the cases use sees committed writes, and neither rolled-back ones nor
    // the exempt bookkeeping.
    await target.writes.tablesWrittenSince()
    await sql`update users set failed_logins = failed_logins + 1`.execute(testDb.db)
    await testDb.db
      .transaction()
      .execute(async (trx) => {
        await sql`update authorities set name = 'x' where id = 'de-bafa'`.execute(trx)
        throw new Error('roll back')
      })
      .catch(() => undefined)
    expect(await target.writes.tablesWrittenSince()).toEqual([])
    await sql`update authorities set name = name where id = 'de-bafa'`.execute(testDb.db)
    expect(await target.writes.tablesWrittenSince()).toEqual([])
    await sql`update authorities set name = name || ' ' where id = 'de-bafa'`.execute(testDb.db)
    await sql`update authorities set name = rtrim(name) where id = 'de-bafa'`.execute(testDb.db)
    expect(await target.writes.tablesWrittenSince()).toEqual(['authorities'])
  })

  it.each(operations.map((op, index) => [`${op.method} ${op.path}`, op, index] as const))(
    '%s: no 5xx, no write when refused',
    async (_name, op, index) => {
      const cases = fc.record({
        request: requestFor(spec, op, target.known),
        role: roleArbitrary,
        auth: fc.constantFrom('bearer', 'bearer', 'session', 'none' as const),
      })
      await fc.assert(
        fc.asyncProperty(cases, async ({ request, role, auth }) => {
          const problem = await target.judge(request, role, auth)
          if (problem)
            throw new Error(`${role} ${request.method} ${request.path.slice(0, 300)}: ${problem}`)
        }),
        { seed: seed + index, numRuns: runs, endOnFailure: true },
      )
    },
  )
})
