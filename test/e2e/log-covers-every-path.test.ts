// Every path into the register is logged: the demo seeding and the clock's expiries as much as
// an officer's decision or an import (log-verify-tamper.test.ts). After each, the register
// verifies against the log and every licence's proof bundle checks out offline.
import { describe, expect, it } from 'vitest'
import { proofBundleFor } from '../../src/capabilities/decision-log/proof-bundle-for.ts'
import { verifyProofBundle } from '../../src/capabilities/decision-log/verify-proof-bundle.ts'
import { seedDemo } from '../../src/capabilities/licensing/demo/seed-demo.ts'
import { createLicensingService } from '../../src/capabilities/licensing/licensing.service.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import { fixedClock, systemClock } from '../../src/platform/clock.ts'
import {
  applicationBody,
  grantWithFourEyes,
  TEST_LOG_KEY,
  TEST_LOG_ORIGIN,
  testApp,
  testDecisionLog,
} from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
const verify = () =>
  verifyLogAndRegister(database.db, { vkeys: [TEST_LOG_KEY.vkey], origin: TEST_LOG_ORIGIN })

async function bundleChecks(reference: string) {
  const bundle = await proofBundleFor(database.db, reference, {
    origin: TEST_LOG_ORIGIN,
    vkey: TEST_LOG_KEY.vkey,
  })
  if (!bundle) return { ok: false, reason: 'nothing logged' }
  return verifyProofBundle(JSON.parse(JSON.stringify(bundle)), { vkey: TEST_LOG_KEY.vkey })
}

describe('the decision log covers every path', () => {
  it('logs the demo register: every published licence has a proof bundle that verifies', async () => {
    await seedDemo(database.db, {
      log: testDecisionLog(),
      applications: 300,
      seed: 11,
      referencePrefix: 'DEMOLOG',
      atomic: true,
      expireBefore: new Date().toISOString().slice(0, 10),
    })
    // Written as the clock would have left it: no licence past its validity is still granted.
    const lapsed = await createLicensingService({
      db: database.db,
      clock: systemClock,
      decisionLog: testDecisionLog(),
    }).expireLapsed()
    expect(lapsed.filter((reference) => reference.startsWith('DEMOLOG'))).toEqual([])
    const expired = await database.db
      .selectFrom('applications')
      .select('reference')
      .where('reference', 'like', 'DEMOLOG-%')
      .where('state', '=', 'expired')
      .execute()
    expect(expired.length).toBeGreaterThan(0)
    const verified = await verify()
    expect(verified.problems).toEqual([])
    expect(verified.decisions).toBeGreaterThan(300)
    const published = await database.db
      .selectFrom('applications')
      .select('reference')
      .where('reference', 'like', 'DEMOLOG-%')
      .where('state', 'not in', ['draft', 'submitted', 'under_review'])
      .execute()
    expect(published.length).toBeGreaterThan(100)
    for (const { reference } of published)
      expect(await bundleChecks(reference), reference).toMatchObject({ ok: true })
    const leaf = await database.db
      .selectFrom('log_leaves')
      .select('leaf')
      .where('subject', '=', published[0]?.reference ?? '')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(leaf.leaf)).toMatchObject({ origin: 'demo' })
  })

  it('expires lapsed licences by the clock, dated the day after their last valid day, logged', async () => {
    const t = testApp(database.db)
    const body = applicationBody()
    await t.call('POST', '/api/v1/applications', body)
    for (const step of ['submit', 'review'])
      await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)
    const today = new Date().toISOString().slice(0, 10)
    const granted = await grantWithFourEyes(t, body.reference, {
      validUntil: today,
      justification: 'Assurances obtained',
    })
    expect(granted.status).toBe(200)

    const inAYear = new Date(Date.now() + 366 * 86_400_000).toISOString()
    const licensing = createLicensingService({
      db: database.db,
      clock: fixedClock(inAYear),
      decisionLog: testDecisionLog(),
    })
    const expired = await licensing.expireLapsed()
    expect(expired).toContain(body.reference)
    expect(await licensing.expireLapsed()).not.toContain(body.reference)

    const row = await database.db
      .selectFrom('applications')
      .select(['state', 'decided_on'])
      .where('reference', '=', body.reference)
      .executeTakeFirstOrThrow()
    const dayAfter = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10)
    expect(row).toEqual({ state: 'expired', decided_on: dayAfter })
    const leaves = await database.db
      .selectFrom('log_leaves')
      .select('leaf')
      .where('subject', '=', body.reference)
      .orderBy('index')
      .execute()
    expect(JSON.parse(leaves.at(-1)?.leaf ?? '{}')).toMatchObject({
      action: 'expire',
      origin: 'clock',
      toState: 'expired',
      decidedOn: dayAfter,
    })
    expect(await bundleChecks(body.reference)).toMatchObject({ ok: true, checked: 2 })
    expect((await verify()).problems).toEqual([])
  })
})
