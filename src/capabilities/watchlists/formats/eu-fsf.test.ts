import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchlistEntity } from '../watchlist-entity.ts'
import { parseEuFsf } from './eu-fsf.ts'
import type { ParsedListFiles } from './parsed-list-files.ts'

const FIXTURE = new URL('./fixtures/eu-fsf-sample.xml', import.meta.url).pathname

describe('EU Financial Sanctions File XML (hand-written fixture)', () => {
  let list: ParsedListFiles
  let dir = ''
  const byId = (id: string): WatchlistEntity => {
    const entity = list.entities.find((e) => e.entityId === id)
    if (!entity) throw new Error(`no entity ${id}`)
    return entity
  }
  beforeAll(async () => {
    list = await parseEuFsf(FIXTURE)
    dir = await mkdtemp(join(tmpdir(), 'glasshouse-eu-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads 7 sanctionEntity records, 6 with a name', () => {
    expect(list.source).toBe('eu-fsf')
    expect(list.listDate).toBe('2024-06-01')
    expect(list.stats).toEqual({ rows: 7, skippedWithoutName: 1 })
    expect(list.entities.map((e) => [e.entityId, e.schema])).toEqual([
      ['162301', 'Person'],
      ['139131', 'Organization'],
      ['138679', 'Person'],
      ['13125', 'Organization'],
      ['1865', 'Person'],
      ['507', 'Person'],
    ])
  })

  it('reads a person with a Cyrillic alias, citizenship, birth date and tax number', () => {
    expect(byId('162301')).toEqual({
      entityId: '162301',
      schema: 'Person',
      names: [
        { value: 'Vitaly Yurievich KUZMENKO', quality: 'primary', kind: null },
        { value: 'Vitalij Kuzmenko', quality: 'good', kind: null },
        { value: 'Виталий Юрьевич КУЗЬМЕНКО', quality: 'good', kind: null },
      ],
      countries: ['RU'],
      birthDates: ['1971-01-22'],
      identifiers: [
        { type: 'tax-id', value: '366510784303', country: 'RU' },
        { type: 'eu-reference', value: 'EU.11179.96', country: null },
      ],
      programmes: ['UKR'],
      listedOn: '2024-02-23',
      addresses: [],
      remarks:
        'The plant is part of the High Precision Systems holding company of Rostec.\nRegulation 2024/753 (OJ L)',
    })
  })

  it('marks strong="false" and "low quality" names as weak', () => {
    expect(byId('13125').names).toEqual([
      { value: 'Islamic Revolutionary Guard Corps', quality: 'primary', kind: null },
      { value: 'IRGC', quality: 'good', kind: null },
      { value: 'Pasdaran', quality: 'low', kind: 'aka' },
      { value: 'سپاه پاسداران انقلاب اسلامی', quality: 'good', kind: null },
    ])
    expect(byId('1865').names[1]).toEqual({
      value: 'Abdul Rahman Agha',
      quality: 'low',
      kind: 'aka',
    })
  })

  it('reads an enterprise with registration number and address', () => {
    expect(byId('139131')).toMatchObject({
      countries: ['BY'],
      identifiers: [
        { type: 'registration', value: '808000714', country: 'BY' },
        { type: 'eu-reference', value: 'EU.8282.49', country: null },
      ],
      addresses: ['Minsk Free Economic Zone, Minsk, BELARUS'],
      programmes: ['BLR'],
    })
  })

  it('builds names from first/last name, reads birth-year ranges and drops the UNKNOWN country', () => {
    const yasin = byId('507')
    expect(yasin.names[0]).toEqual({ value: 'Abdul Rahman Yasin', quality: 'primary', kind: null })
    expect(yasin.birthDates).toEqual(['1960-04-10', '1961'])
    expect(yasin.countries).toEqual(['US'])
    expect(yasin.identifiers[0]).toEqual({ type: 'passport', value: '27082171', country: 'US' })
    expect(byId('1865').birthDates).toEqual(['1953', '1954', '1955', '1956', '1957', '1958'])
    expect(byId('1865').identifiers).toContainEqual({
      type: 'un-reference',
      value: 'TAi.039',
      country: null,
    })
  })

  it('refuses an export in another namespace', async () => {
    const path = join(dir, 'other-ns.xml')
    await writeFile(
      path,
      '<export xmlns="http://example.org/other"><sanctionEntity logicalId="1"/></export>',
    )
    await expect(parseEuFsf(path)).rejects.toThrow(
      'other-ns.xml line 1: namespace http://example.org/other is not the EU FSF export namespace',
    )
  })
})
