import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import type { WatchlistEntity } from '../watchlist-entity.ts'
import { ListFormatError } from './list-format-error.ts'
import type { ParsedListFiles } from './parsed-list-files.ts'
import { parseUnXml } from './un-xml.ts'

const UN = `${SHARED_DATA}sanctions/un/un_sc_consolidated_2026-02-27.xml`
const haveData = existsSync(UN)
const requireData = REQUIRE_SHARED_DATA

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-un-xml-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function parseText(name: string, xml: string): Promise<ParsedListFiles> {
  const path = join(dir, name)
  await writeFile(path, xml)
  return parseUnXml(path)
}

async function failure(name: string, xml: string): Promise<ListFormatError> {
  const error = await parseText(name, xml).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ListFormatError)
  return error as ListFormatError
}

const ONE = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <FIRST_NAME>KIM</FIRST_NAME>
      <SECOND_NAME>CHOL</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>   </FIRST_NAME></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>`

describe('UN XML from text', () => {
  it('reads a small list, expands a birth-year range and skips a record without a name', async () => {
    const list = await parseText('one.xml', ONE)
    expect(list.listDate).toBe('2026-01-02')
    expect(list.stats).toEqual({ rows: 2, skippedWithoutName: 1 })
    expect(list.entities).toHaveLength(1)
    expect(list.entities[0]?.birthDates).toEqual(['1960', '1961', '1962'])
  })

  it('gives line:column for a truncated file', async () => {
    const error = await failure('truncated.xml', ONE.slice(0, 300))
    expect(error.position).toMatch(/^line \d+:\d+$/)
    expect(error.message).toMatch(/^truncated\.xml line \d+:\d+: not well-formed XML: unclosed tag/)
  })

  it('gives line:column for a malformed tag', async () => {
    const error = await failure(
      'malformed.xml',
      ONE.replace('<SECOND_NAME>CHOL</SECOND_NAME>', '<SECOND_NAME>CHOL</SECOND>'),
    )
    expect(error.position).toBe('line 7:33')
    expect(error.message).toContain('malformed.xml line 7:33: not well-formed XML')
  })

  it('refuses a billion-laughs file at once', async () => {
    const entities = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`,
    ).join('\n')
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n${entities}\n]>\n<CONSOLIDATED_LIST>&lol9;</CONSOLIDATED_LIST>`
    // The DOCTYPE is refused before any entity could be declared, let alone expanded.
    const error = await failure('laughs.xml', xml)
    expect(error.message).toMatch(/^laughs\.xml line \d+:\d+: DOCTYPE declarations are refused/)
  })

  it('refuses another XML document by its root element', async () => {
    const error = await failure(
      'other.xml',
      '<?xml version="1.0"?>\n<export><sanctionEntity/></export>',
    )
    expect(error.message).toBe(
      'other.xml line 2:9: root element is <export>, expected <CONSOLIDATED_LIST>',
    )
  })

  it('refuses invalid UTF-8 with its byte offset', async () => {
    const path = join(dir, 'latin1.xml')
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from('<CONSOLIDATED_LIST>\n<X>Caf'),
        Buffer.from([0xe9]),
        Buffer.from('</X></CONSOLIDATED_LIST>'),
      ]),
    )
    await expect(parseUnXml(path)).rejects.toThrow('latin1.xml byte 26 (line 2): not valid UTF-8')
  })
})

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'the real UN consolidated list'
    : `the real UN consolidated list — shared data missing at ${UN}`,
  () => {
    let list: ParsedListFiles
    const byId = (id: string): WatchlistEntity => {
      const entity = list.entities.find((e) => e.entityId === id)
      if (!entity) throw new Error(`no entity ${id}`)
      return entity
    }
    beforeAll(async () => {
      expect(existsSync(UN), `REQUIRE_SHARED_DATA=1 but ${UN} is missing`).toBe(true)
      list = await parseUnXml(UN)
    })

    it('has the 730 individuals and 273 entities of PROVENANCE.md, all named', () => {
      expect(list.source).toBe('un-sc')
      expect(list.listDate).toBe('2026-02-27')
      expect(list.stats).toEqual({ rows: 1003, skippedWithoutName: 0 })
      expect(list.entities.filter((e) => e.schema === 'Person')).toHaveLength(730)
      expect(list.entities.filter((e) => e.schema === 'Organization')).toHaveLength(273)
      expect(new Set(list.entities.map((e) => e.entityId)).size).toBe(1003)
    })

    it('reads a DPRK individual with passport, birth date and nationality (KPi.006)', () => {
      const paek = byId('690747')
      expect(paek.names).toEqual([
        { value: 'PAEK CHANG-HO', quality: 'primary', kind: null },
        { value: 'Pak Chang-Ho', quality: 'good', kind: 'aka' },
        { value: "Paek Ch'ang-Ho", quality: 'good', kind: 'aka' },
      ])
      expect(paek.countries).toEqual(['KP'])
      expect(paek.birthDates).toEqual(['1964-06-18'])
      // Listed three times (French, Spanish, English wording), kept once.
      expect(paek.identifiers).toEqual([
        { type: 'passport', value: '381420754', country: null },
        { type: 'un-reference', value: 'KPi.006', country: null },
      ])
      expect(paek.programmes).toEqual(['DPRK'])
      expect(paek.listedOn).toBe('2013-01-22')
    })

    it('keeps the original-script name and low-quality aliases (TAi.008)', () => {
      const shams = byId('110896')
      expect(shams.names).toContainEqual({
        value: 'SHAMS UR-RAHMAN ABDUL ZAHIR',
        quality: 'primary',
        kind: null,
      })
      expect(shams.names).toContainEqual({
        value: 'شمس الرحمن عبد الظاهر',
        quality: 'good',
        kind: 'original-script',
      })
      expect(shams.names).toContainEqual({
        value: 'Shams ur-Rahman Sher Alam',
        quality: 'low',
        kind: 'aka',
      })
      expect(shams.identifiers).toContainEqual({
        type: 'national-id',
        value: '2132370',
        country: null,
      })
      expect(shams.countries).toEqual(['AF'])
      expect(shams.birthDates).toEqual(['1969'])
      expect(shams.remarks).toMatch(
        /^Believed to be in Afghanistan\/Pakistan border area\. Involved in drug trafficking\./,
      )
    })

    it('reads an entity with f.k.a. names and an address (CDe.001)', () => {
      const adf = byId('6908402')
      expect(adf.schema).toBe('Organization')
      expect(adf.names.map((n) => [n.value, n.kind])).toEqual([
        ['ADF', null],
        ['Allied Democratic Forces', 'aka'],
        ['Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda', 'fka'],
        ['ADF/NALU', 'fka'],
        ['NALU', 'fka'],
      ])
      expect(adf.addresses).toEqual(['North Kivu, Democratic Republic of the Congo'])
      expect(adf.countries).toEqual(['CD'])
    })

    it('maps UN country spellings to ISO codes', () => {
      const codes = new Set(list.entities.flatMap((e) => e.countries))
      for (const code of ['KP', 'IR', 'GB', 'CD', 'SY', 'PS', 'TZ', 'TR', 'RU'])
        expect(codes).toContain(code)
      for (const entity of list.entities)
        for (const code of entity.countries) expect(code).toMatch(/^[A-Z]{2}$/)
    })
  },
)
