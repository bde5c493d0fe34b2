import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  REQUIRE_SHARED_DATA,
  SHARED_DATA,
  useTestDatabase,
} from '../../../../test/test-database.ts'
import { fixedClock } from '../../../platform/clock.ts'
import { ValidationError } from '../../../platform/http/errors.ts'
import { createCountryEvidenceSource } from './country-evidence-source.ts'
import { EvidenceFormatError } from './evidence-format-error.ts'
import { importEvidence, loadEvidenceTables } from './import-evidence.ts'
import { SHARED_EVIDENCE_FILES as FILES } from './shared-evidence-files.ts'

const clock = fixedClock('2026-11-28T12:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'glasshouse-evidence-import-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const FH = file(
  'fiw.csv',
  'country_territory,iso2,iso3,edition,status,Total\nNorway,NO,NOR,2025,F,99\nUtopia,,,2025,PF,50\n',
)
const VDEM = file(
  'vdem_v15.csv',
  'country_text_id,year,v2x_libdem,v2x_civlib\nNOR,2024,0.85,0.94\n',
)
const RSF = file('rsf.csv', 'year,iso3,score,rank\n2026,NOR,91.5,1\n2026,SWE,88,3\n')

// One migrated database for the file, as elsewhere; the describes run in order.
const t = useTestDatabase()

describe('importing destination evidence', () => {
  it('stores nothing and falls back to the authored tables when nothing was imported', async () => {
    expect(await loadEvidenceTables(t.db)).toEqual({})
  })

  it('tells the publishers’ files apart by header, in any order, and stores the newest figures', async () => {
    const result = await importEvidence(t.db, clock, {
      kind: 'indicators',
      paths: [RSF, FH, VDEM],
      actor: 'officer-1',
    })
    expect(result).toMatchObject({ kind: 'indicators', entries: 2 })
    expect(result.importedAt.toISOString()).toBe('2026-11-28T12:00:00.000Z')
    expect(result.files.map((f) => f.name)).toEqual(['rsf.csv', 'fiw.csv', 'vdem_v15.csv'])
    expect(result.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
    const tables = await loadEvidenceTables(t.db)
    expect(tables.indicators?.countries.NO).toEqual({
      freedomHouse: { edition: 2025, globalScore: 99, status: 'F' },
      vdem: { year: 2024, liberalDemocracy: 0.85, civilLiberties: 0.94 },
      rsf: { year: 2026, score: 91.5, rank: 1 },
    })
    expect(tables.indicators?.attribution.vdem).toContain('Dataset v15')
    const evidence = createCountryEvidenceSource(tables).forCountry('NO')
    expect(evidence.indicators.rsf?.year).toBe(2026)
    expect(evidence.indicators.attribution).toContain('Freedom in the World 2025')
    // Kinds not imported still come from the authored tables.
    expect(createCountryEvidenceSource(tables).forCountry('BY').embargoes.length).toBeGreaterThan(0)
  })

  it('inserts nothing when a file fails to parse', async () => {
    const count = async () =>
      (
        await t.db
          .selectFrom('evidence_sets')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    const before = await count()
    const bad = file('rsf-bad.csv', 'year,iso3,score,rank\n2027,NOR,lots,1\n')
    await expect(
      importEvidence(t.db, clock, {
        kind: 'indicators',
        paths: [FH, VDEM, bad],
        actor: 'officer-1',
      }),
    ).rejects.toBeInstanceOf(EvidenceFormatError)
    await expect(
      importEvidence(t.db, clock, { kind: 'indicators', paths: [FH, VDEM], actor: 'officer-1' }),
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(
      importEvidence(t.db, clock, {
        kind: 'indicators',
        paths: [FH, FH, VDEM, RSF],
        actor: 'officer-1',
      }),
    ).rejects.toThrow(/a second Freedom House file/)
    const unknown = file('other.csv', 'a,b\n1,2\n')
    await expect(
      importEvidence(t.db, clock, {
        kind: 'indicators',
        paths: [FH, VDEM, unknown],
        actor: 'officer-1',
      }),
    ).rejects.toThrow(/other\.csv line 1: header matches none of/)
    expect(await count()).toBe(before)
    expect((await loadEvidenceTables(t.db)).indicators?.countries.NO?.rsf?.year).toBe(2026)
  })

  it('uses the newest set of a kind', async () => {
    const newer = file('rsf-2027.csv', 'year,iso3,score,rank\n2027,NOR,90,2\n')
    await importEvidence(t.db, clock, {
      kind: 'indicators',
      paths: [FH, VDEM, newer],
      actor: 'officer-2',
    })
    expect((await loadEvidenceTables(t.db)).indicators?.countries.NO?.rsf).toEqual({
      year: 2027,
      score: 90,
      rank: 2,
    })
  })
})

const haveData = existsSync(SHARED_DATA + FILES.operatorStates)

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('importing the shared evidence files', () => {
  it('imports the indicators, operator states and victim cases and reads them back', async () => {
    const indicators = await importEvidence(t.db, clock, {
      kind: 'indicators',
      paths: [FILES.vdem, FILES.rsf, FILES.freedomHouse].map((f) => SHARED_DATA + f),
      actor: 'test',
    })
    expect(indicators.entries).toBe(199)
    const operators = await importEvidence(t.db, clock, {
      kind: 'spyware-operators',
      paths: [SHARED_DATA + FILES.operatorStates],
      actor: 'test',
    })
    expect(operators).toMatchObject({ entries: 95, summary: '95 rows for 56 states' })
    const cases = await importEvidence(t.db, clock, {
      kind: 'victim-cases',
      paths: FILES.victimCases.map((f) => SHARED_DATA + f),
      actor: 'test',
    })
    expect(cases.entries).toBe(9)

    const tables = await loadEvidenceTables(t.db)
    expect(Object.keys(tables).sort()).toEqual(['indicators', 'spyware', 'victimCases'])
    const az = createCountryEvidenceSource(tables).forCountry('AZ')
    expect(az.pegasusProject).toBe(true)
    expect(az.spyware[0]).toMatchObject({
      spyware: 'Pegasus',
      evidence: 'confirmed infections',
      civilSocietyTargeted: true,
    })
    expect(createCountryEvidenceSource(tables).forCountry('IN').victimCases?.civilSociety).toBe(22)
  })
})

describe('a stored set of the wrong shape', () => {
  it('fails loudly instead of feeding the rules half-shaped evidence', async () => {
    await t.db
      .insertInto('evidence_sets')
      .values({
        kind: 'victim-cases',
        imported_at: clock.now(),
        actor: 'hand-edit',
        files: JSON.stringify([]),
        data: JSON.stringify({ states: { MX: { total: 'many' } } }),
      })
      .execute()
    await expect(loadEvidenceTables(t.db)).rejects.toThrow(
      /evidence set \d+ \(victim-cases\) has an unexpected shape/,
    )
  })
})
