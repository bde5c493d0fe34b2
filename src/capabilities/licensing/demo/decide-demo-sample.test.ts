import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEST_LOG_KEY, TEST_LOG_ORIGIN, testDecisionLog } from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { systemClock } from '../../../platform/clock.ts'
import { seedDemoAccountsIfNone } from '../../accounts/demo/seed-demo-accounts.ts'
import { createDecisionLog } from '../../decision-log/decision-log.ts'
import { proofBundleFor } from '../../decision-log/proof-bundle-for.ts'
import { verifyProofBundle } from '../../decision-log/verify-proof-bundle.ts'
import { createEvidenceInForce } from '../../risk-assessment/evidence/evidence-in-force.ts'
import { createRiskAssessmentService } from '../../risk-assessment/risk-assessment.service.ts'
import { seedBuiltInList } from '../../watchlists/built-in/seed-built-in-list.ts'
import { createScreeningService } from '../../watchlists/screening.service.ts'
import { createLicensingService } from '../licensing.service.ts'
import { decideDemoSample } from './decide-demo-sample.ts'
import { prepareDemoQueue } from './prepare-demo-queue.ts'
import { seedDemo } from './seed-demo.ts'

const database = useTestDatabase()

describe(decideDemoSample.name, () => {
  it('decides a few demo applications through the lifecycle, once, each in the signed log', async () => {
    const db = database.db
    await seedDemo(db, { log: testDecisionLog(), applications: 600, atomic: true })
    await seedBuiltInList(db, systemClock)
    await seedDemoAccountsIfNone(db, mkdtempSync(join(tmpdir(), 'glasshouse-demo-')))
    const screening = createScreeningService({ db, clock: systemClock })
    const assessment = createRiskAssessmentService({
      db,
      clock: systemClock,
      loadEvidence: createEvidenceInForce(),
    })
    await prepareDemoQueue(db, { screening, assessment, clock: systemClock })
    const decisionLog = createDecisionLog({
      key: TEST_LOG_KEY,
      origin: TEST_LOG_ORIGIN,
      clock: systemClock,
    })
    const licensing = createLicensingService({
      db,
      clock: systemClock,
      screening,
      assessment,
      decisionLog,
    })

    const before = await db.selectFrom('log_leaves').select('index').execute()
    const decided = await decideDemoSample(db, licensing)
    expect(decided).toBeGreaterThan(0)
    const leaves = await db
      .selectFrom('log_leaves')
      .select(['subject', 'leaf'])
      .where('index', '>=', before.length)
      .orderBy('index')
      .execute()
    expect(leaves).toHaveLength(decided)
    // Taken as an officer takes them: no demo mark on these leaves.
    expect(JSON.parse(leaves[0]?.leaf ?? '{}').origin).toBeUndefined()
    const subject = leaves[0]?.subject ?? ''
    const licence = await db
      .selectFrom('applications')
      .select('state')
      .where('reference', '=', subject)
      .executeTakeFirstOrThrow()
    expect(['granted', 'refused']).toContain(licence.state)
    const bundle = await proofBundleFor(db, subject, decisionLog)
    expect(await verifyProofBundle(bundle, { vkey: decisionLog.vkey })).toEqual({
      ok: true,
      checked: 1,
    })

    // Started again, the demo leaves the log alone.
    expect(await decideDemoSample(db, licensing)).toBe(0)
  }, 120_000)
})
