import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { glasshouse } from '../glasshouse-cli.ts'
import { csvRow, csvText } from '../licence-csv-fixtures.ts'
import { inThePGlitePass } from '../pglite-pass.ts'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../test-database.ts'

const INDICATORS = `${SHARED_DATA}country-indicators/`
const INDICATOR_FILES = [
  'rsf_world_press_freedom_index_2022_2025.csv',
  'freedom_house_fiw_2013_2024.csv',
  'vdem_v14_core_indices_2000_2023.csv',
].map((f) => INDICATORS + f)

inThePGlitePass('glasshouse assess, policy and reference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-assessment-'))
  const dataDir = join(dir, 'data')

  it('explains every verb', async () => {
    const main = await glasshouse(['--help'], dataDir)
    expect(main.stdout).toContain('assess REF')
    expect(main.stdout).toContain('policy moratorium on|off')
    expect(main.stdout).toContain('reference import-indicators FILE...')
    const assess = await glasshouse(['assess', '--help'], dataDir)
    expect(assess.stdout).toContain('Usage: glasshouse assess REF [--json]')
    const policy = await glasshouse(['policy', '--help'], dataDir)
    expect(policy.stdout).toContain('--reason TEXT [--effect refuse|hold]')
    const reference = await glasshouse(['reference', '--help'], dataDir)
    expect(reference.stdout).toContain('import-victim-cases FILE...')
  })

  it('shows the policy, refuses an invalid one, and switches the moratorium', async () => {
    const shown = await glasshouse(['policy', 'show', '--json'], dataDir)
    expect(shown.code, shown.stderr).toBe(0)
    const v1 = JSON.parse(shown.stdout)
    expect(v1).toMatchObject({
      version: 1,
      actor: 'system',
      policy: { moratorium: { active: false } },
    })
    const human = await glasshouse(['policy', 'show'], dataDir)
    expect(human.stdout).toContain('Policy version 1')
    expect(human.stdout).toContain('Moratorium: off')

    const invalid = join(dir, 'invalid-policy.json')
    const broken = structuredClone(v1.policy)
    broken.levels.mediumFindingsForHigh = 0
    broken.moratorium.effect = 'shrug'
    writeFileSync(invalid, JSON.stringify(broken))
    const refused = await glasshouse(
      ['policy', 'set', invalid, '--reason', 'Try a broken policy'],
      dataDir,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('levels.mediumFindingsForHigh')
    expect(refused.stderr).toContain('moratorium.effect')
    expect(refused.stderr).toContain('policy version 1 stays in force')

    const notJson = join(dir, 'not-json.json')
    writeFileSync(notJson, '{"name": ')
    const unreadable = await glasshouse(['policy', 'set', notJson, '--reason', 'Oops'], dataDir)
    expect(unreadable.code).toBe(1)
    expect(unreadable.stderr).toContain('not a readable JSON document')

    const noReason = await glasshouse(['policy', 'moratorium', 'on'], dataDir)
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toContain('--reason')
    expect(
      JSON.parse((await glasshouse(['policy', 'show', '--json'], dataDir)).stdout).version,
    ).toBe(1)

    const on = await glasshouse(
      ['policy', 'moratorium', 'on', '--reason', 'Council decision of today', '--json'],
      dataDir,
    )
    expect(on.code, on.stderr).toBe(0)
    expect(JSON.parse(on.stdout)).toMatchObject({
      version: 2,
      actor: 'cli',
      reason: 'Council decision of today',
      policy: { moratorium: { active: true, effect: 'refuse' } },
    })
    // The change is in the public decision log, signed with the development key, and verifies.
    expect(on.stderr).toContain('development key')
    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, leaves: 2, policies: 2 })
    const history = await glasshouse(['policy', 'history', '--json'], dataDir)
    expect(JSON.parse(history.stdout).versions.map((v: { version: number }) => v.version)).toEqual([
      2, 1,
    ])
  }, 180_000)

  it('assesses an imported application and explains it', async () => {
    const csv = join(dir, 'licences.csv')
    writeFileSync(
      csv,
      csvText([
        csvRow({
          reference: 'ASSESS-1',
          control_entry: '4D004',
          item_description: 'Intrusion software',
          decision: 'pending',
          decided_on: '',
          decision_reasons: '',
          decision_explanation: '',
        }),
      ]),
    )
    const imported = await glasshouse(['import', 'licences', csv], dataDir)
    expect(imported.code, imported.stderr).toBe(0)

    const json = await glasshouse(['assess', 'ASSESS-1', '--json'], dataDir)
    expect(json.code, json.stderr).toBe(0)
    const result = JSON.parse(json.stdout)
    expect(result).toMatchObject({ reference: 'ASSESS-1', policyVersion: 2, trigger: 'on_demand' })
    expect(['low', 'medium', 'high', 'prohibitive']).toContain(result.level)
    expect(result.findings.length).toBeGreaterThan(0)
    expect(result.findings[0]).toHaveProperty('legalBasis')
    expect(result.inputSha256).toMatch(/^[0-9a-f]{64}$/)
    // Intrusion software for a Gulf intelligence service: refuse. The moratorium of version 2 is
    // in force on the day of this assessment, so it applies to this pending application too.
    expect(result.recommendation).toBe('refuse')
    expect(result.reasonCodes).toContain('MORATORIUM')
    expect(result.findings.map((f: { rule: string }) => f.rule)).toContain('policy.moratorium')

    const text = await glasshouse(['assess', 'ASSESS-1'], dataDir)
    expect(text.stdout).toContain('ASSESS-1: risk PROHIBITIVE')
    expect(text.stdout).toContain('Recommendation: refuse')
    expect(text.stdout).toContain('Legal basis:')
    expect(text.stdout).toContain('Policy version 2; input SHA-256')

    const unknown = await glasshouse(['assess', 'NO-SUCH-REF'], dataDir)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No application with reference "NO-SUCH-REF"')
    const missing = await glasshouse(['assess'], dataDir)
    expect(missing.code).toBe(2)
  })

  it('refuses a bad indicator file naming file, line and column', async () => {
    const fh = join(dir, 'fh.csv')
    writeFileSync(fh, 'country_territory,iso2,iso3,edition,status,Total\nNorway,NO,NOR,2024,F,98\n')
    const vdem = join(dir, 'vdem.csv')
    writeFileSync(vdem, 'country_text_id,year,v2x_libdem,v2x_civlib\nNOR,2023,0.88,0.96\n')
    const bad = join(dir, 'rsf-bad.csv')
    writeFileSync(
      bad,
      'year,iso3,country_en,zone,score,rank\n2025,NOR,Norway,UE,92.31,1\n2025,SWE,Sweden,UE,n/a,4\n',
    )
    const refused = await glasshouse(['reference', 'import-indicators', bad, fh, vdem], dataDir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('rsf-bad.csv line 3, column score')
    expect(refused.stderr).toContain('Nothing was imported')
    const oneFile = await glasshouse(['reference', 'import-indicators', fh], dataDir)
    expect(oneFile.code).toBe(1)
    expect(oneFile.stderr).toContain('missing: V-Dem, RSF')
    const noFile = await glasshouse(['reference', 'import-indicators'], dataDir)
    expect(noFile.code).toBe(2)
  })

  it.skipIf(!existsSync(INDICATORS) && !REQUIRE_SHARED_DATA)(
    'imports the three publishers’ indicator files in any order',
    async () => {
      const imported = await glasshouse(
        ['reference', 'import-indicators', ...INDICATOR_FILES, '--json'],
        dataDir,
      )
      expect(imported.code, imported.stderr).toBe(0)
      const set = JSON.parse(imported.stdout)
      expect(set).toMatchObject({ kind: 'indicators' })
      expect(set.entries).toBeGreaterThan(100)
      expect(set.files).toHaveLength(3)
      const human = await glasshouse(
        ['reference', 'import-indicators', ...INDICATOR_FILES],
        dataDir,
      )
      expect(human.stdout).toMatch(/Imported country indicators as evidence set \d+: \d+ countries/)
    },
  )
})
