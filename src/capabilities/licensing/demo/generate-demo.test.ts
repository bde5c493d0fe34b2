import { Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { TEST_SOURCE_SHA256, testDecisionLog } from '../../../../test/factories.ts'
import { createTestDatabase, useTestDatabase } from '../../../../test/test-database.ts'
import { PEGASUS_PROJECT_STATES } from '../../reference-data/briefing-lists.ts'
import {
  resolveControlEntry,
  TechnologyCategorySchema,
} from '../../reference-data/control-entries.ts'
import { findCountry } from '../../reference-data/countries.ts'
import { exportLicences } from '../interchange/export-licences.ts'
import { importLicenceRows } from '../interchange/import-licences.ts'
import { readLicenceCsv } from '../interchange/read-licence-file.ts'
import { transition } from '../lifecycle.ts'
import { generateDemoRecords } from './generate-demo.ts'
import { seedDemo } from './seed-demo.ts'

const database = useTestDatabase()

describe(generateDemoRecords.name, () => {
  const records = [...generateDemoRecords({ applications: 5000 })]

  it('is deterministic for a seed and different for another', () => {
    const again = [...generateDemoRecords({ applications: 50 })]
    expect(again).toEqual(records.slice(0, 50))
    expect([...generateDemoRecords({ applications: 50, seed: 7 })]).not.toEqual(again)
  })

  it('covers all 27 authorities, the Pegasus Project states outside the Union, every technology and every decision', () => {
    expect(new Set(records.map((r) => r.authorityId)).size).toBe(27)
    const destinations = new Set(records.map((r) => r.destination))
    const thirdCountries = PEGASUS_PROJECT_STATES.filter((s) => !findCountry(s)?.euMember)
    expect(thirdCountries).toHaveLength(10)
    expect(thirdCountries.every((s) => destinations.has(s))).toBe(true)
    // An export leaves the Union (Art. 2(2)): no demo licence goes to a member state (Hungary was one).
    expect([...destinations].filter((s) => findCountry(s)?.euMember)).toEqual([])
    const technologies = new Set(
      records.flatMap((r) => r.items.map((i) => resolveControlEntry(i.controlEntry)?.technology)),
    )
    expect([...technologies].sort()).toEqual([...TechnologyCategorySchema.options].sort())
    expect(new Set(records.map((r) => r.state))).toEqual(
      new Set([
        'granted',
        'refused',
        'withdrawn',
        'revoked',
        'suspended',
        'annulled',
        'expired',
        'submitted',
        'under_review',
      ]),
    )
    const years = new Set(records.map((r) => r.submittedOn?.slice(0, 4)))
    expect([...years].sort()).toEqual(['2021', '2022', '2023', '2024', '2025'])
  })

  it('gives every record a history the lifecycle allows, ending in its state', () => {
    for (const record of records) {
      const history = record.history ?? []
      for (const entry of history) {
        if (entry.action === 'import' || entry.from === null) continue
        expect(transition(entry.from, entry.action)).toMatchObject({ ok: true, to: entry.to })
      }
      expect(history.at(-1)?.to).toBe(record.state)
      expect(
        history.every((h, i) => i === 0 || h.decidedOn >= (history[i - 1]?.decidedOn ?? '')),
      ).toBe(true)
    }
  })

  it('writes records that the importer accepts unchanged (export → import)', async () => {
    await seedDemo(database.db, {
      log: testDecisionLog(),
      applications: 400,
      referencePrefix: 'DEMOTEST',
    })
    const chunks: string[] = []
    await exportLicences(
      database.db,
      new Writable({
        write: (c, _e, cb) => {
          chunks.push(String(c))
          cb()
        },
      }),
      { format: 'csv', public: false },
    )
    const fresh = await createTestDatabase()
    try {
      const result = await importLicenceRows(
        fresh.db,
        readLicenceCsv(Readable.from([Buffer.from(chunks.join(''))])),
        { actor: 'test', log: testDecisionLog(), sourceSha256: TEST_SOURCE_SHA256 },
      )
      expect(result.applications).toBe(400)
    } finally {
      await fresh.close()
    }
  })
})
