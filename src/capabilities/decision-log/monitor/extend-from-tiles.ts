// Reads the leaves a monitor has not seen yet from the C2SP tiles and appends them to its
// compact range. For each 256-leaf tile it fetches the entry bundle and the level-0 hash tile,
// hashes every entry as an RFC 9162 leaf and checks it is the hash the tile publishes, so the
// entries anyone can read are the ones the tree commits to. Tiles are fetched a few at a time,
// in batches, so memory stays bounded on a large log.
import {
  bytesEqual,
  HASH_SIZE,
  hashLeaf,
  TILE_WIDTH,
  tileIndexPath,
  tilePath,
} from '../tlog/index.ts'
import { fail, ok, type Result } from '../tlog/result.ts'
import { type CompactRange, extendRange } from './compact-range.ts'
import { parseEntryBundle } from './entry-bundle.ts'
import type { LogClient } from './log-client.ts'

export interface ExtendOptions {
  /** Tiles fetched at once (each tile is two requests). */
  concurrency?: number
  /** Called after each batch of tiles: leaves read so far, of how many. */
  onProgress?: (done: number, total: number) => void
}

/**
 * `range` extended to `size` leaves from the server's tiles. Fails (as a value) when an entry
 * does not hash to its tile's leaf hash or a tile is malformed; throws LogFetchError when the
 * server cannot be read.
 */
export async function extendFromTiles(
  client: LogClient,
  range: CompactRange,
  size: number,
  { concurrency = 4, onProgress }: ExtendOptions = {},
): Promise<Result<CompactRange>> {
  if (size <= range.size) return ok(range)
  let current = range
  const firstTile = Math.floor(range.size / TILE_WIDTH)
  const endTile = Math.ceil(size / TILE_WIDTH)
  const batch = concurrency * 4
  for (let start = firstTile; start < endTile; start += batch) {
    const tiles = Array.from({ length: Math.min(batch, endTile - start) }, (_, k) => start + k)
    const read = await mapLimited(tiles, concurrency, (n) => leafHashesOfTile(client, n, size))
    for (const [k, tile] of read.entries()) {
      if (!tile.ok) return tile
      // The first tile may hold leaves the range already has (it was partial last time).
      const skip = Math.max(0, current.size - (tiles[k] as number) * TILE_WIDTH)
      current = extendRange(current, tile.value.slice(skip))
    }
    onProgress?.(current.size - range.size, size - range.size)
  }
  return ok(current)
}

/** The checked leaf hashes of tile `n` of a tree of `size` leaves (partial when it is the last). */
async function leafHashesOfTile(
  client: LogClient,
  n: number,
  size: number,
): Promise<Result<Uint8Array[]>> {
  const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH)
  const partial = width < TILE_WIDTH ? width : undefined
  const hashPath = tilePath(0, n, partial)
  const entriesPath = `tile/entries/${tileIndexPath(n)}${partial === undefined ? '' : `.p/${width}`}`
  const [hashes, bundle] = await Promise.all([
    client.getBytes(hashPath),
    client.getBytes(entriesPath),
  ])
  if (hashes.length !== width * HASH_SIZE) {
    return fail(`${hashPath} is ${hashes.length} bytes, not ${width} hashes of ${HASH_SIZE} bytes`)
  }
  const entries = parseEntryBundle(bundle, width)
  if (!entries.ok) return fail(`${entriesPath} ${entries.reason}`)
  const out: Uint8Array[] = []
  for (const [i, entry] of entries.value.entries()) {
    const leafHash = hashLeaf(entry)
    if (!bytesEqual(leafHash, hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
      return fail(
        `entry ${n * TILE_WIDTH + i} in ${entriesPath} does not hash to the leaf hash in ${hashPath}`,
      )
    }
    out.push(leafHash)
  }
  return ok(out)
}

/** Like Promise.all over `items`, with at most `limit` calls running; stops at the first error. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        out[i] = await run(items[i] as T)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}
