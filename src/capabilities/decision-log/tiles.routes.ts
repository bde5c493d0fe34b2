import { Hono } from 'hono'
import type { Db } from '../../platform/db/database.ts'
import { latestCheckpoint } from './log-store.ts'
import { TILE_WIDTH } from './tlog/index.ts'

/**
 * The tree as C2SP tlog-tiles (https://c2sp.org/tlog-tiles), so standard tooling (and mirrors,
 * caches, witnesses) can read the log without our API: `/tile/<L>/<N>[.p/<W>]` holds 256 (or W)
 * hashes of level-8L nodes, `/tile/entries/<N>[.p/<W>]` the leaves as entry bundles (each entry
 * a big-endian uint16 length and the bytes). Only what the latest checkpoint covers is served;
 * full tiles never change, so they may be cached for ever.
 */
export function createTileRoutes({ db }: { db: Db }) {
  const app = new Hono()
  app.get('/tile/*', async (c) => {
    const parsed = parseTilePath(c.req.path.slice('/tile/'.length))
    if (!parsed) return c.text('not a tile path\n', 400)
    const size = (await latestCheckpoint(db))?.size ?? 0
    const level = parsed.level === 'entries' ? 0 : parsed.level * 8
    const available = Math.floor(size / 2 ** level)
    const from = parsed.index * TILE_WIDTH
    const width = parsed.width ?? TILE_WIDTH
    if (from + width > available) return c.text('no such tile yet\n', 404)
    const body =
      parsed.level === 'entries'
        ? await entryBundle(db, from, width)
        : await hashTile(db, level, from, width)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/octet-stream',
      'cache-control':
        parsed.width === undefined ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
  })
  return app
}

type TileRef = { level: number | 'entries'; index: number; width: number | undefined }

/** `0/x001/234`, `2/005.p/17`, `entries/x001/002.p/3` → level, index, partial width. */
export function parseTilePath(path: string): TileRef | null {
  const match = /^(\d{1,2}|entries)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d{1,3}))?$/.exec(path)
  if (!match) return null
  const level = match[1] === 'entries' ? 'entries' : Number(match[1])
  const index = Number((match[2] as string).replace(/x|\//g, ''))
  const width = match[3] === undefined ? undefined : Number(match[3])
  if (!Number.isSafeInteger(index)) return null
  if (width !== undefined && (width < 1 || width >= TILE_WIDTH)) return null
  return { level, index, width }
}

async function hashTile(db: Db, level: number, from: number, width: number): Promise<Uint8Array> {
  const rows = await db
    .selectFrom('log_nodes')
    .select(['index', 'hash'])
    .where('level', '=', level)
    .where('index', '>=', from)
    .where('index', '<', from + width)
    .orderBy('index')
    .execute()
  const out = new Uint8Array(width * 32)
  for (const [i, r] of rows.entries()) out.set(r.hash, i * 32)
  return out
}

async function entryBundle(db: Db, from: number, width: number): Promise<Uint8Array> {
  const rows = await db
    .selectFrom('log_leaves')
    .select('leaf')
    .where('index', '>=', from)
    .where('index', '<', from + width)
    .orderBy('index')
    .execute()
  const entries = rows.map((r) => new TextEncoder().encode(r.leaf))
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0))
  let at = 0
  for (const e of entries) {
    new DataView(out.buffer).setUint16(at, e.length)
    out.set(e, at + 2)
    at += 2 + e.length
  }
  return out
}
