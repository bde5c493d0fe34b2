import type { ParsedList } from '../watchlist-entity.ts'

export type ParseOptions = {
  /** Refuse files larger than this many bytes (default MAX_LIST_BYTES, 256 MiB). */
  maxBytes?: number
  /** Called with the running count of records read, for progress bars. */
  onProgress?: (entities: number) => void
}

/**
 * What a parser returns: the list, plus counts a caller can show or check (`rows` read,
 * `skippedWithoutName`, and per-format counts such as OFAC `aliases`), and for an OpenSanctions
 * delta file the ids its DEL lines remove.
 */
export type ParsedListFiles = ParsedList & {
  stats: { rows: number; skippedWithoutName: number } & Record<string, number>
  deletedEntityIds: string[]
  /** True for an OpenSanctions delta file: it changes the list in force rather than replacing it. */
  delta?: boolean
}

/** `{ maxBytes }` only when set (exactOptionalPropertyTypes keeps undefined out). */
export function readOptions(options: ParseOptions): { maxBytes?: number } {
  return options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }
}
