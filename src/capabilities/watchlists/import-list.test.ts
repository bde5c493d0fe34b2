import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA, useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import { ListFormatError } from './formats/index.ts'
import { importList } from './import-list.ts'
import { createScreeningService } from './screening.service.ts'
import { listStatus } from './watchlist.repository.ts'

const SANCTIONS = `${SHARED_DATA}sanctions/`
const haveData = existsSync(SANCTIONS)
const requireData = REQUIRE_SHARED_DATA
const clock = fixedClock('2026-11-28T12:00:00Z')

describe.skipIf(!haveData && !requireData)('importing the real published lists', () => {
  const t = useTestDatabase()

  it('has the shared data when REQUIRE_SHARED_DATA=1', () => {
    expect(existsSync(SANCTIONS), `${SANCTIONS} is missing`).toBe(true)
  })

  it('imports each list with the entity counts of PROVENANCE.md', async () => {
    const imports = [
      { format: 'un-xml', files: ['un/un_sc_consolidated_2026-02-27.xml'], entities: 1003 },
      {
        format: 'ofac-sdn',
        files: ['sdn.csv', 'add.csv', 'alt.csv', 'sdn_comments.partial.csv'].map(
          (f) => `ofac-sdn-2021-07/${f}`,
        ),
        entities: 8976,
      },
      {
        format: 'ofac-cons',
        files: ['cons_prim.csv', 'cons_add.csv', 'cons_alt.csv', 'cons_comments.csv'].map(
          (f) => `ofac-consolidated-2025-12/${f}`,
        ),
        entities: 442,
      },
      { format: 'bis-dpl', files: ['us-bis/bis_denied_persons_list_2022-09.txt'], entities: 581 },
      {
        format: 'csl',
        files: ['us-bis/us_consolidated_screening_list_sample_2019.csv'],
        entities: 115,
      },
      { format: 'ftm', files: ['opensanctions/eu_fsf_sample.entities.ftm.json'], entities: 6 },
    ] as const
    for (const list of imports) {
      const result = await importList(t.db, clock, {
        format: list.format,
        paths: list.files.map((f) => SANCTIONS + f),
        actor: 'test',
      })
      expect(result, list.format).toMatchObject({ entities: list.entities, added: list.entities })
    }
    const status = await listStatus(t.db)
    expect(Object.fromEntries(status.map((s) => [s.source, s.entities]))).toMatchObject({
      'un-sc': 1003,
      'ofac-sdn': 8976,
      'ofac-cons': 442,
      'bis-dpl': 581,
      'us-csl': 115,
    })
    const un = status.find((s) => s.source === 'un-sc')
    expect(un?.listDate).toBe('2026-02-27')
    expect(un?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('screens against what was stored, naming the list versions used', async () => {
    const screening = createScreeningService({ db: t.db, clock })
    const result = await screening.screen([
      { name: 'Osama bin Laden', schema: 'Person' },
      { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', schema: 'Company' },
    ])
    expect(result.results.map((r) => `${r.hits[0]?.source}/${r.hits[0]?.entityId}`)).toEqual([
      'ofac-sdn/6365',
      'ofac-cons/30946',
    ])
    expect(result.lists.map((l) => l.source)).toEqual(
      expect.arrayContaining(['un-sc', 'ofac-sdn', 'ofac-cons', 'bis-dpl', 'us-csl']),
    )
  })

  it('leaves the list in force untouched when a newer file is broken', async () => {
    const before = await listStatus(t.db)
    const dir = mkdtempSync(join(tmpdir(), 'glasshouse-lists-'))
    const truncated = join(dir, 'un.xml')
    const xml = readFileSync(`${SANCTIONS}un/un_sc_consolidated_2026-02-27.xml`, 'utf8')
    writeFileSync(truncated, xml.slice(0, Math.floor(xml.length / 2)))
    const error = await importList(t.db, clock, {
      format: 'un-xml',
      paths: [truncated],
      actor: 'test',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ListFormatError)
    expect(String((error as Error).message)).toContain('un.xml')
    expect(await listStatus(t.db)).toEqual(before)
  })
})
