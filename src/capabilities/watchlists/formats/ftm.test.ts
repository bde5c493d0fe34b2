import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARED_DATA } from '../../../../test/test-database.ts'
import { parseFtm } from './ftm.ts'

const DIR = `${SHARED_DATA}sanctions/opensanctions/`
const SAMPLE = `${DIR}eu_fsf_sample.entities.ftm.json`
const DELTA = `${DIR}sanctions_20240527194702-wnk.entities.delta.json`
const haveData = existsSync(SAMPLE) && existsSync(DELTA)
// biome-ignore lint/style/noProcessEnv: the same switch test/test-database.ts documents
const requireData = process.env.REQUIRE_SHARED_DATA === '1'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-ftm-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function write(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, `${lines.join('\n')}\n`)
  return path
}

const person = (id: string, extra: Record<string, string[]> = {}) =>
  JSON.stringify({
    id,
    schema: 'Person',
    caption: 'Jane Roe',
    properties: { name: ['Jane Roe'], ...extra },
    datasets: ['test_ds'],
  })

describe('FtM JSON lines from text', () => {
  it('maps properties, joins Address entities and skips non-party schemas', async () => {
    const path = await write('entities.ftm.json', [
      JSON.stringify({
        id: 'addr-1',
        schema: 'Address',
        properties: { full: ['1 Main St, Minsk'] },
        datasets: ['test_ds'],
      }),
      person('p-1', {
        alias: ['J. Roe'],
        weakAlias: ['Janie'],
        previousName: ['Jane Doe'],
        nationality: ['by'],
        country: ['xx'],
        birthDate: ['1971-01-22', '1970'],
        passportNumber: ['MP123'],
        innCode: ['7700'],
        program: ['BLR'],
        createdAt: ['2022-06-03T10:00:00'],
        notes: ['Head of a   penal colony'],
        addressEntity: ['addr-1'],
      }),
      JSON.stringify({
        id: 's-1',
        schema: 'Sanction',
        properties: { entity: ['p-1'] },
        datasets: ['test_ds'],
      }),
      JSON.stringify({
        id: 'v-1',
        schema: 'Airplane',
        caption: 'EW-001',
        properties: { name: ['EW-001'] },
        datasets: ['test_ds'],
      }),
    ])
    const list = await parseFtm(path)
    expect(list.source).toBe('opensanctions:test_ds')
    expect(list.stats).toEqual({ rows: 4, skippedWithoutName: 0 })
    expect(list.entities.map((e) => [e.entityId, e.schema])).toEqual([
      ['p-1', 'Person'],
      ['v-1', 'Aircraft'],
    ])
    expect(list.entities[0]).toEqual({
      entityId: 'p-1',
      schema: 'Person',
      names: [
        { value: 'Jane Roe', quality: 'primary', kind: null },
        { value: 'J. Roe', quality: 'good', kind: 'aka' },
        { value: 'Jane Doe', quality: 'good', kind: 'fka' },
        { value: 'Janie', quality: 'low', kind: 'aka' },
      ],
      countries: ['BY'],
      birthDates: ['1971-01-22', '1970'],
      identifiers: [
        { type: 'passport', value: 'MP123', country: null },
        { type: 'inn', value: '7700', country: null },
      ],
      programmes: ['BLR'],
      listedOn: '2022-06-03',
      addresses: ['1 Main St, Minsk'],
      remarks: 'Head of a penal colony',
    })
  })

  it('returns DEL lines of a delta file as deletions', async () => {
    const path = await write('entities.delta.json', [
      JSON.stringify({ op: 'ADD', entity: JSON.parse(person('p-1')) }),
      JSON.stringify({ op: 'MOD', entity: JSON.parse(person('p-2')) }),
      JSON.stringify({ op: 'DEL', entity: { id: 'p-3', schema: 'Person', properties: {} } }),
    ])
    const list = await parseFtm(path)
    expect(list.entities.map((e) => e.entityId)).toEqual(['p-1', 'p-2'])
    expect(list.deletedEntityIds).toEqual(['p-3'])
  })

  it('names the line of malformed JSON', async () => {
    const path = await write('broken.ftm.json', [
      person('p-1'),
      '{"id": "p-2", "schema": "Person",',
    ])
    await expect(parseFtm(path)).rejects.toThrow(/^broken\.ftm\.json line 2: not valid JSON \(/)
  })

  it('refuses a NUL character, which PostgreSQL cannot store, naming the line (found by fuzzing)', async () => {
    const path = await write('nul.ftm.json', [
      person('p-1'),
      person('p-2', { alias: ['Jane\u0000Roe'] }),
    ])
    await expect(parseFtm(path)).rejects.toThrow(
      'nul.ftm.json line 2: a string contains a NUL character (\\u0000)',
    )
  })

  it('refuses a line without a break past 16 M characters, naming it (found by fuzzing)', async () => {
    const path = join(dir, 'endless.ftm.json')
    await writeFile(path, `${person('p-1')}\n${'['.repeat(17 * 1024 * 1024)}`)
    await expect(parseFtm(path)).rejects.toThrow(
      'endless.ftm.json line 2: a line runs past 16,777,216 characters',
    )
  })

  it('names the line of JSON that is not an entity', async () => {
    const path = await write('array.ftm.json', [person('p-1'), '', '[1, 2]'])
    await expect(parseFtm(path)).rejects.toThrow(
      'array.ftm.json line 3: expected an FtM entity with id, schema and properties',
    )
  })
})

describe.skipIf(!haveData && !requireData)(
  haveData
    ? 'the real OpenSanctions FtM samples'
    : `the real OpenSanctions FtM samples — shared data missing at ${DIR}`,
  () => {
    beforeAll(() => {
      expect(haveData, `REQUIRE_SHARED_DATA=1 but ${DIR} is missing`).toBe(true)
    })

    it('reads the 6 parties of the eu_fsf sample and skips its Address', async () => {
      const list = await parseFtm(SAMPLE)
      expect(list.source).toBe('opensanctions:eu_fsf')
      expect(list.stats).toEqual({ rows: 7, skippedWithoutName: 0 })
      expect(list.entities.map((e) => e.schema)).toEqual([
        'Organization',
        'Person',
        'Person',
        'Person',
        'Person',
        'Organization',
      ])
      const kuzmenko = list.entities.find((e) => e.entityId === 'NK-2Ka3UvopqbpZmVDFjWd4LA')
      expect(kuzmenko).toMatchObject({
        countries: ['RU'],
        birthDates: ['1971-01-22'],
        identifiers: [{ type: 'tax-id', value: '366510784303', country: null }],
        listedOn: '2024-02-23',
      })
      expect(kuzmenko?.names[0]).toEqual({
        value: 'Vitaly Yurievich KUZMENKO',
        quality: 'primary',
        kind: null,
      })
      expect(kuzmenko?.names.map((n) => n.value)).toContain('Виталий Юрьевич КУЗЬМЕНКО')
    })

    it('reads the 2 ADD lines of the delta file, from mixed datasets', async () => {
      const list = await parseFtm(DELTA)
      expect(list.source).toBe('opensanctions')
      expect(list.entities.map((e) => [e.names[0]?.value, e.schema])).toEqual([
        ['AL-QAIDA IN IRAQ', 'Organization'],
        ['Janan Agha', 'Person'],
      ])
      expect(list.deletedEntityIds).toEqual([])
      const aqi = list.entities[0]
      expect(aqi?.names).toContainEqual({ value: 'ISIS', quality: 'good', kind: 'aka' })
      expect(aqi?.names.filter((n) => n.quality === 'low').length).toBeGreaterThan(0)
      expect(aqi?.countries).toEqual(['IQ', 'SY'])
    })
  },
)
