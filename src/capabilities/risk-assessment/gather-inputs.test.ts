import { describe, expect, it } from 'vitest'
import { testDecisionLog } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { seedDemo } from '../licensing/demo/seed-demo.ts'
import type { AssessmentInput } from './assessment-input.ts'
import { createCountryEvidenceSource } from './evidence/country-evidence-source.ts'
import { createInputGatherer, gatherInput } from './gather-inputs.ts'

const evidence = createCountryEvidenceSource()
const today = '2026-11-28'

const HIT = {
  source: 'glasshouse-surveillance-vendors',
  entityId: 'intellexa-sa',
  caption: 'Intellexa S.A.',
  schema: 'Company',
  score: 0.97,
  matchedName: 'Intellexa S.A.',
  programmes: ['surveillance vendor'],
  countries: ['GR'],
  listedOn: null,
  explanation: {
    summary: 'name parts match',
    matchedName: 'Intellexa S.A.',
    parts: [],
    qualifiers: [],
  },
}

describe('createInputGatherer', () => {
  const t = useTestDatabase()

  it('gives each application the input it has when read alone, in a few queries per page', async () => {
    const db = t.db
    await seedDemo(db, { log: testDecisionLog(), applications: 400, seed: 7 })
    const ids = (await db.selectFrom('applications').select('id').orderBy('id').execute()).map(
      (r) => Number(r.id),
    )
    const [a, b, c, d] = ids as [number, number, number, number]
    // What the demo never writes: flags, due diligence, ICP, screenings, identical denials.
    await db
      .updateTable('applications')
      .set({
        end_use_flags: ['covert_capability', 'not-a-flag'],
        due_diligence: JSON.stringify({ summary: 'Checked', completedOn: '2024-01-02' }),
        internal_compliance_programme: true,
      })
      .where('id', '=', a)
      .execute()
    await db
      .updateTable('applications')
      .set({ end_use_flags: [], internal_compliance_programme: false })
      .where('id', '=', b)
      .execute()
    for (const [id, results] of [
      [a, []],
      [a, [{ role: 'exporter', lineNo: null, name: 'X', country: 'GR', hits: [HIT] }]],
      [c, [{ role: 'consignee', lineNo: null, name: 'Y', country: 'AE', hits: [] }]],
    ] as const) {
      await db
        .insertInto('screening_runs')
        .values({
          application_id: id,
          actor: 'test',
          threshold: 0.7,
          list_versions: '[]',
          party_count: 1,
          hit_count: results.length,
          max_score: null,
          results: JSON.stringify(results),
        })
        .execute()
    }
    const notices = await db.selectFrom('denial_notices').select('id').orderBy('id').execute()
    expect(notices.length).toBeGreaterThan(1)
    for (const notice of notices.slice(0, 2))
      await db
        .insertInto('identical_transaction_flags')
        .values({
          application_id: d,
          denial_notice_id: notice.id,
          matched_on: 'end_user',
          control_entry: '5A001.j',
        })
        .execute()
    // One exporter with more refusals than the input keeps (20), on distinct days.
    const many = ids.slice(100, 126)
    const key = (
      await db
        .selectFrom('applications')
        .select('exporter_key')
        .where('id', '=', a)
        .executeTakeFirstOrThrow()
    ).exporter_key
    for (const [n, id] of many.entries())
      await db
        .updateTable('applications')
        .set({
          exporter_key: key,
          state: 'refused',
          decided_on: `2023-01-${String(n + 1).padStart(2, '0')}`,
        })
        .where('id', '=', id)
        .execute()

    const gatherer = createInputGatherer(db, { evidence, today })
    const paged: { applicationId: number; input: AssessmentInput }[] = []
    for (let after = 0; ; ) {
      const page = await gatherer.page(after, 64)
      if (page.length === 0) break
      paged.push(...page)
      after = page.at(-1)?.applicationId ?? after
    }
    expect(paged.map((p) => p.applicationId)).toEqual(ids)
    for (const { applicationId, input } of paged) {
      // Read alone: nothing of the other applications of the page may leak into it.
      const alone = await gatherInput(db, applicationId, { evidence, today })
      expect(input, `application ${applicationId}`).toEqual(alone)
    }
    const inputOf = (id: number) => paged.find((p) => p.applicationId === id)?.input
    expect(inputOf(a)?.watchlistHits).toHaveLength(1)
    expect(inputOf(a)?.vendorAbuse).toHaveLength(1)
    expect(inputOf(c)?.watchlistHits).toEqual([])
    expect(inputOf(b)?.watchlistHits).toBeNull()
    expect(inputOf(d)?.identicalDenials).toHaveLength(2)
    expect(inputOf(a)?.exporterDenials).toHaveLength(20)
    expect(inputOf(many[25] as number)?.exporterDenials[0]?.decidedOn).toBe('2023-01-25')

    // The same inputs by id, in the order asked, unknown ids left out.
    const some = await createInputGatherer(db, { evidence, today }).gather([d, a, 999_999])
    expect(some.map((g) => g.applicationId)).toEqual([d, a])
    expect(some[1]?.input).toEqual(inputOf(a))
  })

  it('takes fresh screening hits instead of the stored ones when asked', async () => {
    const db = t.db
    const first = await db
      .selectFrom('applications')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const seen: string[][] = []
    const gatherer = createInputGatherer(db, {
      evidence,
      today,
      screen: (parties) => {
        seen.push(parties.map((p) => p.role))
        return parties.map((p) => ({
          role: p.role,
          name: p.name,
          hits: p.role === 'exporter' ? [HIT] : [],
        }))
      },
    })
    const [one] = await gatherer.gather([first.id])
    expect(seen[0]?.slice(0, 3)).toEqual(['exporter', 'consignee', 'end_user'])
    expect(one?.input.watchlistHits).toMatchObject([
      { role: 'exporter', entityId: 'intellexa-sa', summary: 'name parts match' },
    ])
    expect(one?.input.vendorAbuse).toEqual([
      { source: 'glasshouse-surveillance-vendors', detail: 'Intellexa S.A.: surveillance vendor' },
    ])
  })
})
