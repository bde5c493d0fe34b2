// C2SP tlog-tiles (https://c2sp.org/tlog-tiles) arithmetic, for serving the tree as static
// tiles later: tiles are 256 hashes wide; tile level l holds hashes of 256^l-leaf subtrees.
// Browser-safe, no I/O.

export const TILE_WIDTH = 256

/** Tile index path: 1234067 → "x001/x234/067" (3-digit groups, all but the last prefixed x). */
export function tileIndexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad tile index ${index}`)
  let digits = String(index)
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0')
  const groups = digits.match(/.../g) ?? []
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/')
}

/** `tile/<L>/<N>[.p/<W>]` (W = width of a partial tile, 1–255). */
export function tilePath(level: number, index: number, partialWidth?: number): string {
  const p = partialWidth === undefined ? '' : `.p/${partialWidth}`
  return `tile/${level}/${tileIndexPath(index)}${p}`
}

export interface TileLevel {
  level: number
  fullTiles: number
  /** Width of the trailing partial tile, 0 if none. Partial tiles are never hashed upward. */
  partialWidth: number
}

/** Which tiles exist for a tree of `size` leaves, level by level. */
export function tileLayout(size: number): TileLevel[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad tree size ${size}`)
  const out: TileLevel[] = []
  let hashes = size
  for (let level = 0; hashes > 0; level++) {
    out.push({
      level,
      fullTiles: Math.floor(hashes / TILE_WIDTH),
      partialWidth: hashes % TILE_WIDTH,
    })
    hashes = Math.floor(hashes / TILE_WIDTH)
  }
  return out
}
