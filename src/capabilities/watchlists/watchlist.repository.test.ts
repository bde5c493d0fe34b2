import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import { seedBuiltInList } from './built-in/seed-built-in-list.ts'
import { BUILT_IN_SOURCE, builtInSurveillanceList } from './built-in/surveillance-vendors.ts'
import {
  listChanges,
  listStatus,
  loadWatchlistEntities,
  replaceListVersion,
} from './watchlist.repository.ts'
import type { ParsedList, WatchlistEntity } from './watchlist-entity.ts'

const clock = fixedClock('2026-11-28T12:00:00Z')

function entity(id: string, name: string, extra: Partial<WatchlistEntity> = {}): WatchlistEntity {
  return {
    entityId: id,
    schema: 'Organization',
    names: [{ value: name, quality: 'primary', kind: null }],
    countries: [],
    birthDates: [],
    identifiers: [],
    programmes: ['TEST'],
    listedOn: null,
    addresses: [],
    remarks: null,
    ...extra,
  }
}

function list(listDate: string, entities: WatchlistEntity[]): ParsedList {
  return { source: 'test-list', listDate, entities }
}

const version = (l: ParsedList) => ({ list: l, format: 'ftm', files: [], actor: 'tester' })

describe('watchlist store', () => {
  const t = useTestDatabase()

  it('puts a first version in force with every entity added', async () => {
    const result = await replaceListVersion(
      t.db,
      clock,
      version(list('2026-01-01', [entity('a', 'Alpha Trading LLC'), entity('b', 'Beta Ltd')])),
    )
    expect(result).toMatchObject({ entities: 2, names: 2, added: 2, removed: 0, modified: 0 })
    const changes = await listChanges(t.db, result.versionId)
    expect(changes.map((c) => `${c.change}:${c.entityId}`).sort()).toEqual(['added:a', 'added:b'])
  })

  it('replaces it with a newer version and records added, removed and modified', async () => {
    const result = await replaceListVersion(
      t.db,
      clock,
      version(
        list('2026-02-01', [
          entity('a', 'Alpha Trading LLC', { countries: ['AE'] }),
          entity('c', 'Gamma Systems'),
        ]),
      ),
    )
    expect(result).toMatchObject({ entities: 2, added: 1, removed: 1, modified: 1 })
    const changes = await listChanges(t.db, result.versionId)
    expect(changes.map((c) => `${c.change}:${c.entityId}`).sort()).toEqual([
      'added:c',
      'modified:a',
      'removed:b',
    ])
    const loaded = []
    for await (const e of loadWatchlistEntities(t.db)) loaded.push(e)
    const mine = loaded.filter((e) => e.source === 'test-list')
    expect(mine.map((e) => e.entity.entityId).sort()).toEqual(['a', 'c'])
    expect(mine.find((e) => e.entity.entityId === 'a')?.entity.countries).toEqual(['AE'])
  })

  it('leaves the version in force untouched when an import fails', async () => {
    const before = await listStatus(t.db)
    await expect(
      replaceListVersion(
        t.db,
        clock,
        version(list('2026-03-01', [entity('x', 'One'), entity('x', 'Two')])),
      ),
    ).rejects.toThrow(/entity id "x" appears twice/)
    await expect(
      replaceListVersion(t.db, clock, version(list('2025-12-01', [entity('z', 'Old')]))),
    ).rejects.toThrow(/older than the version in force \(2026-02-01\)/)
    expect(await listStatus(t.db)).toEqual(before)
    const ids = []
    for await (const e of loadWatchlistEntities(t.db)) ids.push(e.entity.entityId)
    expect(ids).not.toContain('x')
    expect(ids).not.toContain('z')
  })

  it('re-importing the same content records a version with no change', async () => {
    const result = await replaceListVersion(
      t.db,
      clock,
      version(
        list('2026-02-02', [
          entity('a', 'Alpha Trading LLC', { countries: ['AE'] }),
          entity('c', 'Gamma Systems'),
        ]),
      ),
    )
    expect(result).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: true })
  })

  it('applies a delta on top of the list in force instead of replacing it', async () => {
    const base = [entity('d1', 'Delta One'), entity('d2', 'Delta Two'), entity('d3', 'Delta Three')]
    await replaceListVersion(
      t.db,
      clock,
      version({ source: 'delta', listDate: null, entities: base }),
    )
    const result = await replaceListVersion(t.db, clock, {
      ...version({
        source: 'delta',
        listDate: null,
        entities: [entity('d2', 'Delta Two Renamed'), entity('d4', 'Delta Four')],
      }),
      delta: { deletedIds: ['d3', 'unknown'] },
    })
    expect(result).toMatchObject({ entities: 3, names: 3, added: 1, modified: 1, removed: 1 })
    const names: string[] = []
    for await (const e of loadWatchlistEntities(t.db))
      if (e.source === 'delta') names.push(e.entity.names[0]?.value ?? '')
    expect(names.sort()).toEqual(['Delta Four', 'Delta One', 'Delta Two Renamed'])
  })

  it('pages through large lists without losing or repeating entities', async () => {
    const many = Array.from({ length: 2345 }, (_, i) => entity(`m${i}`, `Company ${i}`))
    await replaceListVersion(t.db, clock, {
      ...version({ source: 'many', listDate: null, entities: many }),
    })
    const seen = new Set<string>()
    for await (const e of loadWatchlistEntities(t.db, 500))
      if (e.source === 'many') seen.add(e.entity.entityId)
    expect(seen.size).toBe(2345)
  })

  it('seeds the authored surveillance-vendor list once, with a source on every entry', async () => {
    expect(await seedBuiltInList(t.db, clock)).toBe(true)
    expect(await seedBuiltInList(t.db, clock)).toBe(false)
    const status = (await listStatus(t.db)).find((l) => l.source === BUILT_IN_SOURCE)
    expect(status?.entities).toBe(builtInSurveillanceList().entities.length)
    for (const e of builtInSurveillanceList().entities) {
      expect(e.remarks).toMatch(/Source: https?:\/\//)
      expect(e.programmes).toContain('SURVEILLANCE-ABUSE')
      expect(e.schema).toBe('Company')
    }
  })
})
