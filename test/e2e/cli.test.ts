import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { glasshouse } from '../glasshouse-cli.ts'
import { csvRow, csvText } from '../licence-csv-fixtures.ts'
import { inThePGlitePass } from '../pglite-pass.ts'

inThePGlitePass('glasshouse CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-cli-'))
  const dataDir = join(dir, 'data')

  it('explains itself and every verb', async () => {
    const help = await glasshouse(['--help'], dataDir)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('import licences FILE')
    const importHelp = await glasshouse(['import', '--help'], dataDir)
    expect(importHelp.stdout).toContain('--skip-invalid')
    const unknown = await glasshouse(['frobnicate'], dataDir)
    expect(unknown.code).toBe(2)
  })

  it('imports, refuses a bad file with line and field and exit 1, and exports', async () => {
    const good = join(dir, 'good.csv')
    writeFileSync(
      good,
      csvText([
        csvRow({ reference: 'CLI-1' }),
        csvRow({ reference: 'CLI-1', control_entry: '5D001.e' }),
      ]),
    )
    const imported = await glasshouse(['import', 'licences', good, '--json'], dataDir)
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ applications: 1, items: 2 })

    const bad = join(dir, 'bad.csv')
    writeFileSync(
      bad,
      csvText([csvRow({ reference: 'CLI-2' }), csvRow({ reference: 'CLI-3', destination: 'XX' })]),
    )
    const refused = await glasshouse(['import', 'licences', bad], dataDir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('line 3, destination: unknown country "XX"')
    expect(refused.stderr).toContain('Nothing was imported')

    const out = join(dir, 'out.csv')
    const exported = await glasshouse(['export', 'licences', '--out', out], dataDir)
    expect(exported.code).toBe(0)
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(3) // header + two item lines of CLI-1; CLI-2 was never written
    expect(lines[1]).toMatch(/^CLI-1,DE,de-bafa,/)

    const missing = await glasshouse(['import', 'licences', join(dir, 'nope.csv')], dataDir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')
  })

  it('logs the imported decision: log verify passes, and its proof bundle checks offline', async () => {
    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, decisions: 1, licences: 1 })
    const proved = await glasshouse(['log', 'prove', 'CLI-1'], dataDir)
    expect(proved.code, proved.stderr).toBe(0)
    const bundle = JSON.parse(proved.stdout) as { vkey: string; leaves: { leaf: string }[] }
    expect(JSON.parse(bundle.leaves[0]?.leaf ?? '{}')).toMatchObject({
      action: 'import',
      imported: true,
      sourceSha256: createHash('sha256')
        .update(readFileSync(join(dir, 'good.csv')))
        .digest('hex'),
    })
    const file = join(dir, 'proof.json')
    writeFileSync(file, proved.stdout)
    const checked = await glasshouse(['log', 'check', file, '--vkey', bundle.vkey], dataDir)
    expect(checked.code, checked.stderr).toBe(0)
    expect(checked.stdout).toMatch(/^Verified: 1 logged record/)
  }, 120_000)
})
