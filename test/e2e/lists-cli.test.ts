import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { glasshouse } from '../glasshouse-cli.ts'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../test-database.ts'

const UN = `${SHARED_DATA}sanctions/un/un_sc_consolidated_2026-02-27.xml`

describe.skipIf(
  (!existsSync(UN) && !REQUIRE_SHARED_DATA) || Boolean(process.env.TEST_DATABASE_URL), // test/pglite-pass.ts
)('glasshouse lists and screen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-lists-'))
  const dataDir = join(dir, 'data')

  it('imports a list, reports its status, and refuses a broken newer file', async () => {
    const imported = await glasshouse(
      ['lists', 'import', '--format', 'un-xml', UN, '--json'],
      dataDir,
    )
    expect(imported.code, imported.stderr).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({
      source: 'un-sc',
      listDate: '2026-02-27',
      entities: 1003,
      added: 1003,
    })

    const broken = join(dir, 'broken.xml')
    writeFileSync(broken, readFileSync(UN, 'utf8').slice(0, 50_000))
    const refused = await glasshouse(['lists', 'import', '--format', 'un-xml', broken], dataDir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/broken\.xml line \d+:\d+/)
    expect(refused.stderr).toContain('the list in force is unchanged')

    const status = await glasshouse(['lists', 'status', '--json'], dataDir)
    const lists = JSON.parse(status.stdout).lists as { source: string; entities: number }[]
    expect(lists.find((l) => l.source === 'un-sc')?.entities).toBe(1003)
    expect(lists.map((l) => l.source)).toContain('glasshouse-surveillance-vendors')

    const badFormat = await glasshouse(['lists', 'import', '--format', 'pdf', UN], dataDir)
    expect(badFormat.code).toBe(2)
    expect(badFormat.stderr).toContain('--format must be one of')
  })

  it('screens names from the command line and from a CSV file', async () => {
    const one = await glasshouse(['screen', 'Ri Pyong Chol', '--schema', 'Person'], dataDir)
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/Ri Pyong Chol: 1 hit|Ri Pyong Chol: \d hit\(s\)/)
    expect(one.stdout).toContain('name parts match')

    const json = await glasshouse(['screen', 'Intellexa S.A.', 'John Smith', '--json'], dataDir)
    const result = JSON.parse(json.stdout) as { results: { hits: { entityId: string }[] }[] }
    expect(result.results[0]?.hits[0]?.entityId).toBe('intellexa-sa')
    expect(result.results[1]?.hits).toEqual([])

    const csv = join(dir, 'parties.csv')
    writeFileSync(csv, 'name,schema,country\nCytrox AD,Company,MK\nDeutsche Telekom AG,,DE\n')
    const batch = await glasshouse(['screen', '--csv', csv], dataDir)
    expect(batch.code).toBe(0)
    const rows = batch.stdout.trim().split('\n')
    expect(rows[0]).toBe('name,rank,score,source,entity_id,caption,schema,matched_name,explanation')
    expect(rows[1]).toMatch(/^Cytrox AD,1,[0-9.]+,glasshouse-surveillance-vendors,cytrox-ad,/)
    expect(rows[2]).toMatch(/^Deutsche Telekom AG,0,.*no hit$/)

    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'name,country\nAcme,Narnia\n')
    const refused = await glasshouse(['screen', '--csv', bad], dataDir)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('bad.csv line 2: country "Narnia" is not an ISO code')
  })
})
