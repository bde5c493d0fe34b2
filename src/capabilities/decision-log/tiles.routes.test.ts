import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import { systemClock } from '../../platform/clock.ts'
import { createDecisionLog } from './decision-log.ts'
import { signerFromKey } from './signer.ts'
import { createTileRoutes, parseTilePath } from './tiles.routes.ts'
import { generateKeyPair, hashLeaf, MemoryTree } from './tlog/index.ts'

const ORIGIN = 'tiles.test/log'

describe('C2SP tiles', () => {
  const t = useTestDatabase({ seedPolicy: false })

  it('parses tile paths', () => {
    expect(parseTilePath('0/000')).toEqual({ level: 0, index: 0, width: undefined })
    expect(parseTilePath('1/x001/234.p/17')).toEqual({ level: 1, index: 1234, width: 17 })
    expect(parseTilePath('entries/002')).toEqual({ level: 'entries', index: 2, width: undefined })
    expect(parseTilePath('0/1')).toBeNull()
    expect(parseTilePath('0/000.p/256')).toBeNull()
  })

  it('serves hash and entry tiles that match the tree', async () => {
    const log = createDecisionLog({
      key: signerFromKey(generateKeyPair(ORIGIN).skey),
      origin: ORIGIN,
      clock: systemClock,
    })
    const texts = Array.from({ length: 300 }, (_, i) => JSON.stringify({ type: 'test', n: i }))
    await t.db.transaction().execute((trx) =>
      log.append(
        trx,
        texts.map((leaf, i) => ({ kind: 'test', subject: `s${i}`, leaf })),
      ),
    )
    const tree = new MemoryTree()
    for (const text of texts) tree.append(hashLeaf(new TextEncoder().encode(text)))
    const app = createTileRoutes({ db: t.db })
    const get = async (path: string) => {
      const r = await app.request(`/tile/${path}`)
      return { status: r.status, bytes: new Uint8Array(await r.arrayBuffer()) }
    }

    const full = await get('0/000')
    expect(full.status).toBe(200)
    expect(full.bytes.length).toBe(256 * 32)
    expect(full.bytes.slice(255 * 32)).toEqual(await tree.node(0, 255))
    const partial = await get('0/001.p/44')
    expect(partial.bytes.slice(0, 32)).toEqual(await tree.node(0, 256))
    const upper = await get('1/000.p/1')
    expect(upper.bytes).toEqual(await tree.node(8, 0))

    const entries = await get('entries/000')
    const view = new DataView(entries.bytes.buffer)
    const first = view.getUint16(0)
    expect(new TextDecoder().decode(entries.bytes.slice(2, 2 + first))).toBe(texts[0])

    expect((await get('0/001')).status).toBe(404)
    expect((await get('0/002.p/1')).status).toBe(404)
    expect((await get('zero/000')).status).toBe(400)
  })
})
