import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EvidenceFormatError } from './evidence-format-error.ts'
import { parseEmbargoes } from './parse-embargoes.ts'
import { parseFreedomHouse } from './parse-freedom-house.ts'
import { parseOperatorStates } from './parse-operator-states.ts'
import { parseRsf } from './parse-rsf.ts'
import { parseVdem } from './parse-vdem.ts'
import { parseVictimCases } from './parse-victim-cases.ts'

const dir = mkdtempSync(join(tmpdir(), 'glasshouse-evidence-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function failure(promise: Promise<unknown>): Promise<EvidenceFormatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(EvidenceFormatError)
  return error as EvidenceFormatError
}

const RSF_HEADER = 'year,iso3,country_en,zone,score,rank'
const FH_HEADER = 'country_territory,iso2,iso3,edition,status,Total'

describe('bad evidence files are refused with the file, line and column', () => {
  it('names a missing column', async () => {
    const error = await failure(
      parseRsf(file('rsf-no-rank.csv', 'year,iso3,score\n2025,NOR,92.31\n')),
    )
    expect(error).toMatchObject({ line: 1, column: 'rank' })
    expect(error.message).toBe('rsf-no-rank.csv line 1, column rank: missing column rank')
  })

  it('names a score that is not a number', async () => {
    const path = file(
      'rsf-bad-score.csv',
      `${RSF_HEADER}\n2025,NOR,Norway,UE,92.31,1\n2025,SWE,Sweden,UE,n/a,4\n`,
    )
    const error = await failure(parseRsf(path))
    expect(error).toMatchObject({ file: path, line: 3, column: 'score' })
    expect(error.message).toContain(
      'rsf-bad-score.csv line 3, column score: expected a number, found "n/a"',
    )
  })

  it('refuses a score outside its scale and an unknown status', async () => {
    const outside = await failure(
      parseVdem(file('vdem.csv', 'country_text_id,year,v2x_libdem,v2x_civlib\nNOR,2023,1.5,0.9\n')),
    )
    expect(outside).toMatchObject({ line: 2, column: 'v2x_libdem' })
    const status = await failure(
      parseFreedomHouse(file('fh.csv', `${FH_HEADER}\nNorway,NO,NOR,2024,Free,98\n`)),
    )
    expect(status).toMatchObject({ line: 2, column: 'status' })
  })

  it('refuses an empty file and a file with only a header', async () => {
    const empty = await failure(parseFreedomHouse(file('empty.csv', '')))
    expect(empty.message).toBe('empty.csv: is empty: no header row')
    const headerOnly = await failure(parseFreedomHouse(file('header-only.csv', `${FH_HEADER}\n`)))
    expect(headerOnly.message).toContain('has no data rows')
  })

  it('refuses a row with the wrong number of columns and broken quoting', async () => {
    const short = await failure(parseRsf(file('short.csv', `${RSF_HEADER}\n2025,NOR,Norway\n`)))
    expect(short).toMatchObject({ line: 2, column: null })
    const quote = await failure(
      parseRsf(file('quote.csv', `${RSF_HEADER}\n2025,NOR,"Nor"way,UE,92.31,1\n`)),
    )
    expect(quote.line).toBe(2)
  })

  it('refuses an unknown evidence kind, a role it cannot classify and a bad embargo flag', async () => {
    const header =
      'iso2,country,spyware,vendor,first_reported,evidence,targets_civil_society,pegasus_project_2021,source_title,source_url,verified,notes'
    const kind = await failure(
      parseOperatorStates(
        file(
          'ops.csv',
          `${header}\nAZ,Azerbaijan,Pegasus,NSO Group,2021,rumour,true,true,T,https://example.org/a,S,\n`,
        ),
      ),
    )
    expect(kind).toMatchObject({ line: 2, column: 'evidence' })
    const role = await failure(
      parseVictimCases([
        file(
          'cases.csv',
          'spyware,role,occurred,operator_iso3\nPegasus (NSO Group),Astronaut,2020,MEX\n',
        ),
      ]),
    )
    expect(role).toMatchObject({ line: 2, column: 'role' })
    const embargo = await failure(
      parseEmbargoes(
        file(
          'embargoes.csv',
          'iso2,country,regime,instrument,scope,internal_repression_ban,monitoring_equipment_ban,since,source_url,verified,notes\nBY,Belarus,EU,Decision,full arms embargo,yes,true,2011,https://example.org,V,\n',
        ),
      ),
    )
    expect(embargo).toMatchObject({ line: 2, column: 'internal_repression_ban' })
  })

  it('says when a file cannot be read', async () => {
    const error = await failure(parseEmbargoes(join(dir, 'missing.csv')))
    expect(error.message).toMatch(/^missing\.csv: cannot be read/)
  })
})
