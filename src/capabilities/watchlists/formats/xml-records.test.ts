import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { systemClock } from '../../../platform/clock.ts'
import { importList } from '../import-list.ts'
import { listStatus } from '../watchlist.repository.ts'
import { parseEuFsf } from './eu-fsf.ts'
import { ListFormatError } from './list-format-error.ts'
import { parseUnXml } from './un-xml.ts'
import { MAX_RECORD_CHARACTERS, MAX_RECORD_ELEMENTS, MAX_XML_DEPTH } from './xml-records.ts'

/**
 * Hostile list files (issue 18): a 14 MB UN file of 2,000,000 nested elements in one record was
 * accepted with 1.34 GB peak RSS. Nesting and the size of a record are bounded now.
 */
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-xml-limits-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A UN list of one named individual whose record ends with `inside`, starting on line 4. */
const unList = (inside: string, dataId = '1') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
<INDIVIDUALS>
<INDIVIDUAL><DATAID>${dataId}</DATAID><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>CHOL</SECOND_NAME>${inside}</INDIVIDUAL>
</INDIVIDUALS>
</CONSOLIDATED_LIST>
`

const nested = (levels: number) => '<A>'.repeat(levels) + '</A>'.repeat(levels)

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function refusal(parse: Promise<unknown>): Promise<ListFormatError> {
  const error = await parse.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ListFormatError)
  return error as ListFormatError
}

describe('XML list limits', () => {
  it('refuses elements nested deeper than 64, naming the line', async () => {
    const error = await refusal(parseUnXml(await file('deep.xml', unList(nested(2_000_000)))))
    expect(error.message).toMatch(/^deep\.xml line 4:\d+: elements nested more than 64 deep/)
  })

  it('still reads a record nested exactly 64 deep', async () => {
    // CONSOLIDATED_LIST, INDIVIDUALS and INDIVIDUAL are the first three levels.
    const list = await parseUnXml(await file('64.xml', unList(nested(MAX_XML_DEPTH - 3))))
    expect(list.entities).toHaveLength(1)
    await refusal(parseUnXml(await file('65.xml', unList(nested(MAX_XML_DEPTH - 2)))))
  })

  it('refuses a record of more than 10,000 elements, naming where it starts', async () => {
    const error = await refusal(
      parseUnXml(await file('wide.xml', unList('<A/>'.repeat(4_000_000)))),
    )
    expect(error.message).toMatch(
      /^wide\.xml line 4: the <INDIVIDUAL> record has more than 10,000 elements/,
    )
    const fits = unList('<A/>'.repeat(MAX_RECORD_ELEMENTS - 10))
    expect((await parseUnXml(await file('many.xml', fits))).entities).toHaveLength(1)
  })

  it('refuses a record longer than 1 MiB in its attributes', async () => {
    const attribute = `<A note="${'y'.repeat(64 * 1024)}"/>`.repeat(20)
    const error = await refusal(parseUnXml(await file('attributes.xml', unList(attribute))))
    expect(error.message).toContain('line 4: the <INDIVIDUAL> record is longer than 1,048,576')
  })

  it('refuses a record with one huge text, without waiting for its end', async () => {
    const huge = `<COMMENTS1>${'x'.repeat(MAX_RECORD_CHARACTERS + 1)}</COMMENTS1>`
    const error = await refusal(parseUnXml(await file('text.xml', unList(huge))))
    expect(error.message).toContain('line 4: the <INDIVIDUAL> record is longer than')
    // A record just under the limit is a record.
    const fits = `<COMMENTS1>${'x'.repeat(MAX_RECORD_CHARACTERS - 200)}</COMMENTS1>`
    expect((await parseUnXml(await file('fits.xml', unList(fits)))).entities).toHaveLength(1)
  })

  it('refuses a huge stretch of text between records', async () => {
    const xml = unList('').replace('<INDIVIDUALS>', `<INDIVIDUALS>${' '.repeat(3 * 1024 * 1024)}`)
    const error = await refusal(parseUnXml(await file('gap.xml', xml)))
    expect(error.message).toContain('characters without an element boundary')
  })

  it('applies the same limits to the EU financial sanctions file', async () => {
    const eu = (inside: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-02T00:00:00">
<sanctionEntity logicalId="1"><subjectType code="person"/><nameAlias wholeName="Kim Chol"/>${inside}</sanctionEntity>
</export>
`
    const deep = await refusal(parseEuFsf(await file('eu-deep.xml', eu(nested(100_000)))))
    expect(deep.message).toMatch(/^eu-deep\.xml line 3:\d+: elements nested more than 64 deep/)
    const wide = await refusal(
      parseEuFsf(await file('eu-wide.xml', eu('<remark>x</remark>'.repeat(100_000)))),
    )
    expect(wide.message).toContain('line 3: the <sanctionEntity> record has more than 10,000')
  })

  it('parses the 14 MB nested file of the probe in bounded memory (peak RSS, child process)', async () => {
    const path = await file('probe.xml', unList(nested(2_000_000)))
    const parser = new URL('./un-xml.ts', import.meta.url).pathname
    const script = `
      const { parseUnXml } = await import(${JSON.stringify(parser)})
      let outcome = 'accepted'
      try { await parseUnXml(${JSON.stringify(path)}) } catch (e) { outcome = e.name }
      process.stdout.write(JSON.stringify({ outcome, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
    `
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: new URL('../../../../', import.meta.url).pathname },
    )
    const { outcome, maxRssMb } = JSON.parse(stdout) as { outcome: string; maxRssMb: number }
    expect(outcome).toBe('ListFormatError')
    // Before the limits: accepted, 1.25 GB peak. Now refused at the 65th level: ~110 MB, most of
    // it Node and tsx themselves.
    expect(maxRssMb).toBeLessThan(300)
  }, 60_000)
})

describe('importing a hostile list', () => {
  const t = useTestDatabase()

  it('changes nothing: the list in force stays as it was', async () => {
    await importList(t.db, systemClock, {
      format: 'un-xml',
      paths: [await file('un-good.xml', unList('', '1'))],
      actor: 'test',
    })
    const before = await listStatus(t.db)
    const error = await importList(t.db, systemClock, {
      format: 'un-xml',
      // A newer list, so only its nesting can refuse it.
      paths: [await file('un-deep.xml', unList(nested(10_000), '2').replace('2026-01', '2026-02'))],
      actor: 'test',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ListFormatError)
    expect((error as Error).message).toContain('nested more than 64 deep')
    expect(await listStatus(t.db)).toEqual(before)
  })
})
